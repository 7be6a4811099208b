"""Career fixtures: functional employees in Kelurahan Plaju Ulu and final evaluations.

`functional` is Rudi Hartono, Analis Kebijakan Ahli Pertama (III/a) reporting to atasan, with an
account (persona key "fungsional"); `make_final(employee, period, predicate, kind=…, subperiod=…)`
writes a final evaluation in the shape the appraisal services leave it (a plan for the period,
the ratings that give the predicate, status final), as the career area reads it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, EvaluationStatus
from kinerja.appraisal.predicate import PREDICATE_MATRIX
from kinerja.org import services as org
from kinerja.org.models import Employee, PositionKind
from kinerja.planning import services as planning
from kinerja.planning.models import PerformancePlan, Period
from tests import factories
from tests.conftest import PASSWORD

RATINGS = {predicate: pair for pair, predicate in PREDICATE_MATRIX.items()}


def make_period(
    agency: Any, year: int = 2026, frequency: str = "triwulanan", **extra: Any
) -> Period:
    return planning.create_period(
        agency,
        actor=None,
        year=year,
        name=extra.pop("name", f"Tahun {year}"),
        frequency=frequency,
        approach="kuantitatif",
        start_date=extra.pop("start_date", dt.date(year, 1, 1)),
        end_date=extra.pop("end_date", dt.date(year, 12, 31)),
        **extra,
    )


def make_final(
    employee: Employee,
    period: Period,
    predicate: str,
    *,
    kind: str = "tahunan",
    subperiod: int = 0,
) -> Evaluation:
    plan = PerformancePlan.objects.filter(employee=employee, period=period).first()
    if plan is None:
        plan = planning.start_plan(employee, actor=None, period=period)
    results, behaviour = RATINGS[predicate]
    return Evaluation.objects.create(
        agency_id=employee.agency_id,
        period=period,
        employee=employee,
        plan=plan,
        unit=employee.unit,
        rater=employee.supervisor,
        kind=kind,
        subperiod=subperiod,
        status=EvaluationStatus.FINAL,
        results_rating=results.value,
        behaviour_rating=behaviour.value,
        predicate=predicate,
        finalised_at=timezone.now(),
    )


def make_functional(
    world: Any,
    name: str,
    level: str = "ahli_pertama",
    *,
    rank: str = "III/a",
    position_name: str | None = None,
    unit: Any = None,
    since: dt.date = dt.date(2020, 1, 1),
) -> Employee:
    unit = unit or world.kelurahan
    label = {
        "ahli_pertama": "Ahli Pertama",
        "ahli_muda": "Ahli Muda",
        "ahli_madya": "Ahli Madya",
        "ahli_utama": "Ahli Utama",
        "pemula": "Pemula",
        "terampil": "Terampil",
        "mahir": "Mahir",
        "penyelia": "Penyelia",
    }[level]
    title = position_name or f"Analis Kebijakan {label}"
    from kinerja.org.models import Position

    position = Position.objects.filter(unit=unit, name=title).first() or factories.make_position(
        unit, title, PositionKind.FUNGSIONAL, level
    )
    person = factories.make_employee(
        unit, name, position=position, supervisor=world.atasan, rank=rank
    )
    Employee.objects.filter(pk=person.pk).update(position_since=since, rank_since=since)
    person.refresh_from_db()
    return person


@pytest.fixture
def functional(world, unscoped) -> Employee:
    """Rudi Hartono, Analis Kebijakan Ahli Pertama, III/a, reporting to atasan, with an account."""
    person = make_functional(world, "Rudi Hartono")
    world.users["fungsional"] = org.create_account(
        person, actor=None, roles=(), password=PASSWORD
    ).user
    return person


@pytest.fixture(autouse=True)
def _unscoped_setup(request):
    """Test bodies build data across agencies freely (the app's own code opens its scopes)."""
    if "world" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("unscoped")
    yield
