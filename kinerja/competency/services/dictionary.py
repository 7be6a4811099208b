"""Writes of the agency's competency dictionary: add, edit, deactivate and reactivate an entry,
and load the default dictionary of PermenPANRB 38/2017 into an empty one."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.competency.gaps import LEVEL_MAX
from kinerja.competency.models import Competency, CompetencyKind
from kinerja.competency.standard import REGULATION, STANDARD_DICTIONARY
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require

EDITABLE = ["kind", "code", "name", "description", "level_descriptions"]


def _clean(
    agency_id: int,
    *,
    kind: str,
    code: str,
    name: str,
    level_descriptions: Sequence[str],
    pk: int | None = None,
) -> tuple[str, str, list[str]]:
    errors: dict[str, str] = {}
    code = code.strip().upper()
    name = name.strip()
    descriptions = [text.strip() for text in level_descriptions]
    if kind not in CompetencyKind.values:
        errors["kind"] = _("Pilih jenis kompetensi.")
    if not code:
        errors["code"] = _("Kode wajib diisi.")
    elif Competency.objects.filter(agency_id=agency_id, code__iexact=code).exclude(pk=pk).exists():
        errors["code"] = _("Kode %(code)s sudah dipakai kompetensi lain.") % {"code": code}
    if not name:
        errors["name"] = _("Nama kompetensi wajib diisi.")
    if len(descriptions) != LEVEL_MAX or not all(descriptions):
        errors["level_descriptions"] = _("Isi uraian kelima level, dari level 1 sampai level 5.")
    if errors:
        raise ValidationError(errors)
    return code, name, descriptions


@transaction.atomic
def create_competency(
    agency: Agency,
    *,
    actor: User | None,
    kind: str,
    code: str,
    name: str,
    description: str = "",
    level_descriptions: Sequence[str],
) -> Competency:
    """The agency admin adds a competency with its five level descriptions."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", agency)
    code, name, descriptions = _clean(
        agency.pk, kind=kind, code=code, name=name, level_descriptions=level_descriptions
    )
    competency = Competency.objects.create(
        agency=agency,
        kind=kind,
        code=code,
        name=name,
        description=description.strip(),
        level_descriptions=descriptions,
    )
    audit.record(
        competency,
        "competency.competency.created",
        actor=actor,
        agency_id=agency.pk,
        changes={"code": (None, code), "name": (None, name), "kind": (None, kind)},
    )
    return competency


@transaction.atomic
def update_competency(
    competency: Competency,
    *,
    actor: User | None,
    expected_version: int | None,
    kind: str,
    code: str,
    name: str,
    description: str = "",
    level_descriptions: Sequence[str],
) -> Competency:
    """The agency admin edits an entry; changes are audited field by field."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", competency)
    locked: Competency = Competency.objects.select_for_update(of=("self",)).get(pk=competency.pk)
    check_version(locked.version, expected_version)
    code, name, descriptions = _clean(
        locked.agency_id,
        kind=kind,
        code=code,
        name=name,
        level_descriptions=level_descriptions,
        pk=locked.pk,
    )
    before = audit.snapshot(locked, EDITABLE)
    locked.kind, locked.code, locked.name = kind, code, name
    locked.description = description.strip()
    locked.level_descriptions = descriptions
    changes = audit.diff(locked, EDITABLE, before)
    if not changes:
        return locked
    locked.version += 1
    locked.save(update_fields=[*EDITABLE, "version", "updated_at"])
    audit.record(
        locked,
        "competency.competency.updated",
        actor=actor,
        agency_id=locked.agency_id,
        changes=changes,
    )
    return locked


@transaction.atomic
def set_competency_active(
    competency: Competency, *, actor: User | None, active: bool, expected_version: int | None
) -> Competency:
    """Deactivate (or reactivate) an entry. An inactive competency keeps its history but is
    no longer required, assessed or counted in any gap."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", competency)
    locked: Competency = Competency.objects.select_for_update(of=("self",)).get(pk=competency.pk)
    check_version(locked.version, expected_version)
    if locked.is_active == active:
        return locked
    locked.is_active = active
    locked.version += 1
    locked.save(update_fields=["is_active", "version", "updated_at"])
    audit.record(
        locked,
        "competency.competency.reactivated" if active else "competency.competency.deactivated",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"is_active": (not active, active)},
    )
    return locked


@transaction.atomic
def load_standard_dictionary(agency: Agency, *, actor: User | None) -> list[Competency]:
    """Fill an empty dictionary with the managerial and socio-cultural competencies of
    PermenPANRB 38/2017; refused once the agency has any entry (nothing is overwritten)."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", agency)
    if Competency.objects.filter(agency=agency).exists():
        raise ValidationError(
            _(
                "Kamus kompetensi instansi ini sudah berisi. Kamus standar hanya dapat dimuat "
                "ke kamus yang masih kosong."
            )
        )
    created = Competency.objects.bulk_create(
        [
            Competency(
                agency=agency,
                kind=entry.kind,
                code=entry.code,
                name=entry.name,
                description=entry.description,
                level_descriptions=list(entry.levels),
            )
            for entry in STANDARD_DICTIONARY
        ]
    )
    audit.record(
        agency,
        "competency.dictionary.loaded",
        actor=actor,
        agency_id=agency.pk,
        changes={"competencies": (0, len(created))},
        note=_("%(count)s kompetensi dari %(regulation)s")
        % {"count": len(created), "regulation": REGULATION},
    )
    return created
