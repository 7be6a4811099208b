"""URL × persona rules of this area, merged into tests/core/test_permission_matrix.py.

The objects: pegawai's annual evaluation of 2026 (rated by atasan, in Kelurahan Plaju Ulu under
kepala's Kecamatan Plaju), the kelurahan's organisation predicate set by kepala, and an
objection pegawai filed (decided by kepala, atasan's superior); for the 404 check, the same in
the other agency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses


def _period(agency: Any) -> Any:
    from kinerja.planning import services as planning

    return planning.create_period(
        agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def _objects(world: World) -> dict[str, Any]:
    from kinerja.appraisal.models import Objection
    from kinerja.appraisal.services import calibration
    from kinerja.appraisal.services import evaluation as services
    from kinerja.planning import services as planning
    from tests.planning.conftest import fill_plan

    period = _period(world.agency)
    plan = planning.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, "Surat pengantar terlayani")
    plan = planning.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
    plan = planning.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
    evaluation = services.open_evaluation(plan, actor=world.users["atasan"], subperiod=0)
    assessment = calibration.set_organisation_predicate(
        world.kelurahan,
        actor=world.users["kepala"],
        period=period,
        subperiod=0,
        organisation_predicate="Baik",
        basis="PK",
    )
    objection = Objection.objects.create(
        agency=world.agency,
        evaluation=evaluation,
        filed_by=world.users["pegawai"],
        reason="Rating terlalu rendah",
        decide_by=dt.date(2026, 12, 31),
        decider=world.kepala,
    )
    return {"evaluation": evaluation, "assessment": assessment, "objection": objection}


def _other_objects(world: World) -> dict[str, Any]:
    from kinerja.appraisal.models import Evaluation, Objection, UnitAssessment
    from kinerja.planning import services as planning

    period = _period(world.other_agency)
    plan = planning.start_plan(world.pegawai_lain, actor=None, period=period)
    evaluation = Evaluation.objects.create(
        agency=world.other_agency,
        period=period,
        employee=world.pegawai_lain,
        plan=plan,
        unit=world.other_unit,
        kind="tahunan",
        subperiod=0,
    )
    assessment = UnitAssessment.objects.create(
        agency=world.other_agency,
        unit=world.other_unit,
        period=period,
        kind="tahunan",
        subperiod=0,
        organisation_predicate="Baik",
    )
    objection = Objection.objects.create(
        agency=world.other_agency,
        evaluation=evaluation,
        reason="Keberatan",
        decide_by=dt.date(2026, 12, 31),
    )
    return {"evaluation": evaluation, "assessment": assessment, "objection": objection}


def _pk(name: str, *, other: bool = False) -> Any:
    def build(world: World) -> dict[str, Any]:
        objects = _other_objects(world) if other else _objects(world)
        return {"pk": objects[name].pk}

    return build


EVALUATION = {"kwargs": _pk("evaluation"), "other_agency_kwargs": _pk("evaluation", other=True)}
ASSESSMENT = {"kwargs": _pk("assessment"), "other_agency_kwargs": _pk("assessment", other=True)}
OBJECTION = {"kwargs": _pk("objection"), "other_agency_kwargs": _pk("objection", other=True)}
UNIT = {
    "kwargs": lambda w: {"unit_pk": w.kelurahan.pk},
    "other_agency_kwargs": lambda w: {"unit_pk": w.other_unit.pk},
}
ANY_PK = {"kwargs": lambda w: {"pk": 1}}

# The employee, the rater, the head of the subtree, and whoever reads the whole agency.
EVALUATION_VIEWERS = (
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "pemantau",
    "superuser",
)
# The unit's evaluation: heads of the subtree (the unit included) and agency-wide readers.
UNIT_VIEWERS = ("kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser")
# The filer, the decider, the rater, heads and agency-wide readers.
OBJECTION_VIEWERS = EVALUATION_VIEWERS

RULES: dict[str, Rule] = {
    # Lists are open to every signed-in user and scoped to what each may see.
    "appraisal:evaluation-list": Rule(statuses(200)),
    "appraisal:evaluation-open": Rule(statuses(405)),
    "appraisal:evaluation-detail": Rule(only(EVALUATION_VIEWERS, denied=404), **EVALUATION),
    "appraisal:evaluation-rate": Rule(statuses(405), **ANY_PK),
    "appraisal:evaluation-reopen": Rule(statuses(405), **ANY_PK),
    "appraisal:objection-file": Rule(statuses(405), **ANY_PK),
    "appraisal:calibration-adjust": Rule(statuses(405), **ANY_PK),
    "appraisal:calibration-index": Rule(statuses(200)),
    "appraisal:calibration": Rule(only(UNIT_VIEWERS, denied=404), **UNIT),
    "appraisal:calibration-predicate": Rule(
        statuses(405), kwargs=lambda w: {"unit_pk": w.kelurahan.pk}
    ),
    "appraisal:calibration-confirm": Rule(statuses(405), **ANY_PK),
    "appraisal:calibration-finalise": Rule(statuses(405), **ANY_PK),
    "appraisal:objection-list": Rule(statuses(200)),
    "appraisal:objection-detail": Rule(only(OBJECTION_VIEWERS, denied=404), **OBJECTION),
    "appraisal:objection-decide": Rule(statuses(405), **ANY_PK),
    # REST API: anonymous callers get 403; objects outside reach 404; writes are POST only.
    "api-evaluation-list": Rule(statuses(200, anon=403)),
    "api-evaluation-open": Rule(statuses(405, anon=403)),
    "api-evaluation-detail": Rule(only(EVALUATION_VIEWERS, denied=404, anon=403), **EVALUATION),
    "api-evaluation-rate": Rule(statuses(405, anon=403), **ANY_PK),
    "api-evaluation-reopen": Rule(statuses(405, anon=403), **ANY_PK),
    "api-evaluation-adjust": Rule(statuses(405, anon=403), **ANY_PK),
    "api-objection-file": Rule(statuses(405, anon=403), **ANY_PK),
    "api-unit-assessment-set": Rule(statuses(405, anon=403)),
    "api-unit-assessment-detail": Rule(only(UNIT_VIEWERS, denied=404, anon=403), **ASSESSMENT),
    "api-unit-assessment-confirm": Rule(statuses(405, anon=403), **ANY_PK),
    "api-unit-assessment-finalise": Rule(statuses(405, anon=403), **ANY_PK),
    "api-objection-list": Rule(statuses(200, anon=403)),
    "api-objection-detail": Rule(only(OBJECTION_VIEWERS, denied=404, anon=403), **OBJECTION),
    "api-objection-decide": Rule(statuses(405, anon=403), **ANY_PK),
}
