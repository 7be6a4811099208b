"""The yearly predicate run for a whole agency:
`manage.py recompute_predicates --agency CODE --period ID [--subperiod N]`.

Recomputes every rated employee's predicate from the two ratings (one UPDATE) and prints the
distribution check of each unit that has an organisation predicate (SE MenPANRB 3/2023).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.appraisal.distribution import format_percent
from kinerja.appraisal.predicate import Predicate
from kinerja.appraisal.selectors.evaluation import subperiod_label
from kinerja.appraisal.services.predicate_run import distribution_report, recompute_predicates
from kinerja.core.tenancy import Agency, tenant_scope
from kinerja.planning.models import Period


class Command(BaseCommand):
    help = (
        "Hitung ulang predikat kinerja pegawai seluruh instansi dari rating hasil kerja dan "
        "perilaku kerja, lalu periksa pola distribusi setiap unit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="Kode instansi.")
        parser.add_argument("--period", type=int, required=True, help="ID periode penilaian.")
        parser.add_argument(
            "--subperiod",
            type=int,
            default=0,
            help="Evaluasi periodik ke-N; 0 (bawaan) untuk evaluasi tahunan.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Instansi {options['agency']!r} tidak ditemukan.")
        subperiod = options["subperiod"]
        if subperiod < 0:
            raise CommandError("--subperiod tidak boleh negatif.")
        with tenant_scope(agency):
            period = Period.objects.filter(pk=options["period"]).first()
            if period is None:
                raise CommandError(f"Periode #{options['period']} tidak ada di instansi ini.")
            label = subperiod_label(period, subperiod)
            result = recompute_predicates(period, actor=None, subperiod=subperiod)
            report = distribution_report(period, subperiod)
        self.stdout.write(
            f"{period.name} · {label}: {result.rated} evaluasi sudah dinilai, "
            f"{result.changed} predikat diperbarui."
        )
        self.stdout.write(
            f"{len(report.units)} unit dengan pegawai yang dinilai · "
            f"{len(report.checked)} diperiksa · {len(report.breaching)} menyimpang dari pola · "
            f"{len(report.without_organisation_predicate)} belum ada predikat organisasi."
        )
        for entry in report.breaching:
            assert entry.check is not None
            assert entry.organisation_predicate is not None
            shares = ", ".join(
                f"{p.value} {entry.counts.get(p, 0)} ({format_percent(entry.check.shares[p])})"
                for p in Predicate
                if entry.counts.get(p)
            )
            self.stdout.write(
                f"- {entry.unit.name} (predikat organisasi {entry.organisation_predicate.value}; "
                f"{entry.total} pegawai: {shares})"
            )
            for message in entry.check.messages:
                self.stdout.write(f"    {message}")
        self.stdout.write(self.style.SUCCESS("Selesai."))
