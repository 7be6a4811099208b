"""The figures computed from citizens' data, as SQL aggregates over a queryset: turnaround of
service requests, the IKM of survey responses, complaints resolved on time.

Every report, page, API and indicator source uses these, so a figure means the same
everywhere. Medians and the 90th percentile are PostgreSQL's `percentile_cont` (linear
interpolation between the two middle values); SQLite, the embedded default, has no percentile
aggregate, so there the same interpolation runs over the sorted values in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Aggregate, Count, FloatField, Q, QuerySet, Sum

from kinerja.citizen.ikm import ELEMENTS, IkmResult, ikm_from_totals

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


class _Percentile(Aggregate):
    """`percentile_cont(f) WITHIN GROUP (ORDER BY expr)` (PostgreSQL)."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=fraction, **extra)


def _interpolate(values: list[int], fraction: float) -> float | None:
    """percentile_cont over sorted values: position (n−1)·f, linear between neighbours."""
    if not values:
        return None
    position = (len(values) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (position - lower)


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` as a percentage with 2 decimals, None of nothing."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TWO_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Turnaround:
    """Completed requests: count, median and 90th percentile of the turnaround in minutes,
    and the share completed within the service's standard time."""

    completed: int
    within_standard: int
    median_minutes: float | None
    p90_minutes: float | None

    @property
    def within_standard_share(self) -> Decimal | None:
        return share(self.within_standard, self.completed)


def turnaround(requests: QuerySet[Any]) -> Turnaround:
    """Turnaround of the completed requests in `requests` (filter it by service, unit,
    employee and `completed_at` range before)."""
    done = requests.filter(completed_at__isnull=False, turnaround_minutes__isnull=False).order_by()
    if connection.vendor == "postgresql":
        row = done.aggregate(
            completed=Count("pk"),
            within=Count("pk", filter=Q(within_standard=True)),
            median=_Percentile("turnaround_minutes", 0.5),
            p90=_Percentile("turnaround_minutes", 0.9),
        )
        return Turnaround(row["completed"], row["within"], row["median"], row["p90"])
    counts = done.aggregate(
        completed=Count("pk"), within=Count("pk", filter=Q(within_standard=True))
    )
    values = list(done.order_by("turnaround_minutes").values_list("turnaround_minutes", flat=True))
    return Turnaround(
        counts["completed"],
        counts["within"],
        _interpolate(values, 0.5),
        _interpolate(values, 0.9),
    )


def turnaround_by(requests: QuerySet[Any], field: str) -> dict[Any, Turnaround]:
    """`turnaround` per value of `field` (e.g. "service_id", "handled_by_id") in one query on
    PostgreSQL (GROUP BY); on SQLite one query for the counts and one for the values."""
    done = requests.filter(completed_at__isnull=False, turnaround_minutes__isnull=False).order_by()
    if connection.vendor == "postgresql":
        rows = done.values(field).annotate(
            completed=Count("pk"),
            within=Count("pk", filter=Q(within_standard=True)),
            median=_Percentile("turnaround_minutes", 0.5),
            p90=_Percentile("turnaround_minutes", 0.9),
        )
        return {
            r[field]: Turnaround(r["completed"], r["within"], r["median"], r["p90"]) for r in rows
        }
    counts = {
        r[field]: r
        for r in done.values(field).annotate(
            completed=Count("pk"), within=Count("pk", filter=Q(within_standard=True))
        )
    }
    values: dict[Any, list[int]] = {}
    for key, minutes in done.order_by(field, "turnaround_minutes").values_list(
        field, "turnaround_minutes"
    ):
        values.setdefault(key, []).append(minutes)
    return {
        key: Turnaround(
            row["completed"],
            row["within"],
            _interpolate(values.get(key, []), 0.5),
            _interpolate(values.get(key, []), 0.9),
        )
        for key, row in counts.items()
    }


def turnaround_sets(
    requests: QuerySet[Any], fields: Sequence[str]
) -> tuple[Turnaround, dict[str, dict[Any, Turnaround]]]:
    """`turnaround(requests)` and `turnaround_by(requests, field)` for every field at once.

    On PostgreSQL one scan: `GROUP BY GROUPING SETS ((f1), (f2), …, ())`, each row telling
    its set by `GROUPING(…)` (a bit per field, 1 where the field is rolled up). The fields may
    be annotations of `requests`. Elsewhere the separate queries."""
    done = requests.filter(completed_at__isnull=False, turnaround_minutes__isnull=False).order_by()
    if connection.vendor != "postgresql" or not fields:
        return turnaround(requests), {field: turnaround_by(requests, field) for field in fields}
    try:
        inner, params = done.values(
            *fields, "within_standard", "turnaround_minutes"
        ).query.sql_with_params()
    except EmptyResultSet:  # a reach without units (an inspector with no audit): nothing done
        return Turnaround(0, 0, None, None), {field: {} for field in fields}
    quoted = [connection.ops.quote_name(field) for field in fields]
    columns = ", ".join(quoted)
    sets = ", ".join(f"({column})" for column in quoted)
    # Only quoted names of the caller's fields and Django's own compiled query (with its
    # parameters kept apart) go into the text.
    sql = (
        f"SELECT {columns}, GROUPING({columns}), COUNT(*),"  # noqa: S608
        " COUNT(*) FILTER (WHERE within_standard),"
        " percentile_cont(0.5) WITHIN GROUP (ORDER BY turnaround_minutes),"
        " percentile_cont(0.9) WITHIN GROUP (ORDER BY turnaround_minutes)"
        f" FROM ({inner}) AS done GROUP BY GROUPING SETS ({sets}, ())"
    )
    width = len(fields)
    everything = (1 << width) - 1
    total = Turnaround(0, 0, None, None)
    by: dict[str, dict[Any, Turnaround]] = {field: {} for field in fields}
    with transaction.atomic(), connection.cursor() as cursor:
        # The sorts of the grouping sets fit in memory instead of spilling to disk (the
        # default 4 MB spilled a year of a province's requests: 312 → ~150 ms).
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            keys, rolled_up, figures = row[:width], row[width], Turnaround(*row[width + 1 :])
            if rolled_up == everything:
                total = figures
                continue
            index = next(i for i in range(width) if not rolled_up & (1 << (width - 1 - i)))
            key = keys[index]
            # EXTRACT arithmetic comes back as numeric; the ORM would have made it an int.
            by[fields[index]][int(key) if isinstance(key, Decimal) else key] = figures
    return total, by


def _ikm_aggregates() -> dict[str, Any]:
    aggregates: dict[str, Any] = {"respondents": Count("pk")}
    for element in ELEMENTS:
        column = f"answer_{element.value}"
        aggregates[f"n_{element.value}"] = Count(column)  # COUNT(col) leaves blanks out
        aggregates[f"s_{element.value}"] = Sum(column)
    return aggregates


def _ikm_of_row(row: dict[str, Any]) -> IkmResult:
    totals = {e: (row[f"n_{e.value}"] or 0, row[f"s_{e.value}"] or 0) for e in ELEMENTS}
    return ikm_from_totals(totals, row["respondents"])


def ikm_of(responses: QuerySet[Any]) -> IkmResult:
    """The IKM of the responses in `responses`, pooled (a unit's IKM pools all its services'
    answers, PermenPANRB 14/2017): one aggregate query, 19 sums and counts."""
    return _ikm_of_row(responses.order_by().aggregate(**_ikm_aggregates()))


def ikm_by(responses: QuerySet[Any], field: str) -> dict[Any, IkmResult]:
    """`ikm_of` per value of `field` (e.g. "service_id", "unit_id") in one GROUP BY query."""
    rows = responses.order_by().values(field).annotate(**_ikm_aggregates())
    return {row[field]: _ikm_of_row(row) for row in rows}


@dataclass(frozen=True)
class ComplaintTimeliness:
    """Complaints resolved, and of those resolved on or before their limit."""

    resolved: int
    on_time: int

    @property
    def on_time_share(self) -> Decimal | None:
        return share(self.on_time, self.resolved)


def complaint_timeliness(complaints: QuerySet[Any]) -> ComplaintTimeliness:
    """Of the complaints in `complaints` that are resolved (filter by `resolved_at` range
    before), how many were resolved on time (`resolved_on_time`, set on resolution)."""
    row = (
        complaints.filter(resolved_at__isnull=False)
        .order_by()
        .aggregate(resolved=Count("pk"), on_time=Count("pk", filter=Q(resolved_on_time=True)))
    )
    return ComplaintTimeliness(row["resolved"], row["on_time"])
