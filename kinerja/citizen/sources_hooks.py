"""How the rest of the citizen area tells indicators fed by data that their data changed, and
the daily safety net.

Call `data_changed(...)` inside the transaction of a write that changes what a metric counts
(a request completed or imported, a survey response submitted or imported, a complaint
resolved): after the commit, a task recomputes the bound indicators fed by that service, that
unit (or a unit above it: a unit's IKM and complaints pool its subtree) or that employee, for
the sub-period containing `day` (every started sub-period when `day` is None — use that after
an import spanning many days). Once a day, every bound indicator is recomputed anyway
(registered with `kinerja.core.reminders`), so a missed hook heals by the next morning.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from kinerja.citizen.services.sources import recompute_agency, register_audit_actions
from kinerja.citizen.tasks import recompute_sources_for
from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register

DAILY_RECOMPUTE = "citizen.sources.daily_recompute"


def data_changed(
    agency_id: int,
    *,
    service_id: int | None = None,
    unit_id: int | None = None,
    employee_id: int | None = None,
    day: dt.date | None = None,
) -> None:
    """After the current transaction commits, recompute the indicators fed by this data."""

    def enqueue() -> None:
        recompute_sources_for.delay(
            agency_id,
            service_id=service_id,
            unit_id=unit_id,
            employee_id=employee_id,
            day=day.isoformat() if day is not None else None,
        )

    # robust: a failing recomputation is logged, never turned into an error of the write that
    # already committed (the daily run recomputes it again).
    transaction.on_commit(enqueue, robust=True)


def daily_recompute(*, agency_id: int, today: dt.date) -> list[Notice]:
    """The daily run of one agency (in its scope): recompute every bound indicator. Nobody is
    notified; the reminders registry is only the schedule."""
    recompute_agency(today=today)
    return []


def register_sources() -> None:
    """Audit actions and the daily recomputation (called from CitizenConfig.ready)."""
    register_audit_actions()
    register(Reminder(DAILY_RECOMPUTE, daily_recompute))
