"""`manage.py generate_scale_data --with-appraisal`: the planning and appraisal volume of a
province (DESIGN §6), at a tiny size: counts, cascade, predicates, and the same data per seed."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from kinerja.appraisal.models import Evaluation, EvaluationStatus, Realisation, UnitAssessment
from kinerja.appraisal.predicate import Rating, predicate
from kinerja.core.models import Agency
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import Indicator, PerformancePlan, PlannedResult, PlanStatus

pytestmark = pytest.mark.usefixtures("unscoped")


@pytest.fixture
def province(db, unscoped) -> tuple[Agency, str]:
    out = io.StringIO()
    call_command(
        "generate_scale_data",
        "--employees",
        "300",
        "--with-appraisal",
        "--realisation-subperiods",
        "3",
        stdout=out,
    )
    return Agency.objects.get(code="uji-skala"), out.getvalue()


def test_every_employee_gets_an_approved_plan_with_two_rhk_and_five_indicators(province):
    agency, output = province
    assert PerformancePlan.objects.filter(agency=agency, status=PlanStatus.APPROVED).count() == 300
    assert PlannedResult.objects.filter(agency=agency).count() == 600
    assert Indicator.objects.filter(agency=agency).count() == 1500
    per_plan = PerformancePlan.objects.annotate(n=Count("results__indicators"))
    assert set(per_plan.values_list("n", flat=True)) == {5}
    assert "300 SKP, 600 RHK, 1500 indikator, 4500 realisasi, 300 evaluasi" in output


def test_realisations_cover_each_indicator_for_the_months_asked(province):
    agency, _output = province
    realisations = Realisation.objects.filter(agency=agency)
    assert realisations.count() == 1500 * 3
    assert set(realisations.values_list("subperiod", flat=True)) == {1, 2, 3}
    assert not realisations.exclude(plan_id=F("indicator__result__plan_id")).exists()


def test_rhk_are_cascaded_from_the_supervisors_rhk(province):
    agency, _output = province
    results = PlannedResult.objects.filter(agency=agency).select_related("plan", "parent__plan")
    for result in results:
        if result.plan.rater_id is None:
            assert result.parent is None
        else:
            assert result.parent.plan.employee_id == result.plan.rater_id
            assert result.parent.plan.period_id == result.plan.period_id


def test_everybody_has_a_final_evaluation_with_the_matrix_predicate(province):
    agency, _output = province
    evaluations = Evaluation.objects.filter(agency=agency, subperiod=1)
    assert evaluations.count() == Employee.objects.filter(agency=agency).count()
    assert set(evaluations.values_list("status", flat=True)) == {EvaluationStatus.FINAL}
    for results, behaviour, value in evaluations.values_list(
        "results_rating", "behaviour_rating", "predicate"
    ):
        assert value == predicate(Rating(results), Rating(behaviour))
    assessed = UnitAssessment.objects.filter(agency=agency, finalised_at__isnull=False)
    assert assessed.count() == evaluations.values("unit").distinct().count()
    assert assessed.count() <= Unit.objects.filter(agency=agency).count()


def test_the_same_seed_gives_the_same_targets_and_ratings(province):
    call_command(
        "generate_scale_data",
        "--employees",
        "300",
        "--code",
        "uji-b",
        "--name",
        "Pemerintah Provinsi Uji B",
        "--with-appraisal",
        "--realisation-subperiods",
        "3",
        stdout=io.StringIO(),
    )

    def contents(code: str) -> tuple[list, list, list]:
        return (
            list(
                Indicator.objects.filter(agency__code=code)
                .order_by("pk")
                .values_list("text", "target_value")
            ),
            list(
                Realisation.objects.filter(agency__code=code)
                .order_by("pk")
                .values_list("subperiod", "value")
            ),
            list(
                Evaluation.objects.filter(agency__code=code)
                .order_by("employee_id")
                .values_list("results_rating", "behaviour_rating")
            ),
        )

    assert contents("uji-skala") == contents("uji-b")


def test_appraisal_only_adds_to_an_existing_agency_once(province):
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("generate_scale_data", "--appraisal-only", stdout=io.StringIO())
    with pytest.raises(CommandError, match="belum ada"):
        call_command(
            "generate_scale_data", "--appraisal-only", "--code", "tidak-ada", stdout=io.StringIO()
        )
    assert PerformancePlan.objects.count() == 300
