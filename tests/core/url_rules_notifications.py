"""URL × persona rules of this area, merged into tests/core/test_permission_matrix.py.

A notification is its recipient's alone: opening `pegawai`'s answers 404 to everyone else
(and to another agency's admin, whose own notification is the cross-agency object).
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses


def _notification(world: World, persona: str) -> dict[str, Any]:
    from kinerja.core.models import Notification

    notification = Notification.objects.create(
        recipient=world.users[persona],
        agency=world.users[persona].agency,
        code="planning.plan.approved",
        text="SKP Anda telah disetujui.",
        url="/kinerja/skp/",
    )
    return {"pk": notification.pk}


NOTIFICATION = {
    "kwargs": lambda w: _notification(w, "pegawai"),
    "other_agency_kwargs": lambda w: _notification(w, "admin_agensi_lain"),
}

RULES: dict[str, Rule] = {
    "notifications:inbox": Rule(statuses(200)),  # everyone has an inbox of their own
    "notifications:open": Rule(only(("pegawai",), ok=302, denied=404), **NOTIFICATION),
    "notifications:mark-read": Rule(statuses(405), **NOTIFICATION),  # POST only
    "notifications:mark-all-read": Rule(statuses(405)),  # POST only
    "api-notification-list": Rule(statuses(200, anon=403)),  # each lists only their own
    "api-notification-read": Rule(statuses(405, anon=403), **NOTIFICATION),
    "api-notification-read-all": Rule(statuses(405, anon=403)),
}
