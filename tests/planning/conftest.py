"""Planning fixtures: an open 2026 period of the home agency and SKP built through the services.

`approved_plan(employee)` gives an employee an approved SKP with one main RHK and one indicator
(approved by their rater), the starting point of a cascade.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.org import services as org
from kinerja.org.models import Employee
from kinerja.planning import services
from kinerja.planning.models import PerformancePlan, Period, PlannedResult
from tests import factories


@pytest.fixture
def period(world, unscoped) -> Period:
    return services.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def user_of(world, employee):
    return next(u for u in world.users.values() if getattr(u, "employee", None) == employee)


def fill_plan(world, plan: PerformancePlan, text: str, parent: PlannedResult | None = None):
    """One main RHK with one quantity indicator, added by the plan's employee."""
    owner = user_of(world, plan.employee)
    result = services.add_result(
        plan, actor=owner, expected_version=None, kind="utama", text=text, parent=parent
    )
    services.add_indicator(
        result,
        actor=owner,
        expected_version=None,
        aspect="kuantitas",
        text=f"Jumlah {text.lower()}",
        target_value=Decimal(12),
        unit_of_measure="dokumen",
    )
    return result


def add_reports(world, count: int, prefix: str = "Staf Tambahan") -> list[Employee]:
    """`count` more reports of atasan with accounts, named `<prefix> 00, 01…` (sorted after the
    two personas)."""
    people = []
    for index in range(count):
        person = factories.make_employee(
            world.kelurahan, f"{prefix} {index:02d}", supervisor=world.atasan
        )
        issued = org.create_account(person, actor=None, roles=(), password="x-Kinerja-2026")
        world.users[f"{prefix}{index:02d}"] = issued.user
        people.append(person)
    return people


def submit_new_plan(world, employee, period) -> PerformancePlan:
    """A filled SKP started for `employee` and submitted by them."""
    plan = services.start_plan(employee, actor=None, period=period)
    fill_plan(world, plan, "Arsip tertata")
    return services.submit_plan(plan, actor=user_of(world, employee), expected_version=None)


@pytest.fixture
def approved_plan(world, period):
    def _approved(employee, text: str = "Pelayanan administrasi kelurahan yang prima"):
        plan = services.start_plan(employee, actor=None, period=period)
        fill_plan(world, plan, text)
        owner = user_of(world, employee)
        plan = services.submit_plan(plan, actor=owner, expected_version=None)
        rater = user_of(world, plan.rater)
        return services.approve_plan(plan, actor=rater, expected_version=None)

    return _approved


@pytest.fixture
def submitted_plan(world, period, approved_plan):
    """Pegawai's SKP, cascaded from atasan's approved SKP, submitted to atasan."""
    leader = approved_plan(world.atasan)
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, "Surat pengantar terlayani", parent=leader.results.get())
    return services.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
