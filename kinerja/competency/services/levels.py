"""Writes of employees' current competency levels: the supervisor's (or the agency admin's)
judgement on one competency. Every change is audited old → new; the previous values live
only in the audit trail."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.competency.gaps import is_valid_level
from kinerja.competency.models import Competency, EmployeeCompetency, LevelSource
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Employee

LEVEL_FIELDS = ["level", "source", "assessed_on", "note"]


def write_level(
    employee: Employee,
    competency: Competency,
    *,
    actor: User | None,
    current: EmployeeCompetency | None,
    level: int,
    source: str,
    assessed_on: dt.date,
    note: str,
    audit_note: str = "",
) -> tuple[EmployeeCompetency, bool]:
    """Create or update one level and audit it; (the record, whether it changed). Callers have
    checked permission and validity; the row of `current` is locked by the caller."""
    if current is None:
        current = EmployeeCompetency.objects.create(
            agency_id=employee.agency_id,
            employee=employee,
            competency=competency,
            level=level,
            source=source,
            assessed_on=assessed_on,
            assessed_by=actor,
            note=note,
        )
        changes: audit.Changes = {"level": (None, level), "source": (None, source)}
    else:
        before = audit.snapshot(current, LEVEL_FIELDS)
        current.level, current.source = level, source
        current.assessed_on, current.note = assessed_on, note
        changes = audit.diff(current, LEVEL_FIELDS, before)
        if not changes:
            return current, False
        current.assessed_by = actor
        current.version += 1
        current.save(update_fields=[*LEVEL_FIELDS, "assessed_by", "version", "updated_at"])
    audit.record(
        current,
        "competency.level.set",
        actor=actor,
        agency_id=employee.agency_id,
        changes=changes,
        note=audit_note
        or _("%(employee)s (NIP %(nip)s) · %(competency)s")
        % {"employee": employee.name, "nip": employee.nip, "competency": competency.name},
    )
    return current, True


def validate_level(
    employee: Employee, competency: Competency, *, level: int, assessed_on: dt.date
) -> list[str]:
    """What is wrong with setting this level (Indonesian messages); empty when nothing."""
    errors: list[str] = []
    if competency.agency_id != employee.agency_id:
        errors.append(_("Kompetensi ini bukan bagian kamus instansi pegawai."))
    elif not competency.is_active:
        errors.append(_("Kompetensi %(name)s sudah nonaktif.") % {"name": competency.name})
    if not employee.is_active:
        errors.append(_("Pegawai ini sudah nonaktif."))
    if not is_valid_level(level):
        errors.append(_("Level harus 1 sampai 5."))
    if assessed_on > timezone.localdate():
        errors.append(_("Tanggal penilaian tidak boleh di masa depan."))
    return errors


@transaction.atomic
def set_employee_level(
    employee: Employee,
    *,
    actor: User | None,
    competency: Competency,
    level: int,
    assessed_on: dt.date | None = None,
    source: str = LevelSource.SUPERVISOR,
    note: str = "",
    expected_version: int | None = None,
) -> EmployeeCompetency:
    """The direct supervisor (or the agency admin) sets an employee's current level in one
    competency; `expected_version` refuses an edit based on an outdated level."""
    if actor is not None:
        require(actor, "competency.set_level", employee)
    if source not in LevelSource.values:
        raise ValidationError({"source": _("Sumber penilaian tidak dikenal.")})
    assessed_on = assessed_on or timezone.localdate()
    errors = validate_level(employee, competency, level=level, assessed_on=assessed_on)
    if errors:
        raise ValidationError(errors)
    current = (
        EmployeeCompetency.objects.select_for_update(of=("self",))
        .filter(employee=employee, competency=competency)
        .first()
    )
    if current is not None:
        check_version(current.version, expected_version)
    saved, _changed = write_level(
        employee,
        competency,
        actor=actor,
        current=current,
        level=level,
        source=source,
        assessed_on=assessed_on,
        note=note.strip()[:255],
    )
    return saved
