"""Figures, not a test: recomputing the 9-box of a province-size agency on PostgreSQL.

    DATABASE_URL=postgres://… .venv/bin/python -m tests.talent.scale_recompute [--employees N]

Generates (once) an agency of N employees (`org.scale.generate_province`), final annual
evaluations for 2025 and 2026 with varied predicates, and one potential score each; then times
`recompute_placements` twice — the first run inserts every placement, the second updates them
all (the upsert path) — and prints the boxes. (Meant for `bench/`; kept here by the talent
helper, who owns only this folder.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
from decimal import Decimal


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from kinerja.appraisal.models import Evaluation
    from kinerja.core.models import Agency
    from kinerja.core.tenancy import all_agencies_scope, tenant_scope
    from kinerja.org.models import Employee
    from kinerja.org.scale import generate_province
    from kinerja.planning.models import PerformancePlan, Period
    from kinerja.talent.models import PotentialAssessment
    from kinerja.talent.services.placements import recompute_placements

    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=60_000)
    parser.add_argument("--code", default="uji-talenta")
    options = parser.parse_args()

    with all_agencies_scope():
        agency = Agency.objects.filter(code=options.code).first()
    if agency is None:
        started = time.perf_counter()
        agency = generate_province(
            employees=options.employees,
            seed=7,
            code=options.code,
            name="Pemerintah Provinsi Uji Talenta",
        ).agency
        print(  # noqa: T201  (a figures script)
            f"province generated in {time.perf_counter() - started:.1f} s"
        )
    rng = random.Random(7)
    predicates = ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct"]
    with tenant_scope(agency):
        if not PotentialAssessment.objects.filter(agency=agency).exists():
            started = time.perf_counter()
            with transaction.atomic():
                employees = list(
                    Employee.objects.filter(agency=agency).values_list("pk", "unit_id")
                )
                for year in (2025, 2026):
                    period = Period.objects.create(
                        agency=agency,
                        year=year,
                        name=f"Tahun {year}",
                        frequency="triwulanan",
                        start_date=dt.date(year, 1, 1),
                        end_date=dt.date(year, 12, 31),
                    )
                    plans = PerformancePlan.objects.bulk_create(
                        [
                            PerformancePlan(
                                agency=agency,
                                period=period,
                                employee_id=pk,
                                status="approved",
                                segment_start=period.start_date,
                                segment_end=period.end_date,
                            )
                            for pk, _unit in employees
                        ],
                        batch_size=5000,
                    )
                    Evaluation.objects.bulk_create(
                        [
                            Evaluation(
                                agency=agency,
                                period=period,
                                employee_id=pk,
                                plan=plan,
                                unit_id=unit,
                                kind="tahunan",
                                subperiod=0,
                                status="final",
                                predicate=rng.choice(predicates),
                            )
                            for (pk, unit), plan in zip(employees, plans, strict=True)
                        ],
                        batch_size=5000,
                    )
                PotentialAssessment.objects.bulk_create(
                    [
                        PotentialAssessment(
                            agency=agency,
                            employee_id=pk,
                            score=Decimal(rng.randint(3000, 9900)) / 100,
                            assessed_on=dt.date(2026, 3, 1),
                            assessor="Pusat Penilaian Kompetensi",
                        )
                        for pk, _unit in employees
                    ],
                    batch_size=5000,
                )
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(  # noqa: T201  (a figures script)
                f"evaluations and scores generated in {time.perf_counter() - started:.1f} s"
            )
        for label in ("first run (insert)", "second run (update)"):
            started = time.perf_counter()
            summary = recompute_placements(agency, actor=None)
            seconds = time.perf_counter() - started
            print(  # noqa: T201  (a figures script)
                f"{label}: {summary.placed} placed, {summary.unmapped} unmapped in "
                f"{seconds:.2f} s; boxes {summary.by_box}"
            )


if __name__ == "__main__":
    main()
