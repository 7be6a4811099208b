"""The agency-wide predicate run: every employee's predicate recomputed from the two ratings in
one UPDATE, then the distribution of each unit's predicates checked against the pattern of its
organisation predicate.

The predicate follows from the results rating and the behaviour rating by the matrix of
PermenPANRB 6/2022, Lampiran (`kinerja.appraisal.predicate.PREDICATE_MATRIX`); the pattern is
that of SE MenPANRB 3/2023 (`kinerja.appraisal.distribution`). At province scale (60,000
evaluations, 3,029 units) the run is one UPDATE that writes only the rows whose stored predicate
differs, and the report is one GROUP BY over the evaluations plus one read of the units'
organisation predicates: a fraction of a second, not one query per employee or unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.utils.translation import gettext_lazy

from kinerja.appraisal.distribution import DEFAULT_PATTERN, DistributionCheck, check_distribution
from kinerja.appraisal.models import Evaluation, UnitAssessment
from kinerja.appraisal.predicate import PREDICATE_MATRIX, OrganisationPredicate, Predicate
from kinerja.appraisal.selectors.evaluation import kind_of, subperiod_label
from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Unit
from kinerja.planning.models import Period

RECOMPUTED = "appraisal.evaluation.predicates_recomputed"


def register_audit_actions() -> None:
    """Register the run's audit action (called from AppraisalConfig.ready)."""
    audit.register_actions(
        {RECOMPUTED: gettext_lazy("Predikat kinerja pegawai dihitung ulang untuk seluruh instansi")}
    )


def matrix_case() -> Case:
    """The predicate matrix (PermenPANRB 6/2022, Lampiran) as one SQL CASE over the ratings."""
    return Case(
        *(
            When(
                results_rating=results.value, behaviour_rating=behaviour.value, then=Value(p.value)
            )
            for (results, behaviour), p in PREDICATE_MATRIX.items()
        ),
        default=Value(""),
    )


def _evaluations(period: Period, subperiod: int) -> Any:
    return Evaluation.objects.filter(
        period=period, kind=kind_of(subperiod), subperiod=subperiod
    ).order_by()


@dataclass(frozen=True)
class RecomputeResult:
    rated: int  # evaluations with both ratings
    changed: int  # whose stored predicate differed from the matrix and was rewritten


@transaction.atomic
def recompute_predicates(period: Period, *, actor: User | None, subperiod: int) -> RecomputeResult:
    """Set every rated evaluation's predicate of the period's sub-period (0: annual) to the one
    the matrix gives for its two ratings, in one UPDATE of only the rows that differ (their
    `version` is bumped); evaluations without both ratings are left alone. One audit entry on
    the period records how many changed. `actor` None is the system (the management command);
    a user must be the agency admin."""
    if actor is not None:
        require(actor, "appraisal.recompute_predicates", period)
    computed = matrix_case()
    rated = _evaluations(period, subperiod).exclude(results_rating="").exclude(behaviour_rating="")
    total = rated.count()
    changed = rated.exclude(predicate=computed).update(predicate=computed, version=F("version") + 1)
    label = subperiod_label(period, subperiod)
    audit.record(
        period,
        RECOMPUTED,
        actor=actor,
        agency_id=period.agency_id,
        changes={"predikat diubah": (None, changed)},
        note=f"{label}: {changed} dari {total} evaluasi yang sudah dinilai diperbarui.",
    )
    return RecomputeResult(rated=total, changed=changed)


@dataclass
class UnitDistribution:
    """One unit's predicates, and their check when the unit's organisation predicate is set."""

    unit: Unit
    counts: dict[Predicate, int] = field(default_factory=dict)
    organisation_predicate: OrganisationPredicate | None = None
    check: DistributionCheck | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class DistributionReport:
    units: list[UnitDistribution]

    @property
    def checked(self) -> list[UnitDistribution]:
        return [u for u in self.units if u.check is not None]

    @property
    def breaching(self) -> list[UnitDistribution]:
        return [u for u in self.units if u.check is not None and not u.check.passes]

    @property
    def without_organisation_predicate(self) -> list[UnitDistribution]:
        return [u for u in self.units if u.organisation_predicate is None]


def distribution_report(period: Period, subperiod: int) -> DistributionReport:
    """Every unit with rated employees in the evaluation, by unit path: predicate counts from
    one GROUP BY, checked with `check_distribution` (SE MenPANRB 3/2023) against the pattern of
    the unit's organisation predicate where one is set. Three queries whatever the size."""
    rows = (
        _evaluations(period, subperiod)
        .exclude(predicate="")
        .values("unit_id", "predicate")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[Predicate, int]] = {}
    for row in rows:
        counts.setdefault(row["unit_id"], {})[Predicate(row["predicate"])] = row["n"]
    assessments = dict(
        UnitAssessment.objects.filter(
            Q(unit_id__in=list(counts)),
            period=period,
            kind=kind_of(subperiod),
            subperiod=subperiod,
        ).values_list("unit_id", "organisation_predicate")
    )
    units = Unit.objects.filter(pk__in=list(counts)).order_by("path")
    report = []
    for unit in units:
        entry = UnitDistribution(unit, counts[unit.pk])
        chosen = assessments.get(unit.pk)
        if chosen:
            entry.organisation_predicate = OrganisationPredicate(chosen)
            entry.check = check_distribution(
                entry.organisation_predicate, entry.counts, DEFAULT_PATTERN
            )
        report.append(entry)
    return DistributionReport(report)
