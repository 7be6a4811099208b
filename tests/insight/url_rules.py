"""URL × persona rules of the compliance monitor, merged into tests/core/test_permission_matrix.py.

The home agency has a 2026 period; the other agency none (its admin sees the empty page, and
no list: there is no period to list)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses

MONITORS = ("kepala", "admin_bkpsdm", "inspektur", "admin_agensi_lain")
# Agency performance reports: the page for admins, heads and inspectors (a superuser has no
# agency); one report of Kecamatan Plaju, read by its head, the inspector auditing it (the
# matrix runs with `auditing`) and the admin; another agency's report answers 404.
REPORTERS = ("kepala", "admin_bkpsdm", "inspektur", "admin_agensi_lain")
REPORT_READERS = ("kepala", "admin_bkpsdm", "inspektur", "superuser")


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


def _report(world: World, *, other: bool = False) -> dict[str, Any]:
    """A report of the world's kecamatan (made, files and all); or one of the other agency."""
    import datetime as dt

    from kinerja.core.tenancy import tenant_scope
    from kinerja.insight.reports import services as reports
    from kinerja.planning import services as planning

    agency = world.other_agency if other else world.agency
    period = planning.create_period(
        agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    actor = world.users["admin_agensi_lain" if other else "admin_bkpsdm"]
    with tenant_scope(agency):
        report = reports.request_report(
            period, actor=actor, unit=world.other_unit if other else world.kecamatan
        )
    reports.build_report(report.pk)
    return {"pk": report.pk}


REPORT = {
    "kwargs": _report,
    "other_agency_kwargs": lambda world: _report(world, other=True),
}

RULES: dict[str, Rule] = {
    "insight:dashboard": Rule(only(MONITORS), kwargs=_with_period),
    "insight:regions": Rule(only(("pemantau", "superuser"))),
    "insight:compliance": Rule(only(MONITORS), kwargs=_with_period),
    "insight:compliance-list": Rule(
        only(MONITORS, admin_agensi_lain=404),
        kwargs=lambda w: {**_with_period(w), "code": "plan_late"},
    ),
    "insight:report-list": Rule(only(REPORTERS)),
    "insight:report-request": Rule(statuses(405)),  # POST only
    **{
        name: Rule(only(REPORT_READERS, admin_agensi_lain=404), **REPORT)
        for name in (
            "insight:report-detail",
            "insight:report-status",
            "insight:report-pdf",
            "insight:report-xlsx",
        )
    },
}
