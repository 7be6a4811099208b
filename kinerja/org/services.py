"""Every write to the organisation data: one function per use case, audited, permission-checked.

Views, the API, the importer and the demo-data command all call these; none saves a model
directly. Each function runs in a transaction, checks `org.manage`, validates the business
rules (Indonesian messages), refuses stale edits (version column) and writes the audit trail.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, Role, RoleGrant, User
from kinerja.core.permissions import require
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.models import (
    LEVELS_BY_KIND,
    ActingAssignment,
    Employee,
    EmployeeType,
    Position,
    PositionHistory,
    Unit,
)
from kinerja.org.nip import NipError, check_agrees, parse_ni_pppk, parse_nip

EMPLOYEE_FIELDS = [
    "employee_type",
    "nip",
    "name",
    "front_title",
    "back_title",
    "birth_place",
    "birth_date",
    "sex",
    "rank",
    "rank_since",
    "unit",
    "position",
    "position_since",
    "supervisor",
    "education",
    "email",
    "phone",
]
UNIT_FIELDS = ["name", "kind", "code", "parent", "address"]
POSITION_FIELDS = ["name", "kind", "level", "grade", "unit", "superior"]


def register_audit_actions() -> None:
    audit.register_actions(
        {
            "org.unit.created": gettext_lazy("Unit kerja dibuat"),
            "org.unit.updated": gettext_lazy("Unit kerja diubah"),
            "org.unit.deactivated": gettext_lazy("Unit kerja dinonaktifkan"),
            "org.position.created": gettext_lazy("Jabatan dibuat"),
            "org.position.updated": gettext_lazy("Jabatan diubah"),
            "org.employee.created": gettext_lazy("Pegawai ditambahkan"),
            "org.employee.updated": gettext_lazy("Data pegawai diubah"),
            "org.employee.transferred": gettext_lazy("Pegawai dimutasi"),
            "org.employee.deactivated": gettext_lazy("Pegawai dinonaktifkan"),
            "org.employee.reactivated": gettext_lazy("Pegawai diaktifkan kembali"),
            "org.acting.created": gettext_lazy("Plt./Plh. ditetapkan"),
            "org.import.committed": gettext_lazy("Impor data diterapkan"),
        }
    )


# --- Units -------------------------------------------------------------------------------------


def _set_path(unit: Unit) -> None:
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0


def _check_unit_parent(unit: Unit, parent: Unit | None, agency_id: int) -> None:
    if parent is None:
        return
    if parent.agency_id != agency_id:
        raise ValidationError({"parent": _("Unit induk harus dari instansi yang sama.")})
    if unit.pk and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
        raise ValidationError(
            {"parent": _("Unit induk tidak boleh unit itu sendiri atau bawahannya.")}
        )


@transaction.atomic
def create_unit(agency: Agency, *, actor: User | None, **fields: Any) -> Unit:
    """Create a unit under its parent (or as a root of the agency)."""
    if actor is not None:
        require(actor, "org.manage", Unit(agency=agency))
    unit = Unit(agency=agency, **fields)
    _check_unit_parent(unit, unit.parent, agency.pk)
    unit.full_clean(exclude=["path"])  # with "agency": the unique constraints include it
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit.record(
        unit,
        "org.unit.created",
        actor=actor,
        agency_id=agency.pk,
        changes={f: (None, getattr(unit, f)) for f in UNIT_FIELDS if getattr(unit, f)},
    )
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, actor: User, expected_version: int | None, **fields: Any) -> Unit:
    """Edit a unit; moving it re-roots the paths of its whole subtree."""
    require(actor, "org.manage", unit)
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    check_version(unit.version, expected_version)
    before = audit.snapshot(unit, UNIT_FIELDS)
    old_path = unit.path
    for name, value in fields.items():
        setattr(unit, name, value)
    _check_unit_parent(unit, unit.parent, unit.agency_id)
    unit.full_clean(exclude=["path"])  # with "agency": the unique constraints include it
    _set_path(unit)
    unit.version += 1
    unit.save()
    if unit.path != old_path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 2
            child.save(update_fields=["path", "depth"])
    audit.record(
        unit,
        "org.unit.updated",
        actor=actor,
        agency_id=unit.agency_id,
        changes=audit.diff(unit, UNIT_FIELDS, before),
    )
    return unit


# --- Positions -------------------------------------------------------------------------------


def _check_position(position: Position) -> None:
    allowed = LEVELS_BY_KIND.get(position.kind, set())
    if position.level and position.level not in allowed:
        raise ValidationError(
            {"level": _("Jenjang ini tidak berlaku untuk jenis jabatan tersebut.")}
        )
    if allowed and not position.level:
        raise ValidationError({"level": _("Jenjang wajib diisi untuk jabatan JPT dan fungsional.")})
    if position.unit.agency_id != position.agency_id:
        raise ValidationError({"unit": _("Unit harus dari instansi yang sama.")})


@transaction.atomic
def create_position(agency: Agency, *, actor: User | None, **fields: Any) -> Position:
    """Create a position in a unit."""
    if actor is not None:
        require(actor, "org.manage", Position(agency=agency))
    position = Position(agency=agency, **fields)
    _check_position(position)
    position.full_clean(exclude=["agency"])
    position.save()
    audit.record(position, "org.position.created", actor=actor, agency_id=agency.pk)
    return position


@transaction.atomic
def update_position(
    position: Position, *, actor: User, expected_version: int | None, **fields: Any
) -> Position:
    """Edit a position."""
    require(actor, "org.manage", position)
    position = Position.objects.select_for_update(of=("self",)).get(pk=position.pk)
    check_version(position.version, expected_version)
    before = audit.snapshot(position, POSITION_FIELDS)
    for name, value in fields.items():
        setattr(position, name, value)
    _check_position(position)
    position.full_clean(exclude=["agency"])
    position.version += 1
    position.save()
    audit.record(
        position,
        "org.position.updated",
        actor=actor,
        agency_id=position.agency_id,
        changes=audit.diff(position, POSITION_FIELDS, before),
    )
    return position


# --- Employees --------------------------------------------------------------------------------


def validate_identity(
    *,
    employee_type: str,
    nip: str,
    birth_date: dt.date | None,
    sex: str | None,
    today: dt.date | None = None,
) -> str:
    """Validate NIP / NI PPPK against the type, birth date and sex; return the 18 digits."""
    today = today or timezone.localdate()
    try:
        parser = parse_ni_pppk if employee_type == EmployeeType.PPPK else parse_nip
        parsed = parser(nip, today=today)
        check_agrees(parsed, birth_date=birth_date, sex=sex)
    except NipError as error:
        raise ValidationError({"nip": str(error)}) from error
    return parsed.number


def _check_nip_free(nip: str, *, employee_pk: int | None) -> None:
    """A NIP is national: unique across agencies, which the agency-scoped unique check misses."""
    with all_agencies_scope():
        holders = Employee.objects.filter(nip=nip)
        if employee_pk is not None:
            holders = holders.exclude(pk=employee_pk)
        taken = holders.exists()
    if taken:
        raise ValidationError({"nip": _("NIP / NI PPPK ini sudah terdaftar.")})


def would_create_cycle(employee: Employee, supervisor: Employee | None) -> bool:
    """Whether making `supervisor` the supervisor of `employee` closes a loop in the chain."""
    seen: set[int] = set()
    current = supervisor
    while current is not None:
        if employee.pk is not None and current.pk == employee.pk:
            return True
        if current.pk in seen:
            return True
        seen.add(current.pk)
        current = current.supervisor
    return False


def _check_employee(employee: Employee) -> None:
    errors: dict[str, str] = {}
    if employee.position is not None and employee.position.unit_id != employee.unit_id:
        errors["position"] = _("Jabatan tidak berada di unit kerja yang dipilih.")
    if employee.supervisor is not None:
        if employee.supervisor.agency_id != employee.agency_id:
            errors["supervisor"] = _("Atasan harus dari instansi yang sama.")
        elif would_create_cycle(employee, employee.supervisor):
            errors["supervisor"] = _("Atasan ini membuat rantai atasan yang berputar (siklus).")
        elif not employee.supervisor.is_active:
            errors["supervisor"] = _("Atasan sudah tidak aktif.")
    if employee.rank:
        is_pppk_rank = employee.rank.startswith("PPPK-")
        if is_pppk_rank != (employee.employee_type == EmployeeType.PPPK):
            errors["rank"] = _("Golongan tidak sesuai dengan jenis pegawai (PNS/PPPK).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_employee(agency: Agency, *, actor: User | None, **fields: Any) -> Employee:
    """Add an employee after validating the NIP, the position and the supervisor chain."""
    if actor is not None:
        require(actor, "org.manage", Employee(agency=agency))
    fields["nip"] = validate_identity(
        employee_type=fields.get("employee_type", EmployeeType.PNS),
        nip=fields.get("nip", ""),
        birth_date=fields.get("birth_date"),
        sex=fields.get("sex"),
    )
    _check_nip_free(fields["nip"], employee_pk=None)
    employee = Employee(agency=agency, **fields)
    _check_employee(employee)
    employee.full_clean(exclude=["agency", "user"])
    employee.save()
    PositionHistory.objects.create(
        agency=agency,
        employee=employee,
        unit=employee.unit,
        position=employee.position,
        start_date=employee.position_since or timezone.localdate(),
        note=_("Data awal"),
    )
    audit.record(
        employee,
        "org.employee.created",
        actor=actor,
        agency_id=agency.pk,
        changes={
            f: (None, getattr(employee, f))
            for f in EMPLOYEE_FIELDS
            if getattr(employee, f) not in (None, "")
        },
    )
    return employee


@transaction.atomic
def update_employee(
    employee: Employee, *, actor: User | None, expected_version: int | None, **fields: Any
) -> Employee:
    """Edit an employee's personnel data (a change of unit or position goes through transfer)."""
    if actor is not None:
        require(actor, "org.manage", employee)
    employee = Employee.objects.select_for_update(of=("self",)).get(pk=employee.pk)
    check_version(employee.version, expected_version)
    before = audit.snapshot(employee, EMPLOYEE_FIELDS)
    for name, value in fields.items():
        setattr(employee, name, value)
    employee.nip = validate_identity(
        employee_type=employee.employee_type,
        nip=employee.nip,
        birth_date=employee.birth_date,
        sex=employee.sex,
    )
    _check_nip_free(employee.nip, employee_pk=employee.pk)
    _check_employee(employee)
    employee.full_clean(exclude=["agency", "user"])
    changes = audit.diff(employee, EMPLOYEE_FIELDS, before)
    if not changes:
        return employee
    employee.version += 1
    employee.save(update_fields=[*changes.keys(), "version", "updated_at"])
    audit.record(
        employee, "org.employee.updated", actor=actor, agency_id=employee.agency_id, changes=changes
    )
    return employee


