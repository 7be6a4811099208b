"""The product's heavy aggregates beside the same aggregate as one hand-written SQL statement.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench
    .venv/bin/python bench/aggregates.py [--repeat 5] [--scale province]

For the agency `uji-skala` and its latest period, as the agency admin's dashboard and
compliance monitor compute them (whole agency, today):
  * `ikm_unit` — the pooled IKM of the unit with the survey responses (`citizen.metrics.ikm_of`;
    a million responses on PostgreSQL, bench/volume.py);
  * `predicates` — the predicate distribution of every unit with the pattern check
    (`appraisal.services.predicate_run.distribution_report`) of the latest final evaluation;
  * `plan_completion` / `realisation_progress` — the dashboard's SKP completion and realisation
    progress (`insight.dashboard`);
  * `no_evidence` — a compliance count, realisations without evidence per unit
    (`insight.compliance`, the heaviest check: every realisation of the period);
  * `learning_hours` — who reaches the 20 JP of the year (`insight.dashboard.learning_hours`);
  * `complaints_on_time` — complaints resolved per month and on time (`insight.dashboard`).
Each pair runs in turn after a warm-up (`--repeat` times, median), so both see the same ups
and downs of the machine; the answers are compared, then the ratio product / raw is printed.
Target (issue 8): no ratio above 1.5. Exits 1 when one is above.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import citizen_survey  # noqa: E402
from bench.volume import desk_unit, ensure_volume  # noqa: E402
from kinerja.appraisal.models import EvaluationKind  # noqa: E402
from kinerja.appraisal.services.predicate_run import distribution_report  # noqa: E402
from kinerja.citizen import metrics  # noqa: E402
from kinerja.citizen.models import SurveyResponse  # noqa: E402
from kinerja.core.models import Agency  # noqa: E402
from kinerja.core.tenancy import tenant_scope  # noqa: E402
from kinerja.development.rules import MINIMUM_JP_PER_YEAR  # noqa: E402
from kinerja.insight import compliance, dashboard  # noqa: E402
from kinerja.org.models import Employee  # noqa: E402
from kinerja.planning.models import Period, PlanStatus  # noqa: E402
from kinerja.planning.subperiods import subperiods  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.5


@dataclass(frozen=True)
class Pair:
    name: str
    what: str
    product: Callable[[], Any]
    raw: Callable[[], Any]
    same: Callable[[Any, Any], bool]  # do the two answers agree?


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _month_of(column: str) -> str:
    """The local month of a timestamp column, in the database's own SQL."""
    if connection.vendor == "postgresql":
        return f"extract(month FROM {column} AT TIME ZONE %s)::int"
    return f"CAST(strftime('%%m', {column}, %s) AS integer)"


def _local_offset() -> str:
    """The second argument of _month_of: a zone name (PostgreSQL) or a modifier (SQLite)."""
    if connection.vendor == "postgresql":
        return settings.TIME_ZONE
    hours = dt.datetime.now(ZoneInfo(settings.TIME_ZONE)).utcoffset() or dt.timedelta()
    return f"{hours.total_seconds() / 3600:+.0f} hours"


