"""The demo SKP (`manage.py load_demo`): a 2026 period per demo agency, plans in every state,
cascaded from the rater's approved SKP, and nothing added by a second run."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, Evidence, Objection, Realisation
from kinerja.core.models import Agency
from kinerja.org.models import Employee, PositionKind
from kinerja.org.services import effective_supervisor
from kinerja.planning.demo import DEMO_YEAR, PERIOD_NAME
from kinerja.planning.models import (
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
    ResultKind,
)
from kinerja.planning.services import person_snapshot
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")

CODES = ("palembang", "subulussalam", "bengkulu", "kerinci")


def test_every_demo_agency_gets_a_2026_period_at_the_frequency_its_seed_suggests():
    periods = dict(
        Period.objects.filter(year=DEMO_YEAR, name=PERIOD_NAME).values_list(
            "agency__code", "frequency"
        )
    )
    assert periods == {
        "palembang": "triwulanan",
        "subulussalam": "semesteran",
        "bengkulu": "triwulanan",
        "kerinci": "bulanan",
    }


@pytest.mark.parametrize("code", CODES)
def test_each_agency_has_plans_in_every_state_and_a_few_employees_without_one(code):
    plans = PerformancePlan.objects.filter(agency__code=code, period__name=PERIOD_NAME)
    counts = dict(plans.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    assert set(counts) == set(PlanStatus.values)
    assert counts[PlanStatus.APPROVED] > sum(counts.values()) / 2
    active = Employee.objects.filter(agency__code=code, is_active=True)
    without = active.exclude(plans__period__name=PERIOD_NAME).count()
    assert 0 < without < active.count() / 10
    assert plans.filter(is_current=True).count() == plans.count()


def test_every_cascaded_rhk_intervenes_a_main_rhk_of_the_raters_approved_plan_of_the_period():
    cascaded = PlannedResult.objects.filter(parent__isnull=False).select_related(
        "plan", "parent__plan"
    )
    assert cascaded.count() > 500
    for result in cascaded:
        parent_plan = result.parent.plan
        assert parent_plan.employee_id == result.plan.rater_id
        assert parent_plan.period_id == result.plan.period_id
        assert parent_plan.status == PlanStatus.APPROVED
        assert result.parent.kind == ResultKind.MAIN
        assert result.agency_id == parent_plan.agency_id


def test_every_main_rhk_names_its_leaders_rhk_when_the_rater_has_an_approved_plan():
    approved_raters = set(
        PerformancePlan.objects.filter(status=PlanStatus.APPROVED).values_list(
            "employee_id", "period_id"
        )
    )
    uncascaded = PlannedResult.objects.filter(
        kind=ResultKind.MAIN, parent__isnull=True, plan__rater__isnull=False
    ).select_related("plan__employee__position")
    for result in uncascaded:
        plan = result.plan
        assert (plan.rater_id, plan.period_id) not in approved_raters
        assert plan.employee.position.kind == PositionKind.JPT or plan.status == "draft"


def test_everybody_who_rates_a_plan_has_an_approved_plan_of_their_own():
    raters = set(PerformancePlan.objects.exclude(rater=None).values_list("rater_id", "period_id"))
    approved = set(
        PerformancePlan.objects.filter(status=PlanStatus.APPROVED).values_list(
            "employee_id", "period_id"
        )
    )
    assert raters <= approved


def test_plans_hold_what_the_services_would_have_written():
    plans = PerformancePlan.objects.select_related(
        "employee__unit", "employee__position", "rater__unit", "rater__position", "approved_by"
    )
    for plan in plans:
        if plan.status == PlanStatus.DRAFT:
            assert plan.snapshot == {}
            assert plan.submitted_at is None
        else:
            assert plan.snapshot["employee"] == person_snapshot(plan.employee)
            assert plan.snapshot["rater"] == person_snapshot(plan.rater)
            assert plan.submitted_at is not None
        if plan.status == PlanStatus.APPROVED:
            assert plan.approved_at > plan.submitted_at
            if plan.approved_by is not None:
                assert plan.approved_by.employee == plan.rater
        else:
            assert plan.approved_at is None
            assert plan.approved_by is None
        assert bool(plan.return_note) == (plan.status == PlanStatus.RETURNED)
        assert plan.version > plan.results.count()


def test_the_rater_is_the_effective_supervisor_as_start_plan_resolves_it():
    today = timezone.localdate()
    plans = PerformancePlan.objects.select_related(
        "period", "rater", "employee__supervisor__position", "employee__position"
    )
    for plan in plans:
        on = min(max(today, plan.period.start_date), plan.period.end_date)
        assert plan.rater == effective_supervisor(plan.employee, on=on)


def test_every_plan_past_draft_has_main_results_each_with_a_numeric_target():
    plans = PerformancePlan.objects.exclude(status=PlanStatus.DRAFT)
    assert not plans.exclude(results__kind=ResultKind.MAIN).exists()
    assert not PlannedResult.objects.filter(plan__in=plans, indicators__isnull=True).exists()
    assert not Indicator.objects.filter(target_value__isnull=True).exists()
    assert not plans.annotate(n=Count("expectations")).exclude(n=7).exists()


@pytest.mark.parametrize("code", CODES)
def test_the_demo_employee_has_an_approved_plan_and_the_supervisor_has_plans_waiting(code):
    pegawai = Employee.objects.get(user__username=f"{code}.pegawai")
    atasan = Employee.objects.get(user__username=f"{code}.atasan")
    plan = PerformancePlan.objects.get(employee=pegawai, period__name=PERIOD_NAME)
    assert plan.status == PlanStatus.APPROVED
    assert plan.rater == atasan
    assert plan.results.filter(parent__plan__employee=atasan).exists()
    waiting = PerformancePlan.objects.filter(rater=atasan, status=PlanStatus.SUBMITTED)
    assert waiting.count() >= 2
    assert PerformancePlan.objects.filter(rater=atasan, status=PlanStatus.RETURNED).exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("bengkulu", ("KTP-el", "akta kelahiran", "kepuasan masyarakat")),
        ("subulussalam", ("KTP-el", "akta kelahiran", "pasien")),
        ("palembang", ("pengaduan", "waktu tunggu")),
        ("kerinci", ("waktu tunggu", "pasien")),
    ],
)
def test_results_and_indicators_speak_of_what_each_seed_measures(code, words):
    texts = " ".join(
        PlannedResult.objects.filter(agency__code=code).values_list("text", flat=True)
    ) + " ".join(Indicator.objects.filter(agency__code=code).values_list("text", flat=True))
    for word in words:
        assert word.lower() in texts.lower(), word


def test_the_summary_line_counts_the_plans(request):
    plans = PerformancePlan.objects.count()
    assert f"Siklus kinerja 2026: {plans} SKP" in request.getfixturevalue("demo_output")


def test_running_the_command_again_adds_no_performance_data():
    models = (Period, PerformancePlan, PlannedResult, Indicator, Realisation, Evidence)
    before = [model.objects.count() for model in (*models, Evaluation, Objection, Agency)]
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Data kinerja demo sudah ada." in out.getvalue()
    after = [model.objects.count() for model in (*models, Evaluation, Objection, Agency)]
    assert after == before