@transaction.atomic
def transfer_employee(
    employee: Employee,
    *,
    actor: User,
    expected_version: int | None,
    unit: Unit,
    position: Position | None,
    supervisor: Employee | None,
    effective_date: dt.date,
    note: str = "",
) -> Employee:
    """Move an employee to another unit/position from a date, closing the previous history row."""
    require(actor, "org.manage", employee)
    employee = Employee.objects.select_for_update(of=("self",)).get(pk=employee.pk)
    check_version(employee.version, expected_version)
    if not employee.is_active:
        raise ValidationError(_("Pegawai nonaktif tidak dapat dimutasi."))
    current = PositionHistory.objects.filter(employee=employee, end_date__isnull=True).first()
    if current is not None and effective_date <= current.start_date:
        raise ValidationError(
            {
                "effective_date": _(
                    "Tanggal mutasi harus setelah mulai jabatan saat ini (%(date)s)."
                )
                % {"date": current.start_date.strftime("%d-%m-%Y")}
            }
        )
    before = audit.snapshot(employee, ["unit", "position", "supervisor", "position_since"])
    employee.unit, employee.position, employee.supervisor = unit, position, supervisor
    employee.position_since = effective_date
    _check_employee(employee)
    PositionHistory.objects.filter(employee=employee, end_date__isnull=True).update(
        end_date=effective_date - dt.timedelta(days=1)
    )
    PositionHistory.objects.create(
        agency_id=employee.agency_id,
        employee=employee,
        unit=unit,
        position=position,
        start_date=effective_date,
        note=note,
    )
    employee.version += 1
    employee.save(
        update_fields=["unit", "position", "supervisor", "position_since", "version", "updated_at"]
    )
    audit.record(
        employee,
        "org.employee.transferred",
        actor=actor,
        agency_id=employee.agency_id,
        changes=audit.diff(employee, ["unit", "position", "supervisor", "position_since"], before),
        note=note,
    )
    return employee


