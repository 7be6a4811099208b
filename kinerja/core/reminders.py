"""Scheduled reminders: a registry the feature apps fill, and the daily run per agency.

Core imports no feature app, so each app that knows what to remind of registers its selection
in `AppConfig.ready()` (like the audit actions): `register(Reminder(code, select))`, where
`select(agency_id=…, today=…)` returns the notices due that day for one agency in a fixed
number of queries. The run opens the agency's tenant scope and sends in bulk; each notice's
`dedupe_key` makes a second run on the same day tell nobody twice. Driven by the Celery beat
(`kinerja.core.send_reminders`, daily 06:00) or, without Celery, `manage.py send_reminders`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from django.db import transaction

from kinerja.core.notifications import Notice, notify_many
from kinerja.core.tenancy import Agency, tenant_scope


class SelectNotices(Protocol):
    def __call__(self, *, agency_id: int, today: dt.date) -> list[Notice]: ...


@dataclass(frozen=True)
class Reminder:
    """A kind of reminder: its notification code and how to select who is due on a day."""

    code: str
    select: SelectNotices


REMINDERS: dict[str, Reminder] = {}


def register(reminder: Reminder) -> None:
    REMINDERS[reminder.code] = reminder


def active_agency_ids() -> list[int]:
    return list(Agency.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))


def run_for_agency(
    agency_id: int, *, today: dt.date, codes: list[str] | None = None
) -> dict[str, int]:
    """Send every (or the named) registered reminder of one agency due on `today`.

    Each reminder runs in its own transaction, so one failing does not hold back the others'
    notifications already made. Returns how many new notifications each sent.
    """
    sent: dict[str, int] = {}
    with tenant_scope(agency_id):
        for code, reminder in sorted(REMINDERS.items()):
            if codes is not None and code not in codes:
                continue
            with transaction.atomic():
                notices = reminder.select(agency_id=agency_id, today=today)
                sent[code] = notify_many(notices, code=code, agency_id=agency_id)
    return sent
