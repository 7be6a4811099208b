"""Planning and appraisal volume of a province for benchmarks (DESIGN §6).

For every active employee of a generated agency: one approved SKP in a monthly 2026 period,
two RHK (cascaded from the supervisor's, as the planning services require), five indicators
(60,000 employees → 300,000 indicators), a realisation per indicator for each of the first
`realisation_subperiods` months (12 → 3.6 million rows) and a FINAL periodic evaluation of
sub-period 1 for everybody, with each unit's organisation predicate finalised.

Rows are written directly, bypassing the per-row services and their audit trail (benchmark
data). On PostgreSQL plans, RHK, indicators and evaluations go through
`kinerja.org.importing.writing.insert` (ids from the sequence, then COPY); realisations are
streamed with COPY in chunks without ever holding them all in memory. Elsewhere `bulk_create`.
Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kinerja.appraisal.models import (
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    Realisation,
    UnitAssessment,
)
from kinerja.appraisal.predicate import OrganisationPredicate, Rating, predicate
from kinerja.core.models import Agency
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.importing.writing import insert
from kinerja.org.models import Employee, Unit
from kinerja.planning.demo_texts import THEMES, IndicatorText, theme_for
from kinerja.planning.models import (
    Approach,
    Frequency,
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
    ResultKind,
)
from kinerja.planning.services import person_snapshot

YEAR = 2026
PERIOD_NAME = f"Penilaian Kinerja Tahun {YEAR} (uji skala)"
INDICATORS_PER_RESULT = (3, 2)  # five per plan
REALISATION_CHUNK = 100_000
_FILLER = IndicatorText(
    "kualitas", "Persentase laporan kegiatan disampaikan tepat waktu", Decimal(100), "%"
)
_RATINGS = (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
_RESULTS_WEIGHTS = (0.2, 0.7, 0.1)
_BEHAVIOUR_WEIGHTS = (0.15, 0.8, 0.05)


@dataclass(frozen=True)
class AppraisalScaleSummary:
    plans: int
    results: int
    indicators: int
    realisations: int
    evaluations: int
    assessments: int
    seconds: dict[str, float]


def generate_appraisal(
    agency: Agency, *, seed: int = 1, realisation_subperiods: int = 12
) -> AppraisalScaleSummary:
    """Write the 2026 planning and appraisal data of `agency`; refuse if its period exists."""
    if not 1 <= realisation_subperiods <= 12:
        raise ValueError("jumlah bulan realisasi harus 1–12")
    rng = random.Random(f"{seed}:appraisal")  # noqa: S311  (synthetic data)
    seconds: dict[str, float] = {}
    with all_agencies_scope():
        if Period.objects.filter(agency=agency, year=YEAR, name=PERIOD_NAME).exists():
            raise ValueError(f"periode {PERIOD_NAME!r} sudah ada untuk instansi ini")
        started = time.perf_counter()
        with transaction.atomic():
            period = Period.objects.create(
                agency=agency,
                year=YEAR,
                name=PERIOD_NAME,
                frequency=Frequency.MONTHLY,
                approach=Approach.QUANTITATIVE,
                start_date=dt.date(YEAR, 1, 1),
                end_date=dt.date(YEAR, 12, 31),
                plan_deadline=dt.date(YEAR, 1, 31),
            )
            plans = _Plans(agency, period, rng)
            plans.write()
        seconds["SKP, RHK, indikator"] = time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            realisations = _write_realisations(plans, realisation_subperiods, rng)
        seconds["realisasi"] = time.perf_counter() - started
        started = time.perf_counter()
        with transaction.atomic():
            evaluations, assessments = _write_evaluations(plans, rng)
        seconds["evaluasi"] = time.perf_counter() - started
    started = time.perf_counter()
    _analyze()
    seconds["ANALYZE"] = time.perf_counter() - started
    return AppraisalScaleSummary(
        plans=len(plans.plan_ids),
        results=plans.results,
        indicators=len(plans.indicators),
        realisations=realisations,
        evaluations=evaluations,
        assessments=assessments,
        seconds=seconds,
    )


class _Plans:
    """One approved SKP per active employee, leaders first so that RHK can name their parent."""

    def __init__(self, agency: Agency, period: Period, rng: random.Random) -> None:
        self.agency, self.period, self.rng = agency, period, rng
        self.now = timezone.now()
        self.employees = list(
            Employee.objects.filter(agency=agency, is_active=True)
            .select_related("unit", "position")
            .order_by("pk")
        )
        self.by_id = {e.pk: e for e in self.employees}
        units = Unit.objects.filter(agency=agency, parent__isnull=True)
        self.root_names = {f"/{u.pk}/": u.name for u in units}
        self.plan_ids: dict[int, int] = {}  # employee → plan
        self.result_ids: dict[int, list[int]] = {}  # employee → [RHK 1, RHK 2]
        # (plan id, indicator id, aspect, sub-period target, employee form)
        self.indicators: list[tuple[int, int, str, float, float]] = []
        self.results = 0

    def _depths(self) -> dict[int, int]:
        depth: dict[int, int] = {}
        for employee in self.employees:
            chain, current = [], employee.pk
            while current not in depth and current in self.by_id and current not in chain:
                chain.append(current)
                boss = self.by_id[current].supervisor_id
                if boss is None or boss not in self.by_id:
                    break
                current = boss
            base = depth.get(current, -1) if current not in chain else -1
            for offset, pk in enumerate(reversed(chain), start=1):
                depth[pk] = base + offset
        return depth

    def _theme(self, employee: Employee) -> str:
        root = "/" + employee.unit.path.strip("/").split("/")[0] + "/"
        return theme_for(self.agency.code, self.root_names.get(root, ""))

    def write(self) -> None:
        depths = self._depths()
        leads = {e.supervisor_id for e in self.employees if e.supervisor_id}
        for level in sorted(set(depths.values())):
            people = [e for e in self.employees if depths[e.pk] == level]
            self._write_level(people, leads)

    def _write_level(self, people: list[Employee], leads: set[int | None]) -> None:
        rng, period, now = self.rng, self.period, self.now
        plan_rows: list[dict[str, Any]] = []
        for employee in people:
            boss = self.by_id.get(employee.supervisor_id) if employee.supervisor_id else None
            submitted = dt.datetime.combine(
                period.start_date + dt.timedelta(days=rng.randint(5, 25)),
                dt.time(9),
                tzinfo=dt.UTC,
            )
            approved = submitted + dt.timedelta(days=rng.randint(1, 5))
            plan_rows.append(
                {
                    "agency_id": self.agency.pk,
                    "period_id": period.pk,
                    "employee_id": employee.pk,
                    "rater_id": boss.pk if boss else None,
                    "status": PlanStatus.APPROVED.value,
                    "submitted_at": submitted,
                    "approved_at": approved,
                    "snapshot": {
                        "employee": person_snapshot(employee),
                        "rater": person_snapshot(boss),
                        "taken_at": approved.isoformat(),
                    },
                    "segment_start": period.start_date,
                    "segment_end": period.end_date,
                    "version": 12,
                }
            )
        plan_ids = insert(PerformancePlan, plan_rows, now=now)
        result_rows, planned = [], []
        for employee, plan_id in zip(people, plan_ids, strict=True):
            self.plan_ids[employee.pk] = plan_id
            families = THEMES[self._theme(employee)]
            level = "leader" if employee.supervisor_id is None else "staff"
            if employee.pk in leads and employee.supervisor_id is not None:
                level = "middle"
            parents = self.result_ids.get(employee.supervisor_id or 0, [None, None])
            for order in (1, 2):
                family = families[(order - 1) % len(families)]
                result_rows.append(
                    {
                        "agency_id": self.agency.pk,
                        "plan_id": plan_id,
                        "kind": ResultKind.MAIN.value,
                        "text": getattr(family, level).format(unit=employee.unit.name),
                        "parent_id": parents[order - 1],
                        "order": order,
                    }
                )
                planned.append((employee, plan_id, family, order))
        result_ids = insert(PlannedResult, result_rows, now=now)
        self.results += len(result_ids)
        indicator_rows, meta = [], []
        for (employee, plan_id, family, order), result_id in zip(planned, result_ids, strict=True):
            self.result_ids.setdefault(employee.pk, []).append(result_id)
            form = min(1.3, max(0.7, rng.gauss(1.03, 0.1)))
            items = [*family.indicators, _FILLER, _FILLER][: INDICATORS_PER_RESULT[order - 1]]
            for index, item in enumerate(items, start=1):
                indicator_rows.append(
                    {
                        "agency_id": self.agency.pk,
                        "result_id": result_id,
                        "aspect": item.aspect,
                        "text": item.text,
                        "target_value": item.target,
                        "unit_of_measure": item.unit,
                        "order": index,
                    }
                )
                sub_target = float(item.target) / (12 if item.aspect == "kuantitas" else 1)
                meta.append((plan_id, item.aspect, sub_target, form))
        indicator_ids = insert(Indicator, indicator_rows, now=now)
        self.indicators += [
            (plan_id, pk, aspect, target, form)
            for (plan_id, aspect, target, form), pk in zip(meta, indicator_ids, strict=True)
        ]


def _realisation_values(
    plans: _Plans, months: int, rng: random.Random
) -> Iterator[tuple[int, int, int, str]]:
    """(plan, indicator, month, value) for every indicator and month, generated lazily."""
    for plan_id, indicator_id, aspect, target, form in plans.indicators:
        for month in range(1, months + 1):
            factor = form * (0.95 + rng.random() * 0.1)
            value = target / factor if aspect == "waktu" else target * factor
            yield plan_id, indicator_id, month, f"{value:.2f}"


def _write_realisations(plans: _Plans, months: int, rng: random.Random) -> int:
    agency_id, now = plans.agency.pk, plans.now
    rows = _realisation_values(plans, months, rng)
    if connection.vendor != "postgresql":
        objects = [
            Realisation(
                agency_id=agency_id,
                plan_id=plan_id,
                indicator_id=indicator_id,
                subperiod=month,
                value=Decimal(value),
            )
            for plan_id, indicator_id, month, value in rows
        ]
        Realisation.objects.bulk_create(objects, batch_size=2000)
        return len(objects)
    table = connection.ops.quote_name(Realisation._meta.db_table)
    columns = (
        "agency_id, plan_id, indicator_id, subperiod, value, text, note, created_at, "
        "updated_at, version"
    )
    count = 0
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for plan_id, indicator_id, month, value in rows:
            copy.write_row((agency_id, plan_id, indicator_id, month, value, "", "", now, now, 1))
            count += 1
    return count


def _write_evaluations(plans: _Plans, rng: random.Random) -> tuple[int, int]:
    """A final evaluation of sub-period 1 for everybody, and each unit's predicate, final."""
    now = plans.now
    rated_at, final_at = now - dt.timedelta(days=20), now - dt.timedelta(days=12)
    rows = []
    for employee in plans.employees:
        results = rng.choices(_RATINGS, _RESULTS_WEIGHTS)[0]
        behaviour = rng.choices(_RATINGS, _BEHAVIOUR_WEIGHTS)[0]
        boss = plans.by_id.get(employee.supervisor_id) if employee.supervisor_id else None
        rows.append(
            {
                "agency_id": plans.agency.pk,
                "period_id": plans.period.pk,
                "employee_id": employee.pk,
                "plan_id": plans.plan_ids[employee.pk],
                "unit_id": employee.unit_id,
                "rater_id": employee.supervisor_id,
                "kind": EvaluationKind.PERIODIC.value,
                "subperiod": 1,
                "status": EvaluationStatus.FINAL.value,
                "results_rating": results.value,
                "behaviour_rating": behaviour.value,
                "predicate": predicate(results, behaviour).value,
                "suggested_results_rating": results.value,
                "snapshot": {
                    "employee": person_snapshot(employee),
                    "rater": person_snapshot(boss),
                    "taken_at": rated_at.isoformat(),
                },
                "rated_at": rated_at,
                "finalised_at": final_at,
                "version": 3,
            }
        )
    insert(Evaluation, rows, now=now)
    unit_ids = sorted({e.unit_id for e in plans.employees})
    assessments = [
        {
            "agency_id": plans.agency.pk,
            "unit_id": unit_id,
            "period_id": plans.period.pk,
            "kind": EvaluationKind.PERIODIC.value,
            "subperiod": 1,
            "organisation_predicate": OrganisationPredicate.BAIK.value,
            "finalised_at": final_at,
            "version": 2,
        }
        for unit_id in unit_ids
    ]
    insert(UnitAssessment, assessments, now=now)
    return len(rows), len(assessments)


def _analyze() -> None:
    """Planner statistics after the bulk load (see `kinerja.org.scale.writing._analyze`)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        for model in (PerformancePlan, PlannedResult, Indicator, Realisation, Evaluation):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"VACUUM ANALYZE {table}" if vacuum else f"ANALYZE {table}")
