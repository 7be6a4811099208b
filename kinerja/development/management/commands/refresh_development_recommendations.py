"""Refresh the development recommendations of agencies:
`manage.py refresh_development_recommendations [--agency CODE] [--year YYYY]`.

Idempotent (one recommendation per source and employee), so it can run nightly after the
evaluations, realisations, 360° rounds and competency levels of the day.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kinerja.core.tenancy import Agency, tenant_scope
from kinerja.development.services.recommendations import refresh_recommendations


class Command(BaseCommand):
    help = (
        "Perbarui rekomendasi pengembangan kompetensi dari predikat, indikator di bawah target, "
        "umpan balik 360° dan kesenjangan kompetensi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", help="Kode instansi (bawaan: semua instansi aktif).")
        parser.add_argument("--year", type=int, help="Tahun (bawaan: tahun berjalan).")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year
        agencies = Agency.objects.filter(is_active=True).order_by("code")
        if options["agency"]:
            agencies = agencies.filter(code=options["agency"])
            if not agencies.exists():
                raise CommandError(f"Instansi {options['agency']!r} tidak ditemukan.")
        for agency in agencies:
            with tenant_scope(agency):
                created = refresh_recommendations(agency, actor=None, year=year)
            self.stdout.write(f"{agency.short_name} {year}: {created} rekomendasi baru.")
