"""URL × persona rules of the talent area, merged into tests/core/test_permission_matrix.py.

Who: the agency admin and the inspector read the whole agency (the inspector read-only), heads
their unit subtree (grid, boxes, pool, unmapped), every employee their own box ("saya"); the
national viewer nothing here; a superuser has no agency, so the agency pages refuse (403) —
except one placement read through the API, which a superuser may read. Objects: pegawai's
placement (box 9) and a key position (Camat Plaju); for the 404 check, the same in the other
agency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses

GRID_READERS = ("admin_bkpsdm", "inspektur", "kepala", "admin_agensi_lain")
AGENCY_READERS = ("admin_bkpsdm", "inspektur", "admin_agensi_lain")
MANAGERS = ("admin_bkpsdm", "admin_agensi_lain")
EMPLOYEES = (
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "admin_agensi_lain",
)
# pegawai's box: themself, their supervisor (atasan), the head of the subtree, admin, inspector.
PLACEMENT_READERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "superuser")


def _placement(world: World, *, other: bool = False) -> dict[str, Any]:
    from django.utils import timezone

    from kinerja.talent.models import TalentPlacement

    employee = world.pegawai_lain if other else world.pegawai
    TalentPlacement.objects.create(
        agency=employee.agency,
        employee=employee,
        box=9,
        performance="above",
        potential="high",
        performance_score=Decimal("5.00"),
        potential_score=Decimal("90.00"),
        basis={"years": [], "assessment": {"assessed_on": dt.date(2026, 1, 1).isoformat()}},
        computed_at=timezone.now(),
    )
    return {"employee_pk": employee.pk}


def _key_position(world: World, *, other: bool = False) -> dict[str, Any]:
    from kinerja.org.models import Position
    from kinerja.talent.models import KeyPosition

    if other:
        position = Position.objects.create(
            agency=world.other_agency,
            unit=world.other_unit,
            name="Kepala Dinas Kesehatan",
            kind="jpt",
            level="jpt_pratama",
        )
    else:
        position = world.kepala.position
    key = KeyPosition.objects.create(agency=position.agency, position=position)
    return {"pk": key.pk}


PLACEMENT = {
    "kwargs": _placement,
    "other_agency_kwargs": lambda w: _placement(w, other=True),
}
KEY_POSITION = {
    "kwargs": _key_position,
    "other_agency_kwargs": lambda w: _key_position(w, other=True),
}
BOX = {"kwargs": lambda w: {"box": 9}}
ANY_PK = {"kwargs": lambda w: {"pk": 1}}

RULES: dict[str, Rule] = {
    "talent:grid": Rule(only(GRID_READERS)),
    "talent:box": Rule(only(GRID_READERS), **BOX),
    "talent:pool": Rule(only(GRID_READERS)),
    "talent:unmapped": Rule(only(GRID_READERS)),
    "talent:recompute": Rule(statuses(405)),  # POST only
    "talent:settings": Rule(only(MANAGERS)),
    "talent:mine": Rule(only(EMPLOYEES)),
    "talent:potential-list": Rule(only(AGENCY_READERS)),
    "talent:potential-import": Rule(only(MANAGERS)),
    "talent:potential-template": Rule(only(MANAGERS)),
    "talent:potential-delete": Rule(statuses(405), **ANY_PK),
    "talent:key-position-list": Rule(only(AGENCY_READERS)),
    "talent:key-position-delete": Rule(statuses(405), **ANY_PK),
    "talent:succession": Rule(
        only(("admin_bkpsdm", "inspektur"), admin_agensi_lain=404), **KEY_POSITION
    ),
    # REST API: anonymous callers 403; objects outside reach 404; writes are POST/PUT/DELETE.
    "api-talent-grid": Rule(only(GRID_READERS, anon=403)),
    "api-talent-placement-list": Rule(only(GRID_READERS, anon=403)),
    "api-talent-pool": Rule(only(GRID_READERS, anon=403)),
    "api-talent-unmapped": Rule(only(GRID_READERS, anon=403)),
    "api-talent-placement-detail": Rule(only(PLACEMENT_READERS, denied=404, anon=403), **PLACEMENT),
    "api-talent-me": Rule(only(EMPLOYEES, anon=403)),
    "api-talent-settings": Rule(only(AGENCY_READERS, anon=403)),
    "api-talent-recompute": Rule(statuses(405, anon=403)),
    "api-talent-potential-list": Rule(only(AGENCY_READERS, anon=403)),
    "api-talent-potential-import": Rule(statuses(405, anon=403)),
    "api-talent-potential-detail": Rule(statuses(405, anon=403), **ANY_PK),
    "api-talent-key-position-list": Rule(only(AGENCY_READERS, anon=403)),
    "api-talent-key-position-detail": Rule(statuses(405, anon=403), **ANY_PK),
    "api-talent-candidates": Rule(
        only(("admin_bkpsdm", "inspektur"), admin_agensi_lain=404, anon=403), **KEY_POSITION
    ),
}
