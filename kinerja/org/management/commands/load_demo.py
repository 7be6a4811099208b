"""`manage.py load_demo`: the demo agencies and accounts, into an empty database only; then the
performance cycle of each demo agency (SKP, realisation, evaluations), once."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from kinerja.appraisal.demo import load_demo_appraisal
from kinerja.behaviour.demo import load_demo_behaviour
from kinerja.career.demo import load_demo_career
from kinerja.citizen.demo import load_demo_citizen
from kinerja.competency.demo import load_demo_competency
from kinerja.core.models import Agency
from kinerja.core.tenancy import all_agencies_scope
from kinerja.development.demo import load_demo_development
from kinerja.forum.demo import load_demo_forum
from kinerja.insight.demo import load_demo_reports
from kinerja.org.demo import DEFAULT_SEED, DEMO_PASSWORD, DemoAccount, demo_accounts, load_demo
from kinerja.org.demo.regions import REGIONS
from kinerja.oversight.demo import load_demo_oversight
from kinerja.planning.demo import load_demo_plans
from kinerja.planning.models import PlanStatus
from kinerja.talent.demo import load_demo_talent

HEADERS = ("Nama pengguna", "Peran", "Instansi", "Nama")


def load_performance_demo(*, seed: int) -> str | None:
    """SKP and appraisal data for every demo agency that has none yet; a summary line, or None."""
    plans: dict[str, int] = {}
    realisations = evaluations = objections = requests = 0
    with all_agencies_scope(), transaction.atomic():
        agencies = Agency.objects.filter(code__in=[region.code for region in REGIONS])
        for agency in agencies.order_by("pk"):
            planned = load_demo_plans(agency, seed=seed)
            if planned is not None:
                for status, count in planned.by_status.items():
                    plans[status] = plans.get(status, 0) + count
            appraised = load_demo_appraisal(agency, seed=seed)
            if appraised is not None:
                realisations += appraised.realisations
                evaluations += appraised.evaluations
                objections += appraised.objections
            citizen = load_demo_citizen(agency, seed=seed)
            requests += citizen.requests if citizen is not None else 0
            load_demo_behaviour(agency, seed=seed)
            load_demo_competency(agency, seed=seed)
            load_demo_development(agency, seed=seed)
            load_demo_talent(agency, seed=seed)
            load_demo_career(agency, seed=seed)
            load_demo_forum(agency, seed=seed)
            load_demo_oversight(agency, seed=seed)
            load_demo_reports(agency)
    if not plans and not realisations:
        return None
    states = ", ".join(
        f"{plans[status]} {label.lower()}"
        for status, label in PlanStatus.choices
        if plans.get(status)
    )
    return (
        f"Siklus kinerja 2026: {sum(plans.values())} SKP ({states}), {realisations} realisasi, "
        f"{evaluations} evaluasi periodik, {objections} keberatan, "
        f"{requests} permohonan layanan"
    )


def accounts_table(accounts: list[DemoAccount]) -> str:
    """The accounts as a plain-text table with aligned columns."""
    rows = [HEADERS, *((a.username, a.role, a.agency, a.name) for a in accounts)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Memuat data demo (Kota Palembang, Kota Subulussalam, Provinsi Bengkulu, Kabupaten "
        "Kerinci) beserta akun demo. Tidak melakukan apa pun bila sudah ada instansi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Benih acak; benih yang sama menghasilkan data yang sama.",
        )

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        started = time.perf_counter()
        summary = load_demo(seed=seed)
        if summary is None:
            self.stdout.write("Data demo sudah ada.")
        else:
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Data demo dimuat: {summary.agencies} instansi, {summary.employees} pegawai "
                    f"({seconds:.1f} detik)."
                )
            )
        started = time.perf_counter()
        performance = load_performance_demo(seed=seed)
        if performance is None:
            self.stdout.write("Data kinerja demo sudah ada.")
        else:
            seconds = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"{performance} ({seconds:.1f} detik)."))
        accounts = demo_accounts()
        if accounts:
            self.stdout.write("")
            self.stdout.write(accounts_table(accounts))
            self.stdout.write("")
            self.stdout.write(f"Kata sandi semua akun demo: {DEMO_PASSWORD}")
            self.stdout.write("Pegawai juga dapat masuk dengan NIP-nya.")
