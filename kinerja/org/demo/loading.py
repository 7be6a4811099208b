"""Build the demo agencies through the organisation services, then give out the demo accounts.

Every unit, position, employee, account and Plt. goes through `kinerja.org.services`, so the
demo data passes the same validation (NIP rules, supervisor chain, ranks) and leaves the same
audit trail as data typed in by an admin.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from kinerja.core.models import Agency, Role, RoleGrant, User
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org import services
from kinerja.org.demo.people import NipRegistry, person_fields, position_grade
from kinerja.org.demo.regions import REGIONS
from kinerja.org.demo.structure import Branch, Job, Region
from kinerja.org.models import ActingKind, Employee, Position, Unit

DEMO_PASSWORD = "Kinerja#2026"  # noqa: S105  (published in the README: demo accounts only)
DEFAULT_SEED = 2026

# Demo account suffix → roles granted (supervisor and employee are derived, not granted).
AGENCY_ACCOUNTS: dict[str, tuple[Role, ...]] = {
    "admin": (Role.AGENCY_ADMIN,),
    "kepala": (Role.HEAD,),
    "atasan": (),
    "pegawai": (),
    "inspektur": (Role.INSPECTOR,),
    "layanan": (Role.SERVICE_DESK,),
}
ACCOUNT_LABELS: dict[str, str] = {
    "admin": "Admin BKPSDM",
    "kepala": "Kepala unit",
    "atasan": "Atasan langsung",
    "pegawai": "Pegawai",
    "inspektur": "Inspektur",
    "layanan": "Petugas layanan",
    "nasional": "Pemantau nasional",
    "superadmin": "Superadmin",
}
NATIONAL_USERNAME = "nasional"
SUPERUSER_USERNAME = "superadmin"


@dataclass(frozen=True)
class DemoAccount:
    """One line of the accounts table printed after loading."""

    username: str
    role: str
    agency: str
    name: str


@dataclass(frozen=True)
class DemoSummary:
    agencies: int
    employees: int


def demo_usernames() -> list[str]:
    """Every demo account name, in the order the table lists them."""
    names = [f"{region.code}.{suffix}" for region in REGIONS for suffix in AGENCY_ACCOUNTS]
    return [*names, NATIONAL_USERNAME, SUPERUSER_USERNAME]


def load_demo(*, seed: int = DEFAULT_SEED) -> DemoSummary | None:
    """Create the four demo agencies and the demo accounts; None if any agency exists already."""
    with all_agencies_scope(), transaction.atomic():
        if Agency.objects.exists():
            return None
        today = timezone.localdate()
        registry = NipRegistry(Employee.objects.values_list("nip", flat=True))
        employees = 0
        for index, region in enumerate(REGIONS):
            builder = _AgencyBuilder(region, random.Random(seed * 100 + index), registry, today)  # noqa: S311
            builder.build()
            employees += builder.employees
        _create_cross_agency_accounts()
    return DemoSummary(agencies=len(REGIONS), employees=employees)


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts present in the database, for the table shown after `load_demo`."""
    with all_agencies_scope():
        users = {
            user.username: user
            for user in User.objects.filter(username__in=demo_usernames()).select_related(
                "agency", "employee__unit"
            )
        }
    rows = []
    for username in demo_usernames():
        user = users.get(username)
        if user is None:
            continue
        suffix = username.rsplit(".", 1)[-1]
        employee = getattr(user, "employee", None)
        role = ACCOUNT_LABELS.get(suffix, suffix)
        if suffix == "kepala" and employee is not None:
            role = f"{role} ({employee.unit.name})"
        rows.append(
            DemoAccount(
                username=username,
                role=role,
                agency=user.agency.short_name if user.agency else "–",
                name=employee.full_name if employee is not None else user.get_full_name(),
            )
        )
    return rows


def _create_cross_agency_accounts() -> None:
    viewer = User.objects.create_user(
        username=NATIONAL_USERNAME,
        password=DEMO_PASSWORD,
        first_name="Pemantau",
        last_name="Nasional",
        email="pemantau@nasional.demo.test",
    )
    RoleGrant.objects.create(user=viewer, role=Role.NATIONAL_VIEWER)
    User.objects.create_superuser(
        username=SUPERUSER_USERNAME,
        password=DEMO_PASSWORD,
        email="superadmin@demo.test",
        first_name="Super",
        last_name="Admin",
    )


