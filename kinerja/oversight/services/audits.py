"""Writes of an audit's plan and life: an inspector plans it (assignment letter, units, team,
lead), the lead edits the plan and moves it planned → fieldwork → reporting → closed, and the
team records its field visits. A closed audit is read-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import audit as audit_trail
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, Role, User
from kinerja.core.permissions import require
from kinerja.org.models import Unit
from kinerja.oversight import lifecycle
from kinerja.oversight.models import Audit, AuditStatus, FieldVisit

PLAN_FIELDS = ["title", "letter_number", "objectives", "scope", "planned_start", "planned_end"]


def register_audit_actions() -> None:
    """Register the audit codes of the oversight area (called from OversightConfig.ready)."""
    audit_trail.register_actions(
        {
            "oversight.audit.created": gettext_lazy("Pemeriksaan direncanakan"),
            "oversight.audit.updated": gettext_lazy("Rencana pemeriksaan diubah"),
            "oversight.audit.status_changed": gettext_lazy("Status pemeriksaan diubah"),
            "oversight.visit.recorded": gettext_lazy("Kunjungan lapangan dicatat"),
            "oversight.finding.recorded": gettext_lazy("Temuan pemeriksaan dicatat"),
            "oversight.finding.updated": gettext_lazy("Temuan pemeriksaan diubah"),
            "oversight.recommendation.added": gettext_lazy("Rekomendasi ditetapkan"),
            "oversight.recommendation.updated": gettext_lazy("Rekomendasi diubah"),
            "oversight.recommendation.not_applicable": gettext_lazy(
                "Rekomendasi dinyatakan tidak dapat ditindaklanjuti"
            ),
            "oversight.recommendation.completed": gettext_lazy("Rekomendasi selesai"),
            "oversight.follow_up.submitted": gettext_lazy("Tindak lanjut diajukan"),
            "oversight.follow_up.accepted": gettext_lazy("Tindak lanjut diterima"),
            "oversight.follow_up.rejected": gettext_lazy("Tindak lanjut ditolak"),
        }
    )


def lock_audit(audit: Audit, expected_version: int | None = None) -> Audit:
    """The audit locked for a write, refused when stale (optimistic concurrency)."""
    locked: Audit = Audit.objects.select_for_update(of=("self",)).get(pk=audit.pk)
    check_version(locked.version, expected_version)
    return locked


def refuse_if_closed(audit: Audit) -> None:
    if audit.status == AuditStatus.CLOSED:
        raise ValidationError(_("Pemeriksaan sudah selesai dan tidak dapat diubah lagi."))


def unit_in_audit(audit: Audit, unit: Unit) -> bool:
    """The unit is an audited unit or lies in the subtree of one."""
    if unit.agency_id != audit.agency_id:
        return False
    return any(unit.path.startswith(path) for path in audit.units.values_list("path", flat=True))


def _validate_plan(
    agency: Agency,
    *,
    title: str,
    letter_number: str,
    objectives: str,
    planned_start: dt.date,
    planned_end: dt.date,
    units: list[Unit],
    team: list[User],
    lead: User,
) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Isikan judul pemeriksaan.")
    if not letter_number.strip():
        errors["letter_number"] = _("Isikan nomor surat tugas.")
    if not objectives.strip():
        errors["objectives"] = _("Isikan tujuan pemeriksaan.")
    if planned_end < planned_start:
        errors["planned_end"] = _("Rencana selesai tidak boleh sebelum rencana mulai.")
    if not units:
        errors["units"] = _("Pilih sekurang-kurangnya satu unit yang diperiksa.")
    elif any(unit.agency_id != agency.pk for unit in units):
        errors["units"] = _("Unit yang diperiksa harus unit instansi ini.")
    inspectors = set(
        User.objects.filter(
            pk__in=[member.pk for member in team],
            agency=agency,
            is_active=True,
            role_grants__role=Role.INSPECTOR,
        ).values_list("pk", flat=True)
    )
    if not team:
        errors["team"] = _("Pilih anggota tim pemeriksa.")
    elif any(member.pk not in inspectors for member in team):
        errors["team"] = _("Anggota tim harus pengguna aktif berperan inspektur di instansi ini.")
    if lead.pk not in {member.pk for member in team}:
        errors["lead"] = _("Ketua tim harus salah satu anggota tim.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_audit(
    agency: Agency,
    *,
    actor: User,
    title: str,
    letter_number: str,
    objectives: str,
    scope: str = "",
    planned_start: dt.date,
    planned_end: dt.date,
    units: Iterable[Unit],
    team: Iterable[User],
    lead: User,
) -> Audit:
    """An inspector plans an audit of units (with their subtrees) under an assignment letter;
    the team are inspectors of the agency, the planner among them."""
    require(actor, "oversight.create_audit", agency)
    if actor.agency_id != agency.pk:
        raise ValidationError(_("Pemeriksaan hanya dapat direncanakan di instansi Anda."))
    unit_list, team_list = list(units), list(team)
    _validate_plan(
        agency,
        title=title,
        letter_number=letter_number,
        objectives=objectives,
        planned_start=planned_start,
        planned_end=planned_end,
        units=unit_list,
        team=team_list,
        lead=lead,
    )
    if actor.pk not in {member.pk for member in team_list}:
        raise ValidationError({"team": _("Anda harus termasuk dalam tim pemeriksa.")})
    created = Audit.objects.create(
        agency=agency,
        title=title.strip(),
        letter_number=letter_number.strip(),
        objectives=objectives.strip(),
        scope=scope.strip(),
        planned_start=planned_start,
        planned_end=planned_end,
        lead=lead,
        created_by=actor,
    )
    created.units.set(unit_list)
    created.team.set(team_list)
    audit_trail.record(
        created,
        "oversight.audit.created",
        actor=actor,
        agency_id=agency.pk,
        changes={
            "letter_number": (None, created.letter_number),
            "units": (None, ", ".join(unit.name for unit in unit_list)),
            "team": (None, ", ".join(str(member) for member in team_list)),
            "lead": (None, str(lead)),
        },
    )
    return created


@transaction.atomic
def update_audit(
    audit: Audit,
    *,
    actor: User,
    expected_version: int | None,
    title: str,
    letter_number: str,
    objectives: str,
    scope: str,
    planned_start: dt.date,
    planned_end: dt.date,
    units: Iterable[Unit],
    team: Iterable[User],
    lead: User,
) -> Audit:
    """The lead edits the plan, the units and the team until the audit is closed."""
    require(actor, "oversight.manage_audit", audit)
    current = lock_audit(audit, expected_version)
    refuse_if_closed(current)
    unit_list, team_list = list(units), list(team)
    agency = Agency.objects.get(pk=current.agency_id)
    _validate_plan(
        agency,
        title=title,
        letter_number=letter_number,
        objectives=objectives,
        planned_start=planned_start,
        planned_end=planned_end,
        units=unit_list,
        team=team_list,
        lead=lead,
    )
    before = audit_trail.snapshot(current, [*PLAN_FIELDS, "lead"])
    units_before = sorted(current.units.values_list("name", flat=True))
    team_before = sorted(str(member) for member in current.team.all())
    current.title = title.strip()
    current.letter_number = letter_number.strip()
    current.objectives = objectives.strip()
    current.scope = scope.strip()
    current.planned_start = planned_start
    current.planned_end = planned_end
    current.lead = lead
    current.version += 1
    current.save(update_fields=[*PLAN_FIELDS, "lead", "version", "updated_at"])
    current.units.set(unit_list)
    current.team.set(team_list)
    changes = audit_trail.diff(current, [*PLAN_FIELDS, "lead"], before)
    units_after = sorted(unit.name for unit in unit_list)
    team_after = sorted(str(member) for member in team_list)
    if units_after != units_before:
        changes["units"] = (", ".join(units_before), ", ".join(units_after))
    if team_after != team_before:
        changes["team"] = (", ".join(team_before), ", ".join(team_after))
    audit_trail.record(
        current,
        "oversight.audit.updated",
        actor=actor,
        agency_id=current.agency_id,
        changes=changes,
    )
    return current


@transaction.atomic
def change_audit_status(
    audit: Audit, *, actor: User, target: str, expected_version: int | None
) -> Audit:
    """The lead moves the audit to its next stage (`lifecycle.TRANSITIONS`). Closing needs a
    recommendation for every finding: the report must say what each finding asks for."""
    require(actor, "oversight.manage_audit", audit)
    current = lock_audit(audit, expected_version)
    if not lifecycle.can_move(current.status, target):
        raise ValidationError(
            _("Pemeriksaan berstatus “%(status)s” tidak dapat dipindahkan ke “%(target)s”.")
            % {
                "status": current.get_status_display(),
                "target": AuditStatus(target).label if target in AuditStatus.values else target,
            }
        )
    if target == AuditStatus.CLOSED:
        bare = list(
            current.findings.filter(recommendations=None)
            .order_by("number")
            .values_list("number", flat=True)
        )
        if bare:
            raise ValidationError(
                _("Temuan nomor %(numbers)s belum memiliki rekomendasi.")
                % {"numbers": ", ".join(str(number) for number in bare)}
            )
    old = current.status
    current.status = target
    current.status_changed_by = actor
    current.status_changed_at = timezone.now()
    current.version += 1
    current.save(
        update_fields=["status", "status_changed_by", "status_changed_at", "version", "updated_at"]
    )
    audit_trail.record(
        current,
        "oversight.audit.status_changed",
        actor=actor,
        agency_id=current.agency_id,
        changes={"status": (old, target)},
    )
    return current


@transaction.atomic
def record_visit(
    audit: Audit, *, actor: User, unit: Unit, visited_on: dt.date, notes: str
) -> FieldVisit:
    """A team member records a visit to an audited unit during fieldwork."""
    require(actor, "oversight.work_in_audit", audit)
    current = lock_audit(audit)
    refuse_if_closed(current)
    if not lifecycle.accepts_visits(current.status):
        raise ValidationError(
            _("Kunjungan lapangan hanya dicatat pada tahap pemeriksaan lapangan.")
        )
    errors: dict[str, str] = {}
    if not unit_in_audit(current, unit):
        errors["unit"] = _("Unit ini tidak termasuk unit yang diperiksa.")
    if visited_on > timezone.localdate():
        errors["visited_on"] = _("Tanggal kunjungan tidak boleh sesudah hari ini.")
    if not notes.strip():
        errors["notes"] = _("Isikan catatan lapangan.")
    if errors:
        raise ValidationError(errors)
    visit = FieldVisit.objects.create(
        agency_id=current.agency_id,
        audit=current,
        unit=unit,
        inspector=actor,
        visited_on=visited_on,
        notes=notes.strip(),
    )
    audit_trail.record(
        visit,
        "oversight.visit.recorded",
        actor=actor,
        agency_id=current.agency_id,
        changes={"unit": (None, unit.name), "visited_on": (None, visited_on)},
        note=str(current),
    )
    return visit
