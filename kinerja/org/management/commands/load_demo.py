"""`manage.py load_demo`: the demo agencies and accounts, into an empty database only."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kinerja.org.demo import DEFAULT_SEED, DEMO_PASSWORD, DemoAccount, demo_accounts, load_demo

HEADERS = ("Nama pengguna", "Peran", "Instansi", "Nama")


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
        accounts = demo_accounts()
        if accounts:
            self.stdout.write("")
            self.stdout.write(accounts_table(accounts))
            self.stdout.write("")
            self.stdout.write(f"Kata sandi semua akun demo: {DEMO_PASSWORD}")
            self.stdout.write("Pegawai juga dapat masuk dengan NIP-nya.")
