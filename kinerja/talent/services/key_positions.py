"""Key positions (jabatan kunci): the agency admin marks the positions whose succession is
planned from the talent pool (PermenPANRB 3/2020), and unmarks them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Position
from kinerja.talent.models import KeyPosition


@transaction.atomic
def mark_key_position(position: Position, *, actor: User, note: str = "") -> KeyPosition:
    """Mark an active position as key (agency admin); a position is marked once."""
    require(actor, "talent.manage", position)
    if not position.is_active:
        raise ValidationError({"position": _("Jabatan ini sudah tidak aktif.")})
    if KeyPosition.objects.filter(position=position).exists():
        raise ValidationError(
            {"position": _("Jabatan ini sudah ditetapkan sebagai jabatan kunci.")}
        )
    marked = KeyPosition.objects.create(
        agency_id=position.agency_id, position=position, note=note.strip(), created_by=actor
    )
    audit.record(marked, "talent.key_position.marked", actor=actor, agency_id=position.agency_id)
    return marked


@transaction.atomic
def unmark_key_position(key_position: KeyPosition, *, actor: User) -> None:
    """Remove a position from the key positions (agency admin)."""
    require(actor, "talent.manage", key_position)
    audit.record(
        key_position,
        "talent.key_position.unmarked",
        actor=actor,
        agency_id=key_position.agency_id,
    )
    key_position.delete()
