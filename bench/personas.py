"""The bench agency's people, one account per role, created on the first run and reused.

    from bench.personas import personas
    users = personas(agency)      # {"admin": User, "kepala": User, ...}

Roles (keys), as DESIGN §4 names them:
  * `admin` — the agency admin (BKPSDM) made by `generate_scale_data`;
  * `kepala` — head of the biggest top unit (its subtree);
  * `atasan` — the supervisor with the biggest team;
  * `pegawai` — an employee of that team;
  * `inspektur` — an inspector leading an audit in fieldwork of the biggest top unit
    (the audit is created here when missing, through `oversight.services`);
  * `layanan` — a service-desk officer of the Dinas Kependudukan dan Pencatatan Sipil (the
    unit bench/citizen_survey.py fills with a million survey responses; `volume.desk_unit`);
  * `pemantau` — the national viewer (no agency).
The first four come from bench/appraisal_pages.py (`accounts`), which also makes
`atasan_kecil`, a supervisor of a typical team.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from bench import appraisal_pages
from bench.insight_pages import national_viewer
from bench.volume import desk_unit
from kinerja.core.models import Agency, Role, RoleGrant, User
from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.org import services as org_services
from kinerja.org.demo import DEMO_PASSWORD
from kinerja.org.models import Employee, Unit
from kinerja.oversight import services as oversight_services
from kinerja.oversight.models import Audit, AuditStatus

ROLES = ("admin", "kepala", "atasan", "pegawai", "inspektur", "layanan", "pemantau")
ROLE_NAMES = {
    "admin": "agency admin",
    "kepala": "head, biggest unit",
    "atasan": "supervisor, biggest team",
    "atasan_kecil": "supervisor, typical team",
    "pegawai": "employee",
    "inspektur": "inspector in fieldwork",
    "layanan": "service desk",
    "pemantau": "national viewer",
}
AUDIT_LETTER = "BENCH/ST/2026"


def _spare_employee(agency: Agency, unit: Unit | None = None) -> Employee:
    """An active employee without an account and without subordinates (stable choice), of
    `unit`'s subtree when given."""
    staff = Employee.objects.filter(agency=agency, is_active=True, user__isnull=True)
    if unit is not None:
        staff = staff.filter(unit__path__startswith=unit.path)
    found = staff.annotate(n=Count("subordinates")).filter(n=0).order_by("nip").first()
    assert found is not None, "no employee left for a bench account"
    return found


def _account_with(
    agency: Agency, username: str, role: Role, *, home: Unit | None, grant: Unit | None
) -> User:
    """The account `username` with `role` (granted on `grant`) of an employee of `home`."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    employee = _spare_employee(agency, home)
    issued = org_services.create_account(employee, actor=None, password=DEMO_PASSWORD)
    issued.user.username = username
    issued.user.save(update_fields=["username"])
    RoleGrant.objects.create(user=issued.user, role=role, unit=grant)
    return issued.user


def biggest_top_unit(agency: Agency) -> Unit:
    """The top unit with the most employees in its subtree."""
    roots = Unit.objects.filter(agency=agency, parent__isnull=True)
    return max(
        roots,
        key=lambda u: Employee.objects.filter(agency=agency, unit__path__startswith=u.path).count(),
    )


def inspector(agency: Agency) -> User:
    """An inspector leading an audit, in fieldwork, of the biggest top unit."""
    with all_agencies_scope(), transaction.atomic():
        inspectorate = Unit.objects.filter(agency=agency, depth=0, name="Inspektorat").first()
        user = _account_with(
            agency, f"{agency.code}.inspektur", Role.INSPECTOR, home=inspectorate, grant=None
        )
    with tenant_scope(agency), transaction.atomic():
        if Audit.objects.filter(letter_number=AUDIT_LETTER, lead=user).exists():
            return user
        today = timezone.localdate()
        audit = oversight_services.create_audit(
            agency,
            actor=user,
            title="Pemeriksaan Kinerja (bench)",
            letter_number=AUDIT_LETTER,
            objectives="Mengukur halaman pemeriksa pada data berskala provinsi.",
            planned_start=today - dt.timedelta(days=14),
            planned_end=today + dt.timedelta(days=14),
            units=[biggest_top_unit(agency)],
            team=[user],
            lead=user,
        )
        oversight_services.change_audit_status(
            audit, actor=user, target=AuditStatus.FIELDWORK, expected_version=None
        )
    return user


def service_desk(agency: Agency) -> User:
    """A service-desk officer of the unit with the survey responses (bench/volume.py), or of
    the whole agency when it has no such unit."""
    with all_agencies_scope(), transaction.atomic():
        desk = desk_unit(agency)
        return _account_with(
            agency, f"{agency.code}.layanan", Role.SERVICE_DESK, home=desk, grant=desk
        )


def personas(agency: Agency) -> dict[str, User]:
    """Every bench role of `agency` (see the module docstring)."""
    users = appraisal_pages.accounts(agency)
    users["inspektur"] = inspector(agency)
    users["layanan"] = service_desk(agency)
    users["pemantau"] = national_viewer()
    return users
