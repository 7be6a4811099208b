"""`manage.py generate_scale_data`: one province-size agency for benchmarks (bulk inserts),
optionally with its 2026 planning and appraisal volume (`--with-appraisal`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.core.models import Agency
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.scale import generate_province
from kinerja.org.scale.appraisal import generate_appraisal


class Command(BaseCommand):
    help = (
        "Membuat satu instansi seukuran provinsi (bawaan 60.000 pegawai, ~3.000 unit) untuk uji "
        "kinerja. Data sintetis; NIP valid; hasil sama untuk benih yang sama. Dengan "
        "--with-appraisal juga SKP, 5 indikator per pegawai, realisasi bulanan dan evaluasi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=60_000, help="Jumlah pegawai.")
        parser.add_argument("--seed", type=int, default=1, help="Benih acak.")
        parser.add_argument("--code", default="uji-skala", help="Kode instansi.")
        parser.add_argument(
            "--name", default="Pemerintah Provinsi Uji Skala", help="Nama instansi."
        )
        parser.add_argument(
            "--with-appraisal",
            action="store_true",
            help="Tambahkan SKP, indikator, realisasi dan evaluasi periodik 2026.",
        )
        parser.add_argument(
            "--appraisal-only",
            action="store_true",
            help="Hanya data kinerja, untuk instansi --code yang sudah dibuat.",
        )
        parser.add_argument(
            "--realisation-subperiods",
            type=int,
            default=12,
            help="Jumlah bulan yang diberi realisasi (12 × 300.000 indikator = 3,6 juta baris).",
        )

    def handle(
        self,
        *args: Any,
        employees: int,
        seed: int,
        code: str,
        name: str,
        with_appraisal: bool,
        appraisal_only: bool,
        realisation_subperiods: int,
        **options: Any,
    ) -> None:
        try:
            if appraisal_only:
                with all_agencies_scope():
                    agency = Agency.objects.filter(code=code).first()
                if agency is None:
                    raise CommandError(f"instansi dengan kode {code!r} belum ada")
            else:
                summary = generate_province(employees=employees, seed=seed, code=code, name=name)
                agency = summary.agency
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{agency.name}: {summary.units} unit, {summary.positions} jabatan, "
                        f"{summary.employees} pegawai, {summary.history} riwayat jabatan "
                        f"({summary.seconds:.1f} detik). Admin: {agency.code}.admin"
                    )
                )
            if with_appraisal or appraisal_only:
                result = generate_appraisal(
                    agency, seed=seed, realisation_subperiods=realisation_subperiods
                )
                timing = ", ".join(f"{k} {v:.1f} detik" for k, v in result.seconds.items())
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{agency.name}: {result.plans} SKP, {result.results} RHK, "
                        f"{result.indicators} indikator, {result.realisations} realisasi, "
                        f"{result.evaluations} evaluasi, {result.assessments} predikat unit "
                        f"({timing})."
                    )
                )
        except ValueError as error:
            raise CommandError(str(error)) from error
