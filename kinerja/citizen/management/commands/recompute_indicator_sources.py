"""Recompute the realisation of every indicator fed by data:
`manage.py recompute_indicator_sources [--agency CODE] [--period ID] [--subperiod N …]`.

The same computation as the daily run and the hooks (`citizen.services.sources`): each started
sub-period not yet final; a final one stays locked. Useful after a large import or a fix of
the data, and for installs that run cron instead of Celery beat.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kinerja.citizen.services.sources import (
    ComputeSummary,
    compute_indicator_realisations,
    recompute_agency,
)
from kinerja.core.tenancy import Agency, tenant_scope
from kinerja.planning.models import Period


class Command(BaseCommand):
    help = (
        "Hitung ulang realisasi indikator SKP yang bersumber dari data layanan, survei dan "
        "pengaduan (periode yang evaluasinya sudah final tidak diubah)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="Kode instansi (bawaan: semua instansi aktif).")
        parser.add_argument("--period", type=int, help="ID periode penilaian (perlu --agency).")
        parser.add_argument(
            "--subperiod",
            type=int,
            action="append",
            help="Hanya periode ke-N (boleh diulang; perlu --period).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code, period_id, numbers = options["agency"], options["period"], options["subperiod"]
        if period_id is not None and code is None:
            raise CommandError("--period memerlukan --agency.")
        if numbers and period_id is None:
            raise CommandError("--subperiod memerlukan --period.")
        agencies = Agency.objects.filter(is_active=True).order_by("pk")
        if code is not None:
            agencies = agencies.filter(code=code)
            if not agencies.exists():
                raise CommandError(f"Instansi {code!r} tidak ditemukan.")
        total = ComputeSummary()
        for agency in agencies:
            with tenant_scope(agency):
                if period_id is None:
                    summary = recompute_agency(today=timezone.localdate())
                else:
                    period = Period.objects.filter(pk=period_id).first()
                    if period is None:
                        raise CommandError(f"Periode #{period_id} tidak ada di instansi ini.")
                    summary = compute_indicator_realisations(period, subperiods=numbers)
            self.stdout.write(
                f"{agency.short_name}: {summary.stored} realisasi dihitung, "
                f"{summary.locked} terkunci (evaluasi final)."
            )
            total.add(summary)
        self.stdout.write(
            self.style.SUCCESS(
                f"Selesai: {total.stored} realisasi dihitung, {total.locked} terkunci."
            )
        )
