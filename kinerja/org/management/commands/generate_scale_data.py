"""`manage.py generate_scale_data`: one province-size agency for benchmarks (bulk inserts)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.org.scale import generate_province


class Command(BaseCommand):
    help = (
        "Membuat satu instansi seukuran provinsi (bawaan 60.000 pegawai, ~3.000 unit) untuk uji "
        "kinerja. Data sintetis; NIP valid; hasil sama untuk benih yang sama."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=60_000, help="Jumlah pegawai.")
        parser.add_argument("--seed", type=int, default=1, help="Benih acak.")
        parser.add_argument("--code", default="uji-skala", help="Kode instansi.")
        parser.add_argument(
            "--name", default="Pemerintah Provinsi Uji Skala", help="Nama instansi."
        )

    def handle(
        self, *args: Any, employees: int, seed: int, code: str, name: str, **options: Any
    ) -> None:
        try:
            summary = generate_province(employees=employees, seed=seed, code=code, name=name)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.agency.name}: {summary.units} unit, {summary.positions} jabatan, "
                f"{summary.employees} pegawai, {summary.history} riwayat jabatan "
                f"({summary.seconds:.1f} detik). Admin: {summary.agency.code}.admin"
            )
        )
