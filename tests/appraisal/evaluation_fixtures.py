"""Evaluation fixtures, imported explicitly by the evaluation tests.

Built on the planning fixtures (`period`: Tahun 2026, quarterly; `approved_plan`) through the
services, as users would: `team_plans` gives pegawai and rekan (both in Kelurahan Plaju Ulu,
rated by atasan) an approved SKP with one main RHK and a quantity indicator (target 12);
`annual_evaluations` opens their annual evaluations; `rated_unit` rates pegawai
Di Atas/Di Atas (Sangat Baik) and rekan Sesuai/Sesuai (Baik); `final_unit` has kepala (head of
Kecamatan Plaju, the unit above) set the organisation predicate Istimewa and finalise.
"""

from __future__ import annotations

import pytest

from kinerja.appraisal.models import Evaluation, UnitAssessment
from kinerja.appraisal.services import calibration
from kinerja.appraisal.services import evaluation as services
from tests.planning.conftest import user_of

ATAS = "Di Atas Ekspektasi"
SESUAI = "Sesuai Ekspektasi"
BAWAH = "Di Bawah Ekspektasi"


def open_evaluation(world, plan, subperiod: int = 0) -> Evaluation:
    return services.open_evaluation(plan, actor=user_of(world, plan.rater), subperiod=subperiod)


def rate(world, evaluation: Evaluation, results: str, behaviour: str) -> Evaluation:
    return services.rate_evaluation(
        evaluation,
        actor=user_of(world, evaluation.rater),
        expected_version=None,
        results_rating=results,
        behaviour_rating=behaviour,
    )


def fresh(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture
def team_plans(world, period, approved_plan):
    return {"pegawai": approved_plan(world.pegawai), "rekan": approved_plan(world.rekan)}


@pytest.fixture
def annual_evaluations(world, team_plans) -> dict[str, Evaluation]:
    return {name: open_evaluation(world, plan) for name, plan in team_plans.items()}


@pytest.fixture
def rated_unit(world, annual_evaluations) -> dict[str, Evaluation]:
    return {
        "pegawai": rate(world, annual_evaluations["pegawai"], ATAS, ATAS),
        "rekan": rate(world, annual_evaluations["rekan"], SESUAI, SESUAI),
    }


def set_predicate(world, period, predicate: str, *, subperiod: int = 0) -> UnitAssessment:
    return calibration.set_organisation_predicate(
        world.kelurahan,
        actor=world.users["kepala"],
        period=period,
        subperiod=subperiod,
        organisation_predicate=predicate,
        basis="Capaian perjanjian kinerja kelurahan 2026.",
    )


@pytest.fixture
def final_unit(world, period, rated_unit) -> UnitAssessment:
    assessment = set_predicate(world, period, "Istimewa")
    return calibration.finalise_unit(assessment, actor=world.users["kepala"], expected_version=None)
