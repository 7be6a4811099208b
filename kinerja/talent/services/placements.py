"""(Re)computing an agency's 9-box placements in bulk (PermenPANRB 3/2020), set-based.

Three reads and one write, whatever the agency's size: the yearly points of the final
evaluations (aggregated in SQL per employee, year and kind), the latest potential score per
employee, the active employees; then one bulk upsert of the placements (batches of
`UPSERT_BATCH`) and one delete of the placements no longer mappable. 60,000 employees take a
few seconds on PostgreSQL (see the report in tests/talent/test_recompute_scale.py).

Where the predicates come from: the final annual evaluation of each year (`tahunan`, the
Dokumen Evaluasi Kinerja Tahunan). When the agency allows it (`use_periodic_fallback`, on by
default) a year without a final annual evaluation counts with the mean points of that year's
final periodic evaluations — the 2026 demo has only periodic ones. The window is the last
`years` years up to the latest year with a final evaluation in the agency; an employee with
a predicate in at least one of them is placed on what they have. The `basis` keeps each year
used (source, predicate or mean and count, evaluation ids) and the assessment used.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connections, router, transaction
from django.db.models import Avg, Case, Count, IntegerField, Max, Min, Value, When
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.org.models import Employee
from kinerja.talent.boxes import POINTS_PREDICATE, PREDICATE_POINTS, Cutoffs, place
from kinerja.talent.models import PotentialAssessment, TalentPlacement, TalentSettings
from kinerja.talent.services.settings import settings_of

UPSERT_BATCH = 5_000
UPDATED_FIELDS = [
    "box",
    "performance",
    "potential",
    "performance_score",
    "potential_score",
    "basis",
    "computed_at",
]


@dataclass(frozen=True)
class RecomputeSummary:
    """What a run did: employees placed, left unmapped, placements removed, seconds taken."""

    placed: int
    unmapped: int
    removed: int
    by_box: dict[int, int]
    years: tuple[int, ...]
    seconds: float


def _points_case() -> Case:
    return Case(
        *(When(predicate=str(p), then=Value(points)) for p, points in PREDICATE_POINTS.items()),
        output_field=IntegerField(),
    )


def yearly_points(
    agency: Agency, cutoffs: Cutoffs, *, use_periodic_fallback: bool
) -> tuple[tuple[int, ...], dict[int, list[dict[str, Any]]]]:
    """The window of years and, per employee, the years used (newest first) with their points.

    One aggregate query: final evaluations grouped by employee, year and kind."""
    kinds = [EvaluationKind.ANNUAL]
    if use_periodic_fallback:
        kinds.append(EvaluationKind.PERIODIC)
    groups = (
        Evaluation.objects.filter(agency=agency, status=EvaluationStatus.FINAL, kind__in=kinds)
        .exclude(predicate="")
        .values("employee_id", "period__year", "kind")
        .annotate(
            mean=Avg(_points_case()),
            count=Count("id"),
            first_id=Min("id"),
            last_id=Max("id"),
        )
        .order_by()
    )
    rows = list(
        groups.values_list(
            "employee_id", "period__year", "kind", "mean", "count", "first_id", "last_id"
        )
    )
    if not rows:
        return (), {}
    latest = max(row[1] for row in rows)
    window = tuple(range(latest, latest - cutoffs.years, -1))
    by_employee: dict[int, dict[int, dict[str, Any]]] = {}
    for employee_id, year, kind, mean, count, first_id, last_id in rows:
        if year not in window:
            continue
        years = by_employee.setdefault(employee_id, {})
        if kind == EvaluationKind.PERIODIC and year in years:
            continue  # the annual evaluation of the year wins
        points = Decimal(str(mean)).quantize(Decimal("0.01"))
        entry: dict[str, Any] = {"year": year, "source": kind, "points": str(points)}
        if kind == EvaluationKind.ANNUAL:
            entry["predicate"] = str(POINTS_PREDICATE.get(int(points), ""))
            entry["evaluation_id"] = last_id
        else:
            entry["evaluations"] = count
            entry["evaluation_ids"] = [first_id, last_id] if count > 1 else [first_id]
        years[year] = entry
    used = {
        employee_id: [years[year] for year in sorted(years, reverse=True)]
        for employee_id, years in by_employee.items()
    }
    return window, used


def latest_potentials(agency: Agency) -> dict[int, tuple[int, Decimal, str, str]]:
    """Per employee the latest assessment: `(id, score, ISO date, assessor)`; one query."""
    latest: dict[int, tuple[int, Decimal, str, str]] = {}
    rows = (
        PotentialAssessment.objects.filter(agency=agency)
        .order_by("employee_id", "-assessed_on", "-pk")
        .values_list("employee_id", "pk", "score", "assessed_on", "assessor")
    )
    for employee_id, pk, score, assessed_on, assessor in rows.iterator(chunk_size=10_000):
        if employee_id not in latest:
            latest[employee_id] = (pk, score, assessed_on.isoformat(), assessor)
    return latest


class Row(NamedTuple):
    """One placement to write: the values of `TalentPlacement` but the agency and the time."""

    employee_id: int
    box: int
    performance: str
    potential: str
    performance_score: Decimal
    potential_score: Decimal
    basis: dict[str, Any]


def upsert(agency: Agency, rows: list[Row], *, now: dt.datetime) -> None:
    """Insert or update the placements, keyed by employee (their ids stay stable).

    On PostgreSQL the rows are streamed with COPY into a temporary table and merged with one
    `INSERT … ON CONFLICT DO UPDATE`: `bulk_create(update_conflicts=True)` quotes every JSON
    basis client-side and took about 40 s for 60,000 people. Elsewhere `bulk_create` in
    batches."""
    if not rows:
        return
    connection = connections[router.db_for_write(TalentPlacement)]
    if connection.vendor != "postgresql":
        placements = [
            TalentPlacement(agency_id=agency.pk, computed_at=now, **row._asdict()) for row in rows
        ]
        for start in range(0, len(placements), UPSERT_BATCH):
            TalentPlacement.objects.bulk_create(
                placements[start : start + UPSERT_BATCH],
                update_conflicts=True,
                unique_fields=["employee"],
                update_fields=UPDATED_FIELDS,
            )
        return
    table = connection.ops.quote_name(TalentPlacement._meta.db_table)
    loaded = ", ".join(Row._fields)
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in UPDATED_FIELDS)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE talent_placement_load ("
            "employee_id bigint, box smallint, performance varchar(6), potential varchar(6), "
            "performance_score numeric(5, 2), potential_score numeric(5, 2), basis jsonb"
            ") ON COMMIT DROP"
        )
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY talent_placement_load ({loaded}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row((*row[:6], encode(row.basis)))
        cursor.execute(
            f"INSERT INTO {table} (agency_id, computed_at, {loaded}) "  # noqa: S608 (no input)
            f"SELECT %s, %s, {loaded} FROM talent_placement_load "
            f"ON CONFLICT (employee_id) DO UPDATE SET {updates}",
            [agency.pk, now],
        )
        cursor.execute("DROP TABLE talent_placement_load")


@transaction.atomic
def recompute_placements(agency: Agency, *, actor: User | None) -> RecomputeSummary:
    """Recompute every active employee's box in the agency (agency admin; tasks pass None)."""
    if actor is not None:
        require(actor, "talent.manage", agency)
    started = time.perf_counter()
    agency_settings: TalentSettings = settings_of(agency, lock=True)
    cutoffs = agency_settings.cutoffs()
    window, points_by_employee = yearly_points(
        agency, cutoffs, use_periodic_fallback=agency_settings.use_periodic_fallback
    )
    potentials = latest_potentials(agency)
    active_ids = list(
        Employee.objects.filter(agency=agency, is_active=True).values_list("pk", flat=True)
    )
    now = timezone.now()
    placements: list[Row] = []
    by_box = dict.fromkeys(range(1, 10), 0)
    window_list = list(window)
    cutoffs_used = {
        "years": cutoffs.years,
        "performance_as_from": str(cutoffs.performance_as_from),
        "performance_above_from": str(cutoffs.performance_above_from),
        "potential_middle_from": str(cutoffs.potential_middle_from),
        "potential_high_from": str(cutoffs.potential_high_from),
    }
    for employee_id in active_ids:
        years = points_by_employee.get(employee_id)
        potential = potentials.get(employee_id)
        if not years or potential is None:
            continue
        assessment_id, potential_score, assessed_on, assessor = potential
        box, performance, potential_level, performance_score = place(
            [Decimal(entry["points"]) for entry in years], potential_score, cutoffs
        )
        by_box[box] += 1
        placements.append(
            Row(
                employee_id,
                box,
                performance.value,
                potential_level.value,
                performance_score,
                potential_score,
                {
                    "years": years,
                    "window": window_list,
                    "assessment": {
                        "id": assessment_id,
                        "score": str(potential_score),
                        "assessed_on": assessed_on,
                        "assessor": assessor,
                    },
                    "cutoffs": cutoffs_used,
                },
            )
        )
    upsert(agency, placements, now=now)
    removed, _detail = TalentPlacement.objects.filter(agency=agency, computed_at__lt=now).delete()
    agency_settings.last_computed_at = now
    agency_settings.save(update_fields=["last_computed_at"])
    summary = RecomputeSummary(
        placed=len(placements),
        unmapped=len(active_ids) - len(placements),
        removed=removed,
        by_box=by_box,
        years=window,
        seconds=round(time.perf_counter() - started, 2),
    )
    audit.record(
        agency_settings,
        "talent.placements.recomputed",
        actor=actor,
        agency_id=agency.pk,
        note=(
            f"{summary.placed} pegawai dipetakan, {summary.unmapped} belum dapat dipetakan; "
            f"tahun {', '.join(map(str, window)) or '-'}"
        ),
    )
    return summary
