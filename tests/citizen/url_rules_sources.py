"""URL × persona rules of indicators fed by data, merged into tests/core/test_permission_matrix.py.

The pages of one SKP or indicator follow the SKP: whoever may see it (the employee, the rater,
the head of the unit, admins, inspectors, national viewers) gets 200; anyone else, and anyone of
another agency, 404. The agency's list is for admins, heads, inspectors and national viewers.
Writes are POST only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses

PLAN_VIEWERS = ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser")
LISTERS = ("kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser", "admin_agensi_lain")


def _plan(world: World, *, other: bool = False):
    from kinerja.planning import services as planning

    agency, employee = (
        (world.other_agency, world.pegawai_lain) if other else (world.agency, world.pegawai)
    )
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
    return planning.start_plan(employee, actor=None, period=period)


def _bound_indicator(world: World, *, other: bool = False) -> dict[str, Any]:
    """A quality indicator of a draft SKP fed by the IKM of the employee's unit (written
    directly: the binding rules are tested in test_indicator_sources)."""
    from kinerja.citizen.models import IndicatorSource, Metric
    from kinerja.planning.models import Indicator, PlannedResult

    plan = _plan(world, other=other)
    result = PlannedResult.objects.create(agency=plan.agency, plan=plan, text="Layanan prima")
    indicator = Indicator.objects.create(
        agency=plan.agency,
        result=result,
        aspect="kualitas",
        text="IKM unit",
        target_value=Decimal(85),
        unit_of_measure="indeks",
    )
    IndicatorSource.objects.create(
        agency=plan.agency,
        indicator=indicator,
        metric=Metric.UNIT_IKM,
        unit=plan.employee.unit,
    )
    return {"pk": indicator.pk}


PLAN = {
    "kwargs": lambda w: {"pk": _plan(w).pk},
    "other_agency_kwargs": lambda w: {"pk": _plan(w, other=True).pk},
}
INDICATOR = {
    "kwargs": lambda w: _bound_indicator(w),
    "other_agency_kwargs": lambda w: _bound_indicator(w, other=True),
}
POST_ONLY = {"kwargs": lambda w: {"pk": 1}}

RULES: dict[str, Rule] = {
    "citizen:source-list": Rule(only(LISTERS)),
    "citizen:source-plan": Rule(only(PLAN_VIEWERS, denied=404), **PLAN),
    "citizen:source-indicator": Rule(only(PLAN_VIEWERS, denied=404), **INDICATOR),
    "citizen:source-recompute": Rule(statuses(405), **POST_ONLY),
    "citizen:source-unbind": Rule(statuses(405), **POST_ONLY),
    "citizen:source-override": Rule(statuses(405), **POST_ONLY),
    "citizen:source-override-clear": Rule(statuses(405), **POST_ONLY),
    # REST API: anonymous callers get 403 (session auth answers first).
    "api-source-plan": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **PLAN),
    "api-source-indicator": Rule(only(PLAN_VIEWERS, denied=404, anon=403), **INDICATOR),
    "api-source-override": Rule(statuses(405, anon=403), **POST_ONLY),
}
