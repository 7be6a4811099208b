"""Compliance monitoring for the inspectorate and BKPSDM: what the performance cycle and the
public services should have done and did not, counted per unit, each count backed by its list.

The checks of one period (as of `today`):

| code | counts | rule |
|---|---|---|
| `plan_late` | active employees | no current SKP approved by the period's SKP deadline (only once that deadline has passed) |
| `realisation_no_evidence` | realisations | a value or description typed in (not fed by data) without any evidence file or link |
| `rating_without_basis` | periodic evaluations | rated or final, while the sub-period's realisations carry no evidence and the rater gave no feedback in it |
| `distribution_breach` | unit predicates | the head confirmed a departure from the distribution pattern (SE MenPANRB 3/2023) |
| `evaluation_late` | sub-periods × SKP | an approved SKP whose periodic evaluation of a sub-period is not final EVALUATION_GRACE_DAYS after the sub-period ended |
| `complaint_overdue` | complaints | still open past their time limit (first response or resolution), today |

Counts are aggregated in SQL: one grouped query per check over the viewer's units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.models import (
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    Evidence,
    Feedback,
    Realisation,
    UnitAssessment,
)
from kinerja.citizen.models import Complaint
from kinerja.citizen.services.complaint_escalation import overdue_query
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import PerformancePlan, Period, PlanStatus
from kinerja.planning.subperiods import subperiods

# No regulation fixes when a periodic evaluation must be final; Kinerja flags a sub-period
# whose evaluation is still open a month after it ended (the rater has had the realisations,
# the employee the objection window is then still ahead).
EVALUATION_GRACE_DAYS = 30


@dataclass(frozen=True)
class Scope:
    """What one monitoring view covers: the agency's period, the day, the viewer's units.

    `unit_paths` None means the whole agency; otherwise the subtrees with these paths."""

    period: Period
    today: dt.date
    unit_paths: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Check:
    """One compliance check: what its rows are, and how each row finds its unit."""

    code: str
    label: Promise
    short: Promise  # a column heading
    counts: Promise
    rule: Promise
    unit_field: str  # the lookup from a row to its unit id, e.g. "plan__employee__unit_id"
    rows: Callable[[Scope], QuerySet[Any]]
    weight: str = ""  # a column of the rows to sum instead of counting them
    # The order of a list over the whole reach when sorting every row by unit would cost more
    # than the page (millions of realisations): newest first, read from the primary key.
    wide_order: tuple[str, ...] = ()

    def unit_path_field(self) -> str:
        return self.unit_field.removesuffix("_id") + "__path"

    def scoped_rows(self, scope: Scope) -> QuerySet[Any]:
        rows = self.rows(scope)
        if scope.unit_paths is not None:
            within = Q(pk__in=[])
            for path in scope.unit_paths:
                within |= Q(**{f"{self.unit_path_field()}__startswith": path})
            rows = rows.filter(within)
        return rows


def _plans_of(period: Period) -> QuerySet[PerformancePlan]:
    return PerformancePlan.objects.filter(period=period, is_current=True)


def plan_deadline_passed(scope: Scope) -> bool:
    deadline = scope.period.plan_deadline
    return deadline is not None and scope.today > deadline


def _plan_late(scope: Scope) -> QuerySet[Any]:
    if not plan_deadline_passed(scope):
        return Employee.objects.none()
    deadline = scope.period.plan_deadline
    approved_in_time = _plans_of(scope.period).filter(
        employee=OuterRef("pk"), status=PlanStatus.APPROVED, approved_at__date__lte=deadline
    )
    current_plan = _plans_of(scope.period).filter(employee=OuterRef("pk")).order_by("-pk")
    return (
        Employee.objects.filter(agency_id=scope.period.agency_id, is_active=True)
        .filter(~Exists(approved_in_time))
        .annotate(plan_status=Subquery(current_plan.values("status")[:1]))
        .select_related("unit", "position")
        .order_by("unit__path", "name")
    )


def _realisation_no_evidence(scope: Scope) -> QuerySet[Any]:
    evidence = Evidence.objects.filter(realisation=OuterRef("pk"))
    return (
        Realisation.objects.filter(
            plan__period=scope.period, plan__is_current=True, computed_at__isnull=True
        )
        .filter(Q(value__isnull=False) | ~Q(text=""))
        .filter(~Exists(evidence))
        .select_related("plan__employee__unit", "indicator")
        .order_by("plan__employee__unit__path", "plan__employee__name", "subperiod", "pk")
    )


def _rating_without_basis(scope: Scope) -> QuerySet[Any]:
    evidence = Evidence.objects.filter(
        realisation__plan=OuterRef("plan"), realisation__subperiod=OuterRef("subperiod")
    )
    feedback = Feedback.objects.filter(plan=OuterRef("plan"), subperiod=OuterRef("subperiod"))
    return (
        Evaluation.objects.filter(
            period=scope.period,
            kind=EvaluationKind.PERIODIC,
            status__in=[EvaluationStatus.RATED, EvaluationStatus.FINAL],
        )
        .filter(~Exists(evidence), ~Exists(feedback))
        .select_related("employee", "unit", "rater")
        .order_by("unit__path", "employee__name", "subperiod")
    )


def _distribution_breach(scope: Scope) -> QuerySet[Any]:
    return (
        UnitAssessment.objects.filter(period=scope.period, breach_confirmed_at__isnull=False)
        .select_related("unit", "breach_confirmed_by")
        .order_by("unit__path", "kind", "subperiod")
    )


def overdue_subperiods(scope: Scope) -> list[int]:
    """The sub-periods whose periodic evaluation should be final by `today`."""
    period = scope.period
    limit = scope.today - dt.timedelta(days=EVALUATION_GRACE_DAYS)
    return [
        block.number
        for block in subperiods(period.frequency, period.start_date, period.end_date)
        if block.end < limit
    ]


def _evaluation_late(scope: Scope) -> QuerySet[Any]:
    due = overdue_subperiods(scope)
    if not due:
        return PerformancePlan.objects.none()
    finals = (
        Evaluation.objects.filter(
            period=scope.period,
            employee=OuterRef("employee"),
            kind=EvaluationKind.PERIODIC,
            status=EvaluationStatus.FINAL,
            subperiod__in=due,
        )
        .order_by()
        .values("employee")
        .annotate(n=Count("subperiod", distinct=True))
        .values("n")
    )
    return (
        _plans_of(scope.period)
        .filter(status=PlanStatus.APPROVED)
        .annotate(
            late=Value(len(due), output_field=IntegerField())
            - Coalesce(Subquery(finals, output_field=IntegerField()), 0)
        )
        .filter(late__gt=0)
        .select_related("employee__unit", "rater")
        .order_by("employee__unit__path", "employee__name")
    )


def _complaint_overdue(scope: Scope) -> QuerySet[Any]:
    return (
        Complaint.objects.filter(agency_id=scope.period.agency_id)
        .filter(overdue_query(scope.today))
        .select_related("unit", "assigned_to")
        .order_by("resolution_due", "pk")
    )


CHECKS: tuple[Check, ...] = (
    Check(
        "plan_late",
        _("SKP belum disetujui sampai batas waktu"),
        _("SKP terlambat"),
        _("pegawai"),
        _(
            "Pegawai aktif tanpa SKP yang disetujui paling lambat pada batas pengajuan SKP "
            "periode ini (dihitung setelah batas itu lewat)."
        ),
        "unit_id",
        _plan_late,
    ),
    Check(
        "realisation_no_evidence",
        _("Realisasi tanpa bukti dukung"),
        _("Tanpa bukti"),
        _("realisasi"),
        _(
            "Realisasi yang diisi pegawai (bukan dari data layanan) tanpa satu pun berkas atau "
            "tautan bukti dukung."
        ),
        "plan__employee__unit_id",
        _realisation_no_evidence,
        wide_order=("-pk",),
    ),
    Check(
        "rating_without_basis",
        _("Penilaian tanpa bukti atau umpan balik"),
        _("Penilaian tanpa dasar"),
        _("evaluasi"),
        _(
            "Evaluasi periodik yang sudah dinilai, padahal realisasi sub-periode itu tidak "
            "berbukti dukung dan atasan tidak memberi umpan balik."
        ),
        "unit_id",
        _rating_without_basis,
    ),
    Check(
        "distribution_breach",
        _("Penyimpangan pola distribusi"),
        _("Penyimpangan distribusi"),
        _("penetapan"),
        _(
            "Penetapan predikat unit yang menyimpang dari pola distribusi (SE MenPANRB 3/2023) "
            "dan dikonfirmasi pimpinan dengan alasan."
        ),
        "unit_id",
        _distribution_breach,
    ),
    Check(
        "evaluation_late",
        _("Evaluasi periodik terlambat"),
        _("Evaluasi terlambat"),
        _("sub-periode"),
        _(
            "SKP disetujui yang evaluasi periodiknya belum final 30 hari setelah sub-periode "
            "berakhir; dihitung per sub-periode."
        ),
        "employee__unit_id",
        _evaluation_late,
        weight="late",
        wide_order=("-pk",),
    ),
    Check(
        "complaint_overdue",
        _("Pengaduan melewati batas waktu"),
        _("Pengaduan terlambat"),
        _("pengaduan"),
        _(
            "Pengaduan yang belum ditanggapi atau belum selesai melewati batas waktunya, per "
            "hari ini."
        ),
        "unit_id",
        _complaint_overdue,
    ),
)
CHECKS_BY_CODE = {check.code: check for check in CHECKS}


# --- Reads --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """One unit's counts, check by check, in the order of CHECKS (plain values: the overview
    is kept in the cache, and a province has thousands of units)."""

    unit_id: int
    name: str
    parent_name: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def pairs(self) -> list[tuple[Check, int]]:
        return list(zip(CHECKS, self.counts, strict=True))


@dataclass(frozen=True)
class Overview:
    """The totals and the units' rows; `rows` gives, per check and unit, the number of rows
    behind a count (the same as the count, except for a check that sums a weight)."""

    totals: tuple[int, ...]
    units: list[UnitRow]
    rows: tuple[dict[int | None, int], ...]

    def rows_behind(self, check: Check, unit_id: int | None) -> int:
        """The rows listed for a check: of one unit, or (None) of the whole reach."""
        return self.rows[CHECKS.index(check)].get(unit_id, 0)


def _count(check: Check, scope: Scope) -> tuple[dict[int, int], dict[int | None, int]]:
    """Per unit: the check's figure, and the number of rows behind it (key None: all)."""
    figure = Sum(check.weight) if check.weight else Count("pk")
    grouped = (
        check.scoped_rows(scope)
        .order_by()
        .values(check.unit_field)
        .annotate(n=figure, rows=Count("pk"))
        .values_list(check.unit_field, "n", "rows")
    )
    counts: dict[int, int] = {}
    rows: dict[int | None, int] = {None: 0}
    for unit_id, n, behind in grouped:
        rows[None] += behind
        if unit_id is not None:
            counts[unit_id] = int(n or 0)
            rows[unit_id] = behind
    return counts, rows


