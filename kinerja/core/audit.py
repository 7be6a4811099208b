"""The audit trail: `record(...)` writes one entry; `ACTIONS` is the registry of display texts.

Action codes are dotted (`org.employee.updated`). Apps register their codes with
`register_actions` so the audit page can show an Indonesian sentence for each.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import AuditEntry, User

ACTIONS: dict[str, Promise | str] = {
    "core.user.password_reset": _("Kata sandi direset oleh admin"),
    "core.user.password_changed": _("Kata sandi diganti"),
    "core.user.created": _("Akun pengguna dibuat"),
    "core.document.issued": _("Dokumen resmi diterbitkan"),
}

Changes = dict[str, tuple[Any, Any]]


def register_actions(actions: dict[str, Promise | str]) -> None:
    """Add an app's action codes and their display texts to the registry."""
    ACTIONS.update(actions)


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def _plain(value: Any) -> Any:
    """A JSON-safe, human-readable form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def diff(instance: models.Model, fields: list[str], before: dict[str, Any]) -> Changes:
    """The fields whose value differs from `before`, as `{field: (old, new)}`."""
    changes: Changes = {}
    for name in fields:
        new = getattr(instance, name)
        old = before.get(name)
        if old != new:
            changes[name] = (old, new)
    return changes


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def record(
    instance: models.Model,
    action: str,
    *,
    actor: User | None,
    agency_id: int,
    changes: Changes | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry for `instance`."""
    if action not in ACTIONS:
        raise ValueError(f"unregistered audit action {action!r}")
    return AuditEntry.objects.create(
        agency_id=agency_id,
        actor=actor,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes={k: [_plain(old), _plain(new)] for k, (old, new) in (changes or {}).items()},
        note=note,
    )
