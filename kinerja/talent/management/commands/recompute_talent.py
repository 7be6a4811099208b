"""Recompute an agency's 9-box placements: `manage.py recompute_talent --agency CODE`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.core.tenancy import Agency, tenant_scope
from kinerja.talent.services.placements import recompute_placements


class Command(BaseCommand):
    help = (
        "Hitung ulang pemetaan 9-box seluruh pegawai aktif instansi dari predikat kinerja dan "
        "skor potensial terakhir."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="Kode instansi.")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Instansi {options['agency']!r} tidak ditemukan.")
        with tenant_scope(agency):
            summary = recompute_placements(agency, actor=None)
        boxes = ", ".join(f"kotak {box}: {count}" for box, count in sorted(summary.by_box.items()))
        self.stdout.write(
            f"{agency.name}: {summary.placed} pegawai dipetakan, {summary.unmapped} belum dapat "
            f"dipetakan, {summary.removed} penempatan lama dihapus ({summary.seconds} detik)."
        )
        self.stdout.write(f"Tahun predikat: {', '.join(map(str, summary.years)) or '-'}; {boxes}.")