def pairs(agency: Agency, period: Period, today: dt.date) -> list[Pair]:
    reach = dashboard.Reach(period=period, today=today)
    scope = compliance.Scope(period=period, today=today)
    unit = desk_unit(agency)
    subperiod = dashboard.latest_final_subperiod(reach)
    found: list[Pair] = []

    if unit is not None:
        columns = ", ".join(
            f"count(answer_{e.value}), sum(answer_{e.value})" for e in citizen_survey.ELEMENTS
        )
        found.append(
            Pair(
                "ikm_unit",
                f"IKM of {unit.name}",
                lambda: metrics.ikm_of(SurveyResponse.objects.filter(unit=unit)),
                lambda: _fetch(
                    f"SELECT count(*), {columns} FROM citizen_surveyresponse WHERE unit_id = %s",
                    [unit.pk],
                )[0],
                lambda product, raw: product.respondents == raw[0],
            )
        )

    if subperiod is not None:
        kind = EvaluationKind.ANNUAL if subperiod == 0 else EvaluationKind.PERIODIC

        def raw_distribution() -> list[tuple[Any, ...]]:
            return _fetch(
                """
                SELECT e.unit_id, u.path, e.predicate, count(*), max(a.organisation_predicate)
                FROM appraisal_evaluation e
                JOIN org_unit u ON u.id = e.unit_id
                LEFT JOIN appraisal_unitassessment a
                  ON a.unit_id = e.unit_id AND a.period_id = e.period_id AND a.kind = e.kind
                 AND a.subperiod = e.subperiod
                WHERE e.period_id = %s AND e.kind = %s AND e.subperiod = %s AND e.predicate <> ''
                GROUP BY e.unit_id, u.path, e.predicate
                ORDER BY u.path
                """,
                [period.pk, kind, subperiod],
            )

        found.append(
            Pair(
                "predicates",
                f"predicate distribution, sub-period {subperiod}, every unit",
                lambda: distribution_report(period, subperiod),
                raw_distribution,
                lambda product, raw: (
                    sum(sum(u.counts.values()) for u in product.units) == sum(row[3] for row in raw)
                ),
            )
        )

    found.append(
        Pair(
            "plan_completion",
            "SKP completion (active employees by plan status)",
            lambda: dashboard.plan_completion(reach),
            lambda: _fetch(
                """
                SELECT coalesce(p.status, 'none'), count(*)
                FROM org_employee e
                LEFT JOIN planning_performanceplan p
                  ON p.employee_id = e.id AND p.period_id = %s AND p.is_current
                WHERE e.agency_id = %s AND e.is_active
                GROUP BY 1
                """,
                [period.pk, agency.pk],
            ),
            lambda product, raw: {k: v for k, v in product.items() if v} == dict(raw),
        )
    )

    begun = [
        block.number
        for block in subperiods(period.frequency, period.start_date, period.end_date)
        if block.start <= today
    ]
    if begun:
        marks = ", ".join(["%s"] * len(begun))
        found.append(
            Pair(
                "realisation_progress",
                f"realisation progress, {len(begun)} sub-periods",
                lambda: dashboard.realisation_progress(reach),
                lambda: _fetch(
                    f"""
                    SELECT r.subperiod, count(*),
                      (SELECT count(*) FROM planning_indicator i
                       JOIN planning_plannedresult pr ON pr.id = i.result_id
                       JOIN planning_performanceplan pp ON pp.id = pr.plan_id
                       WHERE pp.period_id = %s AND pp.is_current AND pp.status = %s)
                    FROM appraisal_realisation r
                    JOIN planning_performanceplan p ON p.id = r.plan_id
                    WHERE p.period_id = %s AND p.is_current AND p.status = %s
                      AND r.subperiod IN ({marks}) AND (r.value IS NOT NULL OR r.text <> '')
                    GROUP BY r.subperiod
                    """,
                    [period.pk, PlanStatus.APPROVED, period.pk, PlanStatus.APPROVED, *begun],
                ),
                lambda product, raw: (
                    {p.number: p.recorded for p in product if p.recorded}
                    == {row[0]: row[1] for row in raw}
                ),
            )
        )

    check = compliance.CHECKS_BY_CODE["realisation_no_evidence"]
    found.append(
        Pair(
            "no_evidence",
            "compliance: realisations without evidence, per unit",
            # The overview's per-check count (one grouped query), as the monitor runs it.
            lambda: compliance._count(check, scope),
            lambda: _fetch(
                """
                SELECT e.unit_id, count(*)
                FROM appraisal_realisation r
                JOIN planning_performanceplan p ON p.id = r.plan_id
                JOIN org_employee e ON e.id = p.employee_id
                WHERE p.period_id = %s AND p.is_current AND r.computed_at IS NULL
                  AND (r.value IS NOT NULL OR r.text <> '')
                  AND NOT EXISTS (SELECT 1 FROM appraisal_evidence v WHERE v.realisation_id = r.id)
                GROUP BY e.unit_id
                """,
                [period.pk],
            ),
            lambda product, raw: product[0] == dict(raw),
        )
    )

    found.append(
        Pair(
            "learning_hours",
            f"the {MINIMUM_JP_PER_YEAR} JP shortfall of {period.year}",
            lambda: dashboard.learning_hours(reach),
            lambda: _fetch(
                """
                SELECT count(*), sum(CASE WHEN s.jp >= %s THEN 1 ELSE 0 END), coalesce(sum(s.jp), 0)
                FROM org_employee e
                LEFT JOIN (
                  SELECT employee_id, sum(jp) AS jp FROM development_developmentrecord
                  WHERE year = %s GROUP BY employee_id
                ) s ON s.employee_id = e.id
                WHERE e.agency_id = %s AND e.is_active
                """,
                [MINIMUM_JP_PER_YEAR, period.year, agency.pk],
            )[0],
            lambda product, raw: (
                (product.employees, product.reached, product.hours) == (raw[0], raw[1] or 0, raw[2])
            ),
        )
    )

    found.append(
        Pair(
            "complaints_on_time",
            "complaints resolved per month, on time",
            lambda: dashboard.complaints_per_month(reach),
            lambda: _fetch(
                f"""
                SELECT {_month_of("resolved_at")} AS month, count(*),
                       sum(CASE WHEN resolved_on_time THEN 1 ELSE 0 END)
                FROM citizen_complaint
                WHERE agency_id = %s AND resolved_at >= %s AND resolved_at < %s
                GROUP BY 1
                """,
                [_local_offset(), agency.pk, reach.start, reach.end],
            ),
            lambda product, raw: (
                {r.month.number: (r.resolved, r.on_time) for r in product if r.resolved}
                == {row[0]: (row[1], row[2]) for row in raw}
            ),
        )
    )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="only aggregates whose name has this text")
    parser.add_argument("--scale", default="", help="name of the JSON file (default: size)")
    args = parser.parse_args(argv)
    agency = Agency.objects.get(code=args.code)
    ensure_volume(agency)
    today = timezone.localdate()
    results: list[dict[str, Any]] = []
    with tenant_scope(agency):
        period = Period.objects.filter(agency=agency).order_by("-year").first()
        if period is None:
            print("No period: run generate_scale_data --with-appraisal first.")
            return 1
        employees = Employee.objects.filter(agency=agency).count()
        chosen = [p for p in pairs(agency, period, today) if args.only in p.name]
        one, five, _ = os.getloadavg()
        print(
            f"Aggregates · {agency.name} · {period.name} · {connection.vendor} · median of "
            f"{args.repeat} · load {one:.1f}/{five:.1f}"
        )
        print(
            f"{'aggregate':<22} {'product ms':>10} {'raw SQL ms':>10} {'ratio':>6} {'queries':>7}"
        )
        for pair in chosen:
            with CaptureQueriesContext(connection) as captured:
                product_answer = pair.product()
            queries = len(captured.captured_queries)
            runs = citizen_survey.timed({"product": pair.product, "raw": pair.raw}, args.repeat)
            product_s, product_answer = runs["product"]
            raw_s, raw_answer = runs["raw"]
            agrees = pair.same(product_answer, raw_answer)
            ratio = product_s / raw_s if raw_s else float("inf")
            flag = "" if ratio <= TARGET_RATIO else "  ← above 1.5"
            if not agrees:
                flag += "  ← ANSWERS DIFFER"
            print(
                f"{pair.name:<22} {product_s * 1000:10.1f} {raw_s * 1000:10.1f} {ratio:6.2f} "
                f"{queries:7d}{flag}",
                flush=True,
            )
            results.append(
                {
                    "name": pair.name,
                    "what": pair.what,
                    "product_ms": round(product_s * 1000, 1),
                    "raw_ms": round(raw_s * 1000, 1),
                    "ratio": round(ratio, 2),
                    "queries": queries,
                    "agrees": agrees,
                }
            )
    missed = [r for r in results if r["ratio"] > TARGET_RATIO or not r["agrees"]]
    print(
        f"Target: product / raw ≤ {TARGET_RATIO} — "
        + ("met." if not missed else f"{len(missed)} above or disagreeing.")
    )
    scale = args.scale or f"{round(employees / 1000)}k"
    output = ROOT / "var" / "bench" / f"aggregates-{scale}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({"vendor": connection.vendor, "rows": results}, indent=1))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
