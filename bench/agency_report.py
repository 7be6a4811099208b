"""Time the agency performance report of a whole agency on province-scale data: each section,
the PDF, the workbook and saving them, and the total, as the background task makes it.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kinerja_bench
    .venv/bin/python manage.py generate_scale_data --with-appraisal     # or --appraisal-only
    .venv/bin/python bench/agency_report.py

The agency `uji-skala` (60,000 employees, 3.6 million realisations) and its latest period, as
bench/insight_pages.py finds them; `--code` picks another agency (e.g. a demo one on SQLite).
The report is queued for the agency admin and made by the task's body (`build_report`), inline
and timed; the figures are fresh (the dashboard's cache is not used). Target:
under 60 s (issue 7). Exits 1 above the target.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from kinerja.core.models import Agency, Role, User  # noqa: E402
from kinerja.core.tenancy import all_agencies_scope, tenant_scope  # noqa: E402
from kinerja.insight.models import ACTIVE_STATUSES, AgencyReport, ReportStatus  # noqa: E402
from kinerja.insight.reports import services  # noqa: E402
from kinerja.planning.models import Period  # noqa: E402

TARGET_SECONDS = 60.0


class StepTimes(logging.Handler):
    """Collects the seconds the report service logs for each step."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.steps: list[tuple[str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        step = getattr(record, "report_step", None)
        if step is not None:
            self.steps.append((step, float(getattr(record, "seconds", 0.0))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", default="uji-skala")
    args = parser.parse_args(argv)
    with all_agencies_scope():
        agency = Agency.objects.filter(code=args.code).first()
        period = Period.objects.filter(agency=agency).order_by("-year").first() if agency else None
        admin = (
            User.objects.filter(agency=agency, role_grants__role=Role.AGENCY_ADMIN)
            .order_by("pk")
            .first()
        )
    if agency is None or period is None or admin is None:
        print(
            f"No agency {args.code!r} with a period and an admin: run generate_scale_data "
            "--with-appraisal first (or pass --code of a demo agency)."
        )
        return 1
    with tenant_scope(agency):
        # A report left unfinished by an interrupted run would refuse the request.
        AgencyReport.objects.filter(
            period=period, unit__isnull=True, status__in=ACTIVE_STATUSES
        ).update(
            status=ReportStatus.FAILED, error="Dihentikan oleh bench.", finished_at=timezone.now()
        )
        # Queued as `request_report` queues it; made below by the task's body, timed.
        report = AgencyReport.objects.create(
            agency=agency, period=period, unit=None, requested_by=admin
        )
    times = StepTimes()
    service_logger = logging.getLogger(services.__name__)
    service_logger.addHandler(times)
    service_logger.setLevel(logging.INFO)
    service_logger.propagate = False  # the table below says it once
    print(f"{agency.name} · {period.name} · seluruh instansi · database {connection.vendor}")
    started = time.perf_counter()
    services.build_report(report.pk)
    total = time.perf_counter() - started
    service_logger.removeHandler(times)
    with all_agencies_scope():
        report.refresh_from_db()
    print(f"{'langkah':<34} {'detik':>8}")
    for step, seconds in times.steps:
        print(f"{step:<34} {seconds:8.2f}")
    print(f"{'jumlah':<34} {total:8.2f}")
    if report.status != ReportStatus.DONE:
        print(f"Laporan {report.get_status_display()}: {report.error}")
        return 1
    print(f"PDF {report.pdf.size / 1024:.0f} KB · Excel {report.xlsx.size / 1024:.0f} KB")
    flag = "tercapai" if total < TARGET_SECONDS else "di atas target"
    print(f"Target < {TARGET_SECONDS:.0f} s: {flag}.")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