def overview(scope: Scope) -> Overview:
    """Every check counted per unit (one grouped query each), units with something to show
    first by their total, then in tree order."""
    counted = [_count(check, scope) for check in CHECKS]
    per_check = [counts for counts, _rows in counted]
    unit_ids = set().union(*per_check)
    units = (
        Unit.objects.filter(pk__in=unit_ids)
        .select_related("parent")
        .only("id", "name", "path", "parent__name")
        .order_by("path")
    )
    rows = [
        UnitRow(
            unit.pk,
            unit.name,
            unit.parent.name if unit.parent else "",
            tuple(counts.get(unit.pk, 0) for counts in per_check),
        )
        for unit in units
    ]
    rows.sort(key=lambda row: -row.total)  # stable: tree order among equal totals
    totals = tuple(sum(counts.values()) for counts in per_check)
    return Overview(totals, rows, tuple(behind for _counts, behind in counted))


def rows_of(check: Check, scope: Scope, *, unit: Unit | None = None) -> QuerySet[Any]:
    """The rows behind a count: the whole scope, or one unit's own rows."""
    rows = check.scoped_rows(scope)
    if unit is not None:
        return rows.filter(**{check.unit_field: unit.pk})
    return rows.order_by(*check.wide_order) if check.wide_order else rows
