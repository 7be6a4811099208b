"""URL × persona rules of the career area, merged into tests/core/test_permission_matrix.py.

The objects: pegawai's ledger (the employee, their supervisor atasan, kepala of the subtree, the
agency admin and the inspector read it); a vacant "Sekretaris Kecamatan" position in kepala's
Kecamatan Plaju; an award recommendation for pegawai (a final annual Sangat Baik). For the 404
check, the same in the other agency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses


def _vacancy(world: World, *, other: bool = False) -> dict[str, Any]:
    from kinerja.org.models import Position, PositionKind

    unit = world.other_unit if other else world.kecamatan
    position = Position.objects.create(
        agency=unit.agency, unit=unit, name="Sekretaris Kecamatan", kind=PositionKind.ADMINISTRATOR
    )
    return {"pk": position.pk}


def _recommended(world: World, *, other: bool = False) -> dict[str, Any]:
    from tests.career.conftest import make_final, make_period

    person = world.pegawai_lain if other else world.pegawai
    period = make_period(person.agency, start_date=dt.date(2026, 1, 1))
    make_final(person, period, "Sangat Baik")
    return {"employee_pk": person.pk}


EMPLOYEE = {
    "kwargs": lambda w: {"pk": w.pegawai.pk},
    "other_agency_kwargs": lambda w: {"pk": w.pegawai_lain.pk},
}
VACANCY = {"kwargs": _vacancy, "other_agency_kwargs": lambda w: _vacancy(w, other=True)}
RECOMMENDATION = {
    "kwargs": _recommended,
    "other_agency_kwargs": lambda w: _recommended(w, other=True),
}
LEVEL = {"kwargs": lambda w: {"level": "ahli_pertama"}}
ANY_PK = {"kwargs": lambda w: {"pk": 1}}
ANY_EMPLOYEE = {"kwargs": lambda w: {"employee_pk": 1}}

# Lists of the agency: admin, inspector, heads (their subtree). A superuser reads everything.
LISTERS = ("admin_bkpsdm", "inspektur", "kepala", "superuser", "admin_agensi_lain")
# pegawai's ledger: pegawai, the supervisor (atasan), the head of the subtree, admin, inspector.
LEDGER_READERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "superuser")
# Agency-level admin pages; a superuser has no agency to act in (403).
AGENCY_ADMINS = ("admin_bkpsdm", "admin_agensi_lain")
TABLE_READERS = ("admin_bkpsdm", "inspektur", "admin_agensi_lain")
RANKING_READERS = ("admin_bkpsdm", "inspektur", "kepala", "superuser")
EMPLOYEES = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "petugas_layanan")

RULES: dict[str, Rule] = {
    "career:ledger-list": Rule(only(LISTERS)),
    "career:my-ledger": Rule(statuses(302, pemantau=403, superuser=404)),
    "career:ledger": Rule(only(LEDGER_READERS, denied=404), **EMPLOYEE),
    "career:opening-balance": Rule(
        only(
            ("admin_bkpsdm", "superuser"),
            denied=404,
            pegawai=403,
            atasan=403,
            kepala=403,
            inspektur=403,
        ),
        **EMPLOYEE,
    ),
    "career:posting": Rule(only(AGENCY_ADMINS)),
    "career:opening-import": Rule(only(AGENCY_ADMINS)),
    "career:credit-table": Rule(only(TABLE_READERS)),
    "career:credit-requirement-edit": Rule(only(AGENCY_ADMINS), **LEVEL),
    "career:award-list": Rule(only(LISTERS)),
    "career:award-decide": Rule(only(("admin_bkpsdm", "superuser"), denied=404), **RECOMMENDATION),
    "career:sanction-list": Rule(only(LISTERS)),
    "career:vacancy-list": Rule(only(LISTERS)),
    "career:vacancy-ranking": Rule(only(RANKING_READERS, denied=404), **VACANCY),
    "career:vacancy-requirement": Rule(
        only(("admin_bkpsdm", "superuser"), denied=404, inspektur=403, kepala=403), **VACANCY
    ),
    # REST API: anonymous callers get 403; objects outside reach 404; writes are POST/PUT.
    "api-career-ledger-list": Rule(only(LISTERS, anon=403)),
    "api-career-ledger-detail": Rule(
        only(LEDGER_READERS, denied=404, anon=403),
        kwargs=lambda w: {"employee_pk": w.pegawai.pk},
        other_agency_kwargs=lambda w: {"employee_pk": w.pegawai_lain.pk},
    ),
    "api-career-opening-balance": Rule(statuses(405, anon=403), **ANY_EMPLOYEE),
    "api-career-posting": Rule(statuses(405, anon=403)),
    "api-career-opening-import": Rule(statuses(405, anon=403)),
    "api-career-credit-table": Rule(only(TABLE_READERS, anon=403)),
    "api-career-credit-requirement": Rule(statuses(405, anon=403), **LEVEL),
    "api-career-award-list": Rule(only(LISTERS, anon=403)),
    "api-career-award-decision": Rule(statuses(405, anon=403), **ANY_EMPLOYEE),
    "api-career-sanction-list": Rule(only(LISTERS, anon=403)),
    "api-career-vacancy-list": Rule(only(LISTERS, anon=403)),
    "api-career-vacancy-ranking": Rule(only(RANKING_READERS, denied=404, anon=403), **VACANCY),
    "api-career-vacancy-requirement": Rule(statuses(405, anon=403), **ANY_PK),
}

__all__ = ["EMPLOYEES", "RULES"]
