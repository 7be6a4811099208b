"""URL × persona rules of the compliance monitor, merged into tests/core/test_permission_matrix.py.

The home agency has a 2026 period; the other agency none (its admin sees the empty page, and
no list: there is no period to list)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only

MONITORS = ("kepala", "admin_bkpsdm", "inspektur", "admin_agensi_lain")


def _with_period(world: World) -> dict[str, Any]:
    import datetime as dt

    from kinerja.planning import services as planning

    planning.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    return {}


RULES: dict[str, Rule] = {
    "insight:dashboard": Rule(only(MONITORS), kwargs=_with_period),
    "insight:regions": Rule(only(("pemantau", "superuser"))),
    "insight:compliance": Rule(only(MONITORS), kwargs=_with_period),
    "insight:compliance-list": Rule(
        only(MONITORS, admin_agensi_lain=404),
        kwargs=lambda w: {**_with_period(w), "code": "plan_late"},
    ),
}