@dataclass
class _AgencyBuilder:
    """Walks one region's unit tree, creating units, positions and people in order."""

    region: Region
    rng: random.Random
    registry: NipRegistry
    today: dt.date
    agency: Agency = field(init=False)
    employees: int = 0
    account_holders: dict[str, Employee] = field(default_factory=dict)
    # (parent unit id, unit name) → the unit's head, for a sibling acting as Plt.
    heads: dict[tuple[int | None, str], Employee] = field(default_factory=dict)
    acting: list[tuple[Position, Employee]] = field(default_factory=list)

    def build(self) -> None:
        region = self.region
        self.agency = Agency.objects.create(
            name=region.name,
            short_name=region.short_name,
            kind=region.kind,
            code=region.code,
            region=region.region,
        )
        for index, branch in enumerate(region.units, start=1):
            self._unit(branch, parent=None, parent_lead=None, parent_head=None, code=f"{index:02d}")
        self._accounts()

    def _unit(
        self,
        branch: Branch,
        *,
        parent: Unit | None,
        parent_lead: Employee | None,
        parent_head: Position | None,
        code: str,
    ) -> None:
        unit = services.create_unit(
            self.agency, actor=None, name=branch.name, kind=branch.kind, parent=parent, code=code
        )
        head_position = (
            self._position(branch.head, unit, superior=parent_head) if branch.head else None
        )
        lead = parent_lead
        if branch.head is not None and head_position is not None:
            if branch.head.vacant:
                lead = self.heads[(parent.pk if parent else None, branch.acting_by)]
                self.acting.append((head_position, lead))
            else:
                lead = self._hire(branch.head, head_position, unit, supervisor=parent_lead)[0]
                self.heads[(parent.pk if parent else None, branch.name)] = lead
        for job in branch.staff:
            position = self._position(job, unit, superior=head_position or parent_head)
            self._hire(job, position, unit, supervisor=lead)
        for index, child in enumerate(branch.children, start=1):
            self._unit(
                child,
                parent=unit,
                parent_lead=lead,
                parent_head=head_position or parent_head,
                code=f"{code}.{index:02d}",
            )

    def _position(self, job: Job, unit: Unit, *, superior: Position | None) -> Position:
        return services.create_position(
            self.agency,
            actor=None,
            name=job.name,
            kind=job.kind,
            level=job.level,
            grade=position_grade(job.kind, job.level),
            unit=unit,
            superior=superior,
        )

    def _hire(
        self, job: Job, position: Position, unit: Unit, *, supervisor: Employee | None
    ) -> list[Employee]:
        hired = []
        for index in range(job.holders):
            employee = self._employee(job, position, unit, supervisor)
            if index < len(job.accounts):
                self.account_holders[job.accounts[index]] = employee
            hired.append(employee)
        return hired

    def _employee(
        self, job: Job, position: Position, unit: Unit, supervisor: Employee | None
    ) -> Employee:
        fields = person_fields(
            self.rng,
            self.registry,
            job,
            today=self.today,
            name_mix=self.region.name_mix,
            birth_places=self.region.birth_places,
            email_domain=f"{self.region.code}.demo.test",
        )
        self.employees += 1
        return services.create_employee(
            self.agency, actor=None, unit=unit, position=position, supervisor=supervisor, **fields
        )

    def _accounts(self) -> None:
        missing = set(AGENCY_ACCOUNTS) - set(self.account_holders)
        if missing:
            raise RuntimeError(f"{self.region.code}: no holder for demo accounts {missing}")
        pegawai, atasan = self.account_holders["pegawai"], self.account_holders["atasan"]
        if pegawai.supervisor_id != atasan.pk:
            raise RuntimeError(f"{self.region.code}: the demo employee must report to the atasan")
        users: dict[str, User] = {}
        for suffix, roles in AGENCY_ACCOUNTS.items():
            employee = self.account_holders[suffix]
            issued = services.create_account(
                employee,
                actor=None,
                roles=roles,
                password=DEMO_PASSWORD,
                head_unit=employee.unit if Role.HEAD in roles else None,
            )
            user = issued.user
            user.username = f"{self.region.code}.{suffix}"
            user.save(update_fields=["username"])
            users[suffix] = user
        for position, acting_employee in self.acting:
            start = self.today - dt.timedelta(days=self.rng.randint(20, 60))
            services.assign_acting(
                position,
                actor=users["admin"],
                acting_employee=acting_employee,
                kind=ActingKind.PLT,
                start_date=start,
                end_date=start + dt.timedelta(days=90),
                decree_number=f"800.1.3/{self.rng.randint(100, 999)}/SP-PLT/{start.year}",
            )