@transaction.atomic
def deactivate_employee(
    employee: Employee,
    *,
    actor: User,
    expected_version: int | None,
    reason: str,
    since: dt.date,
) -> Employee:
    """Deactivate (retired, moved out, died…); subordinates keep no inactive supervisor."""
    require(actor, "org.manage", employee)
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan nonaktif wajib diisi.")})
    employee = Employee.objects.select_for_update(of=("self",)).get(pk=employee.pk)
    check_version(employee.version, expected_version)
    if not employee.is_active:
        raise ValidationError(_("Pegawai ini sudah nonaktif."))
    employee.is_active, employee.inactive_reason, employee.inactive_since = False, reason, since
    employee.version += 1
    employee.save(
        update_fields=["is_active", "inactive_reason", "inactive_since", "version", "updated_at"]
    )
    orphans = list(employee.subordinates.filter(is_active=True).values_list("pk", flat=True))
    Employee.objects.filter(pk__in=orphans).update(supervisor=employee.supervisor)
    PositionHistory.objects.filter(employee=employee, end_date__isnull=True).update(end_date=since)
    if employee.user_id:
        User.objects.filter(pk=employee.user_id).update(is_active=False)
    audit.record(
        employee,
        "org.employee.deactivated",
        actor=actor,
        agency_id=employee.agency_id,
        changes={"is_active": (True, False)},
        note=reason,
    )
    return employee


