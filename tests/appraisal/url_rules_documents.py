"""URL × persona rules of this area, merged into tests/core/test_permission_matrix.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only


def _period(agency):
    from kinerja.planning import services

    return services.create_period(
        agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


def _evaluation(agency, employee) -> dict[str, Any]:
    """A draft periodic evaluation of `employee` (Triwulan I) on a draft SKP."""
    from kinerja.appraisal.models import Evaluation
    from kinerja.planning import services

    plan = services.start_plan(employee, actor=None, period=_period(agency))
    evaluation = Evaluation.objects.create(
        agency=agency,
        period=plan.period,
        employee=employee,
        plan=plan,
        unit=employee.unit,
        rater=plan.rater,
        kind="periodik",
        subperiod=1,
    )
    return {"pk": evaluation.pk}


def _assessment(agency, unit) -> dict[str, Any]:
    """A draft organisation predicate of `unit` for Triwulan I."""
    from kinerja.appraisal.models import UnitAssessment

    assessment = UnitAssessment.objects.create(
        agency=agency,
        unit=unit,
        period=_period(agency),
        kind="periodik",
        subperiod=1,
        organisation_predicate="Baik",
    )
    return {"pk": assessment.pk}


def _evaluation_of_pegawai(world: World) -> dict[str, Any]:
    return _evaluation(world.agency, world.pegawai)


def _evaluation_elsewhere(world: World) -> dict[str, Any]:
    return _evaluation(world.other_agency, world.pegawai_lain)


def _assessment_of_kelurahan(world: World) -> dict[str, Any]:
    return _assessment(world.agency, world.kelurahan)


def _assessment_elsewhere(world: World) -> dict[str, Any]:
    return _assessment(world.other_agency, world.other_unit)


RULES: dict[str, Rule] = {
    # The employee, the rater, the head above, admin, inspector and national viewers; 404 else.
    "appraisal:evaluation-pdf": Rule(
        only(
            ("pegawai", "atasan", "kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser"),
            denied=404,
        ),
        kwargs=_evaluation_of_pegawai,
        other_agency_kwargs=_evaluation_elsewhere,
    ),
    # The heads of the unit's subtree, admin, inspector and national viewers; 404 else.
    "appraisal:assessment-pdf": Rule(
        only(("kepala", "admin_bkpsdm", "inspektur", "pemantau", "superuser"), denied=404),
        kwargs=_assessment_of_kelurahan,
        other_agency_kwargs=_assessment_elsewhere,
    ),
    # Exports: admins and inspectors (the agency), heads (their subtree).
    "appraisal:export": Rule(
        only(("kepala", "admin_bkpsdm", "inspektur", "superuser", "admin_agensi_lain"))
    ),
}
