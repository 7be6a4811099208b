"""The demo appraisal data (`manage.py load_demo`): realisation on approved SKP with evidence in
storage, a finished first sub-period, a second being rated, objections, and a repeatable load."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from kinerja.appraisal.demo import load_demo_appraisal
from kinerja.appraisal.distribution import check_distribution
from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Dialogue,
    Evaluation,
    EvaluationStatus,
    Evidence,
    EvidenceKind,
    Feedback,
    Objection,
    ObjectionStatus,
    Realisation,
    UnitAssessment,
)
from kinerja.appraisal.predicate import OrganisationPredicate, Predicate, Rating, predicate
from kinerja.career.models import CreditEntry
from kinerja.core.models import Agency
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, PlanStatus
from kinerja.planning.subperiods import subperiods
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")

CODES = ("palembang", "subulussalam", "bengkulu", "kerinci")


def test_every_realisation_belongs_to_an_approved_plan_and_one_of_its_indicators():
    realisations = Realisation.objects.select_related("plan__period", "indicator__result")
    assert realisations.count() > 5000
    for realisation in realisations:
        plan = realisation.plan
        assert plan.status == PlanStatus.APPROVED
        assert plan.is_current
        assert realisation.indicator.result.plan_id == plan.pk
        numbers = [
            b.number
            for b in subperiods(plan.period.frequency, plan.period.start_date, plan.period.end_date)
        ]
        assert realisation.subperiod in numbers
        assert realisation.value is not None


@pytest.mark.parametrize("code", CODES)
def test_realisation_covers_every_sub_period_that_has_ended(code):
    plan = PerformancePlan.objects.filter(agency__code=code, status=PlanStatus.APPROVED).first()
    period = plan.period
    blocks = subperiods(period.frequency, period.start_date, period.end_date)
    ended = [b.number for b in blocks if b.end < timezone.localdate()]
    expected = [b.number for b in blocks][: max(2, len(ended))]
    recorded = sorted(set(plan.realisations.values_list("subperiod", flat=True)))
    assert recorded == expected


def test_every_evidence_file_is_a_pdf_in_storage_and_every_link_has_an_address():
    files = Evidence.objects.filter(kind=EvidenceKind.FILE)
    assert files.count() >= 4 * 4
    for evidence in files:
        assert evidence.file.name == (
            f"evidence/{evidence.agency_id}/{evidence.sha256[:2]}/{evidence.sha256}"
        )
        assert default_storage.exists(evidence.file.name)
        with default_storage.open(evidence.file.name, "rb") as handle:
            content = handle.read()
        assert content.startswith(b"%PDF")
        assert len(content) == evidence.size
        assert evidence.content_type == "application/pdf"
    links = Evidence.objects.filter(kind=EvidenceKind.LINK)
    assert links.exists()
    assert not links.filter(url="").exists()


@pytest.mark.parametrize("code", CODES)
def test_the_demo_employee_has_realisation_evidence_feedback_and_a_dialogue(code):
    pegawai = Employee.objects.get(user__username=f"{code}.pegawai")
    plan = PerformancePlan.objects.get(employee=pegawai)
    assert plan.realisations.count() >= 2 * plan.results.filter(indicators__isnull=False).count()
    assert Evidence.objects.filter(realisation__plan=plan, kind=EvidenceKind.FILE).exists()
    assert Feedback.objects.filter(plan=plan, indicator__isnull=False).exists()
    assert Feedback.objects.filter(plan=plan, indicator__isnull=True).exclude(value="").exists()
    assert Dialogue.objects.filter(plan=plan).exists()
    first = Evaluation.objects.get(employee=pegawai, subperiod=1)
    assert first.status == EvaluationStatus.FINAL
    assert Evaluation.objects.get(employee=pegawai, subperiod=2).status == EvaluationStatus.DRAFT


def test_every_rated_evaluation_carries_the_predicate_of_the_matrix():
    rated = Evaluation.objects.exclude(status=EvaluationStatus.DRAFT)
    assert rated.count() > 800
    for evaluation in rated:
        expected = predicate(Rating(evaluation.results_rating), Rating(evaluation.behaviour_rating))
        assert evaluation.predicate == expected.value
        assert evaluation.rated_at is not None
        assert evaluation.snapshot["employee"]["name"]
    assert (
        not Evaluation.objects.filter(status=EvaluationStatus.DRAFT).exclude(predicate="").exists()
    )


@pytest.mark.parametrize("code", CODES)
def test_the_first_sub_period_is_finished_for_every_approved_plan_with_a_rater(code):
    approved = PerformancePlan.objects.filter(
        agency__code=code, status=PlanStatus.APPROVED, rater__isnull=False
    )
    first = Evaluation.objects.filter(agency__code=code, subperiod=1)
    assert set(first.values_list("plan_id", flat=True)) == set(
        approved.values_list("pk", flat=True)
    )
    assert set(first.values_list("status", flat=True)) == {EvaluationStatus.FINAL}
    assert not first.filter(finalised_at__isnull=True).exists()
    for evaluation in first.select_related("plan"):
        assert evaluation.rater_id == evaluation.plan.rater_id
        assert evaluation.unit_id == evaluation.employee.unit_id


@pytest.mark.parametrize("code", CODES)
def test_every_unit_of_the_first_sub_period_is_assessed_and_breaches_are_confirmed(code):
    evaluations = Evaluation.objects.filter(agency__code=code, subperiod=1)
    assessments = UnitAssessment.objects.filter(agency__code=code, subperiod=1)
    assert set(assessments.values_list("unit_id", flat=True)) == set(
        evaluations.values_list("unit_id", flat=True)
    )
    assert not assessments.filter(finalised_at__isnull=True).exists()
    breaches = 0
    for assessment in assessments:
        counts: dict[Predicate, int] = {}
        for value in evaluations.filter(unit=assessment.unit).values_list("predicate", flat=True):
            counts[Predicate(value)] = counts.get(Predicate(value), 0) + 1
        check = check_distribution(OrganisationPredicate(assessment.organisation_predicate), counts)
        if check.passes:
            assert assessment.breach_reason == ""
        else:
            breaches += 1
            assert assessment.breach_reason.strip()
            assert assessment.breach_confirmed_at is not None
            assert assessment.breach_confirmed_by is not None
    assert breaches >= 1


def test_calibration_adjustments_are_what_the_evaluations_now_hold():
    adjustments = CalibrationAdjustment.objects.select_related("evaluation", "assessment")
    assert adjustments.exists()
    for adjustment in adjustments:
        assert getattr(adjustment.evaluation, adjustment.field) in {
            adjustment.new_value,
            Rating.DI_ATAS.value,  # both ratings may be raised in one session
        }
        assert adjustment.assessment.unit_id == adjustment.evaluation.unit_id
        assert adjustment.reason


@pytest.mark.parametrize("code", CODES)
def test_the_second_sub_period_is_partly_rated_and_the_supervisor_has_some_to_do(code):
    second = Evaluation.objects.filter(agency__code=code, subperiod=2)
    assert {EvaluationStatus.DRAFT, EvaluationStatus.RATED} == set(
        second.values_list("status", flat=True)
    )
    atasan = Employee.objects.get(user__username=f"{code}.atasan")
    assert second.filter(rater=atasan, status=EvaluationStatus.DRAFT).exists()
    drafts = second.filter(status=EvaluationStatus.DRAFT)
    assert not drafts.exclude(results_rating="").exists()
    assert not drafts.filter(suggested_results_rating="").exists()


@pytest.mark.parametrize("code", CODES)
def test_the_demo_head_has_a_fully_rated_unit_to_calibrate(code):
    kepala = Employee.objects.get(user__username=f"{code}.kepala")
    open_sessions = UnitAssessment.objects.filter(
        agency__code=code, subperiod=2, finalised_at__isnull=True
    )
    assert open_sessions.exists()
    for session in open_sessions.select_related("unit", "set_by"):
        assert session.unit.path.startswith(kepala.unit.path)
        assert session.set_by == kepala.user
        rated = Evaluation.objects.filter(unit=session.unit, subperiod=2)
        assert rated.exists()
        assert set(rated.values_list("status", flat=True)) == {EvaluationStatus.RATED}


@pytest.mark.parametrize("code", CODES)
def test_each_agency_has_one_pending_and_one_decided_objection(code):
    objections = Objection.objects.filter(agency__code=code).select_related("evaluation__rater")
    assert sorted(objections.values_list("status", flat=True)) == [
        ObjectionStatus.PENDING,
        ObjectionStatus.REJECTED,
    ]
    for objection in objections:
        assert objection.evaluation.status == EvaluationStatus.FINAL
        assert objection.decider == objection.evaluation.rater.supervisor
        finalised = objection.evaluation.finalised_at
        assert finalised < objection.created_at <= finalised + dt.timedelta(days=14)
    pending = objections.get(status=ObjectionStatus.PENDING)
    assert pending.decide_by >= timezone.localdate()
    assert pending.decider.user.username == f"{code}.kepala"
    decided = objections.get(status=ObjectionStatus.REJECTED)
    assert decided.decided_at is not None
    assert decided.decision


def test_loading_again_writes_nothing_and_the_data_is_the_same_for_the_same_seed():
    agency = Agency.objects.get(code="kerinci")
    assert load_demo_appraisal(agency, seed=2026) is None

    def snapshot() -> list[tuple]:
        return list(
            Evaluation.objects.filter(agency=agency)
            .order_by("employee_id", "subperiod")
            .values_list("employee_id", "subperiod", "status", "results_rating", "predicate")
        ) + list(
            # Indicators fed by citizens' data are recomputed by the citizen demo afterwards.
            Realisation.objects.filter(agency=agency, indicator__data_source__isnull=True)
            .order_by("indicator_id", "subperiod")
            .values_list("indicator_id", "subperiod", "value")
        )

    before = snapshot()
    CreditEntry.objects.filter(agency=agency).delete()  # the career demo cites evaluations
    for model in (Objection, CalibrationAdjustment, UnitAssessment, Evaluation, Realisation):
        model.objects.filter(agency=agency).delete()
    Feedback.objects.filter(agency=agency).delete()
    Dialogue.objects.filter(agency=agency).delete()
    assert load_demo_appraisal(agency, seed=2026) is not None
    assert snapshot() == before
