"""Writes of the competency standard of a position (standar kompetensi jabatan, PermenPANRB
38/2017): which competencies the position requires and at which level."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.competency.gaps import is_valid_level
from kinerja.competency.models import Competency, PositionRequirement
from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Position


@transaction.atomic
def set_position_requirements(
    position: Position, *, actor: User | None, levels: Mapping[int, int | None]
) -> int:
    """Set the required level of each competency given (by id); None removes the requirement.
    Competencies not given keep their requirement. One audit entry lists every change
    (code: old → new); returns how many changed."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", position)
    competencies = Competency.objects.in_bulk(list(levels))
    errors: list[str] = []
    for competency_id, level in levels.items():
        competency = competencies.get(competency_id)
        if competency is None or competency.agency_id != position.agency_id:
            errors.append(
                _("Kompetensi %(id)s tidak ada di kamus instansi.") % {"id": competency_id}
            )
        elif level is not None and not is_valid_level(level):
            errors.append(_("%(name)s: level harus 1 sampai 5.") % {"name": competency.name})
        elif level is not None and not competency.is_active:
            errors.append(
                _("%(name)s sudah nonaktif dan tidak dapat dipersyaratkan.")
                % {"name": competency.name}
            )
    if errors:
        raise ValidationError(errors)
    existing = {
        requirement.competency_id: requirement
        for requirement in PositionRequirement.objects.select_for_update(of=("self",)).filter(
            position=position
        )
    }
    changes: audit.Changes = {}
    to_create: list[PositionRequirement] = []
    to_update: list[PositionRequirement] = []
    to_delete: list[int] = []
    for competency_id, level in levels.items():
        current = existing.get(competency_id)
        old = current.level if current is not None else None
        if old == level:
            continue
        changes[competencies[competency_id].code] = (old, level)
        if current is None:
            assert level is not None  # a new requirement always has a level (old ≠ level)
            to_create.append(
                PositionRequirement(
                    agency_id=position.agency_id,
                    position=position,
                    competency_id=competency_id,
                    level=level,
                )
            )
        elif level is None:
            to_delete.append(current.pk)
        else:
            current.level = level
            to_update.append(current)
    if not changes:
        return 0
    PositionRequirement.objects.bulk_create(to_create)
    PositionRequirement.objects.bulk_update(to_update, ["level"])
    PositionRequirement.objects.filter(pk__in=to_delete).delete()
    audit.record(
        position,
        "competency.requirements.set",
        actor=actor,
        agency_id=position.agency_id,
        changes=changes,
    )
    return len(changes)
