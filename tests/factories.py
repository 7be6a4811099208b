"""Factories for tests: valid NIPs, units, positions and employees built through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from kinerja.core.models import Agency, AgencyKind
from kinerja.org import services
from kinerja.org.models import Employee, EmployeeType, Position, PositionKind, Unit, UnitKind

_serial = itertools.count(1)


def make_nip(
    birth: dt.date = dt.date(1986, 9, 26), appointed: tuple[int, int] = (2015, 5), sex: str = "L"
) -> str:
    """A valid NIP PNS with a fresh serial number."""
    digit = "1" if sex == "L" else "2"
    return f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{digit}{next(_serial) % 999 + 1:03d}"


def make_agency(name: str = "Pemerintah Kota Palembang", code: str = "palembang") -> Agency:
    return Agency.objects.create(
        name=name, short_name=name.split()[-1], code=code, kind=AgencyKind.CITY
    )


def make_unit(
    agency: Agency, name: str, kind: str = UnitKind.KECAMATAN, parent: Unit | None = None
) -> Unit:
    return services.create_unit(agency, actor=None, name=name, kind=kind, parent=parent)


def make_position(
    unit: Unit, name: str, kind: str = PositionKind.PELAKSANA, level: str = ""
) -> Position:
    return services.create_position(
        unit.agency, actor=None, name=name, kind=kind, level=level, unit=unit
    )


def make_employee(
    unit: Unit,
    name: str,
    *,
    position: Position | None = None,
    supervisor: Employee | None = None,
    sex: str = "L",
    rank: str = "III/a",
    birth: dt.date = dt.date(1986, 9, 26),
) -> Employee:
    return services.create_employee(
        unit.agency,
        actor=None,
        employee_type=EmployeeType.PNS,
        nip=make_nip(birth=birth, sex=sex),
        name=name,
        birth_date=birth,
        sex=sex,
        rank=rank,
        unit=unit,
        position=position,
        supervisor=supervisor,
        position_since=dt.date(2020, 1, 1),
    )