@transaction.atomic
def reactivate_employee(
    employee: Employee, *, actor: User, expected_version: int | None
) -> Employee:
    """Bring a deactivated employee back (and their account)."""
    require(actor, "org.manage", employee)
    employee = Employee.objects.select_for_update(of=("self",)).get(pk=employee.pk)
    check_version(employee.version, expected_version)
    employee.is_active, employee.inactive_reason, employee.inactive_since = True, "", None
    employee.version += 1
    employee.save(
        update_fields=["is_active", "inactive_reason", "inactive_since", "version", "updated_at"]
    )
    if employee.user_id:
        User.objects.filter(pk=employee.user_id).update(is_active=True)
    audit.record(
        employee,
        "org.employee.reactivated",
        actor=actor,
        agency_id=employee.agency_id,
        changes={"is_active": (False, True)},
    )
    return employee


@transaction.atomic
def assign_acting(
    position: Position,
    *,
    actor: User,
    acting_employee: Employee,
    kind: str,
    start_date: dt.date,
    end_date: dt.date,
    decree_number: str = "",
) -> ActingAssignment:
    """Appoint a Plt./Plh. for a position between two dates."""
    require(actor, "org.manage", position)
    if end_date < start_date:
        raise ValidationError({"end_date": _("Tanggal selesai sebelum tanggal mulai.")})
    if acting_employee.agency_id != position.agency_id:
        raise ValidationError({"acting_employee": _("Pegawai harus dari instansi yang sama.")})
    assignment = ActingAssignment.objects.create(
        agency_id=position.agency_id,
        position=position,
        acting_employee=acting_employee,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number,
    )
    audit.record(
        assignment,
        "org.acting.created",
        actor=actor,
        agency_id=position.agency_id,
        changes={
            "acting_employee": (None, str(acting_employee)),
            "kind": (None, kind),
            "start_date": (None, start_date),
            "end_date": (None, end_date),
        },
    )
    return assignment


def effective_supervisor(employee: Employee, *, on: dt.date) -> Employee | None:
    """The rater on a date: the direct supervisor, else the Plt./Plh. of the superior position.

    An acting official appointed for the supervisor's position (Plh. while the official is
    away, Plt. for a vacancy) takes precedence for the dates of the assignment.
    """
    superior_position_id = (
        employee.supervisor.position_id
        if employee.supervisor_id and employee.supervisor
        else (employee.position.superior_id if employee.position_id and employee.position else None)
    )
    if superior_position_id:
        acting = (
            ActingAssignment.objects.filter(
                position_id=superior_position_id, start_date__lte=on, end_date__gte=on
            )
            .select_related("acting_employee")
            .order_by("-start_date")
            .first()
        )
        if acting is not None and acting.acting_employee_id != employee.pk:
            return acting.acting_employee
    if employee.supervisor_id and employee.supervisor and employee.supervisor.is_active:
        return employee.supervisor
    if superior_position_id:
        return Employee.objects.filter(position_id=superior_position_id, is_active=True).first()
    return None


# --- Accounts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedPassword:
    user: User
    password: str


def _temporary_password() -> str:
    return "-".join(secrets.token_urlsafe(4) for _part in range(3))


@transaction.atomic
def create_account(
    employee: Employee,
    *,
    actor: User | None,
    roles: tuple[Role, ...] = (),
    head_unit: Unit | None = None,
    password: str | None = None,
) -> IssuedPassword:
    """Give an employee an account (username = NIP) that must change its password first."""
    if actor is not None:
        require(actor, "org.manage", employee)
    if employee.user_id:
        raise ValidationError(_("Pegawai ini sudah memiliki akun."))
    secret = password or _temporary_password()
    first, _sep, last = employee.name.partition(" ")
    user = User.objects.create(
        username=employee.nip,
        first_name=first[:150],
        last_name=last[:150],
        email=employee.email,
        agency_id=employee.agency_id,
        password=make_password(secret),
        must_change_password=password is None,
    )
    for role in roles:
        RoleGrant.objects.create(
            user=user, role=role, unit=head_unit if role == Role.HEAD else None
        )
    employee.user = user
    employee.save(update_fields=["user"])
    audit.record(
        user,
        "core.user.created",
        actor=actor,
        agency_id=employee.agency_id,
        changes={"username": (None, user.username)},
    )
    return IssuedPassword(user, secret)


@transaction.atomic
def reset_password(employee: Employee, *, actor: User) -> IssuedPassword:
    """Issue a one-time password; the employee must change it at the next sign-in."""
    require(actor, "org.manage", employee)
    if not employee.user_id:
        raise ValidationError(_("Pegawai ini belum memiliki akun."))
    user = User.objects.get(pk=employee.user_id)
    secret = _temporary_password()
    user.set_password(secret)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record(user, "core.user.password_reset", actor=actor, agency_id=employee.agency_id)
    return IssuedPassword(user, secret)
