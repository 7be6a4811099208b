"""Send today's reminders without Celery (for cron-only installs): `manage.py send_reminders`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kinerja.core import reminders
from kinerja.core.tenancy import Agency


class Command(BaseCommand):
    help = "Kirim pengingat hari ini (batas SKP, realisasi, persetujuan) ke setiap instansi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Tanggal pengingat (YYYY-MM-DD); bawaan: hari ini (zona waktu situs)."
        )
        parser.add_argument("--agency", help="Kode instansi; bawaan: semua instansi aktif.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError("--date harus berformat YYYY-MM-DD.") from error
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Instansi {options['agency']!r} tidak ditemukan.")
            agency_ids = [agency.pk]
        else:
            agency_ids = reminders.active_agency_ids()
        total = 0
        for agency_id in agency_ids:
            sent = reminders.run_for_agency(agency_id, today=today)
            total += sum(sent.values())
            details = ", ".join(f"{code}: {count}" for code, count in sent.items())
            self.stdout.write(f"Instansi #{agency_id}: {details or '-'}")
        self.stdout.write(self.style.SUCCESS(f"{total} pengingat baru dikirim ({today})."))
