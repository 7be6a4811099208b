"""The agency admin sets what a vacant position requires of its candidates."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.career.models import VacancyRequirement
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Position, PositionKind
from kinerja.org.ranks import RANK_ORDER


@transaction.atomic
def set_vacancy_requirement(
    position: Position,
    *,
    actor: User,
    min_rank: str,
    min_credit: Decimal | None,
    note: str = "",
    expected_version: int | None = None,
) -> VacancyRequirement:
    """Set the minimum golongan (and, for a functional position, the angka kredit) that
    candidates for the position must meet; empty values fall back to the derived ones."""
    require(actor, "career.manage_vacancy", position)
    if min_rank and (min_rank not in RANK_ORDER or min_rank.startswith("PPPK")):
        raise ValidationError({"min_rank": _("Golongan tidak dikenal.")})
    if min_credit is not None:
        if position.kind != PositionKind.FUNGSIONAL:
            raise ValidationError(
                {"min_credit": _("Angka kredit hanya berlaku untuk jabatan fungsional.")}
            )
        if min_credit < 0:
            raise ValidationError({"min_credit": _("Angka kredit tidak boleh negatif.")})
    row = VacancyRequirement.objects.select_for_update().filter(position=position).first()
    fields = ["min_rank", "min_credit", "note"]
    if row is None:
        row = VacancyRequirement.objects.create(
            agency_id=position.agency_id,
            position=position,
            min_rank=min_rank,
            min_credit=min_credit,
            note=note.strip()[:255],
        )
        changes = {name: (None, getattr(row, name)) for name in fields}
    else:
        check_version(row.version, expected_version)
        before = audit.snapshot(row, fields)
        row.min_rank, row.min_credit, row.note = min_rank, min_credit, note.strip()[:255]
        changes = audit.diff(row, fields, before)
        if changes:
            row.version += 1
            row.save(update_fields=[*fields, "version", "updated_at"])
    if changes:
        audit.record(
            row,
            "career.vacancy.requirement",
            actor=actor,
            agency_id=position.agency_id,
            changes=changes,
        )
    position.vacancy_requirement = row
    return row
