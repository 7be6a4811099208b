"""The citizen demo data (`manage.py load_demo`): services, a year of requests, surveys and
complaints shaped like each seed, the 2026 holidays, and SKP indicators fed by that data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, EvaluationStatus, Realisation
from kinerja.appraisal.selectors.execution import subperiod_of_plan
from kinerja.citizen.deadlines import add_days, counting_for, resolution_days
from kinerja.citizen.demo import load_demo_citizen
from kinerja.citizen.indicator_metrics import clipped_range
from kinerja.citizen.metrics import ikm_of, turnaround
from kinerja.citizen.models import (
    Complaint,
    ComplaintStatus,
    Holiday,
    IndicatorSource,
    Service,
    ServiceRequest,
    SurveyResponse,
)
from kinerja.citizen.selectors.sources import day_bounds, metric_value
from kinerja.core.models import Agency, AuditEntry
from kinerja.org.models import Unit
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")

CODES = ("palembang", "subulussalam", "bengkulu", "kerinci")


def _unit(code: str, name: str) -> Unit:
    return Unit.objects.get(agency__code=code, name=name)


def _in(unit: Unit):
    return Q(unit__path__startswith=unit.path)


@pytest.mark.parametrize("code", CODES)
def test_every_agency_has_services_and_a_year_of_requests_on_opening_days(code):
    requests = ServiceRequest.objects.filter(agency__code=code)
    span = requests.aggregate(first=Min("received_at"), last=Max("received_at"))
    first, last = timezone.localdate(span["first"]), timezone.localdate(span["last"])

    assert Service.objects.filter(agency__code=code).count() >= 5
    assert requests.count() >= 5000
    assert (last - first).days >= 360
    assert timezone.localdate() - last <= dt.timedelta(days=5)
    sundays = [
        r
        for r in requests.values_list("received_at", flat=True)[:3000]
        if timezone.localtime(r).weekday() == 6
    ]
    assert sundays == []
    assert not requests.filter(received_at__date__in=[dt.date(2026, 8, 17)]).exists()


@pytest.mark.parametrize("code", CODES)
def test_completed_requests_carry_their_turnaround_and_verdict(code):
    rows = (
        ServiceRequest.objects.filter(agency__code=code, completed_at__isnull=False)
        .select_related("service")
        .order_by("pk")[:2000]
    )
    for row in rows:
        minutes = int((row.completed_at - row.received_at).total_seconds() // 60)
        assert row.turnaround_minutes == max(1, minutes)
        assert row.within_standard == (row.turnaround_minutes <= row.service.standard_minutes)
        assert row.handled_by is not None
        assert row.handled_by.unit.path.startswith(row.service.unit.path)
    still_open = ServiceRequest.objects.filter(agency__code=code, completed_at__isnull=True)
    assert still_open.exists()
    assert not still_open.filter(
        Q(turnaround_minutes__isnull=False) | Q(within_standard__isnull=False)
    ).exists()


@pytest.mark.parametrize("code", ["bengkulu", "subulussalam"])
def test_dukcapil_ktp_turnaround_is_about_a_working_day(code):
    ktp = ServiceRequest.objects.filter(agency__code=code, service__code="ktp-el")
    figures = turnaround(ktp)
    assert figures.completed >= 3000
    assert figures.median_minutes is not None
    assert 60 <= figures.median_minutes <= 1440  # most KTP-el handed over the same day
    assert figures.p90_minutes is not None
    assert figures.p90_minutes > 1440
    assert figures.within_standard_share is not None
    assert 50 <= figures.within_standard_share <= 95


def _median_between(requests, start: dt.date, end: dt.date) -> float:
    since, until = day_bounds(start, end)
    median = turnaround(requests.filter(completed_at__gte=since, completed_at__lt=until))
    assert median.median_minutes is not None
    return median.median_minutes


def test_subulussalam_documents_and_plaju_and_siulak_waiting_got_faster():
    for code, service in (
        ("subulussalam", "ktp-el"),
        ("palembang", "legalisir-plaju"),
        ("kerinci", "pengantar-ktp-kk-siulak"),
    ):
        requests = ServiceRequest.objects.filter(agency__code=code, service__code=service)
        last = timezone.localdate(requests.aggregate(last=Max("completed_at"))["last"])
        early = _median_between(
            requests, last - dt.timedelta(days=364), last - dt.timedelta(days=274)
        )
        late = _median_between(requests, last - dt.timedelta(days=90), last)
        assert late < early * 0.75, (code, early, late)


def test_subulussalam_puskesmas_serve_outpatients_six_days_a_week():
    outpatients = ServiceRequest.objects.filter(
        agency__code="subulussalam", service__code__startswith="rawat-jalan"
    )
    per_puskesmas = dict(outpatients.values_list("unit__name").annotate(n=Count("pk")))
    assert set(per_puskesmas) == {
        "Puskesmas Simpang Kiri",
        "Puskesmas Penanggalan",
        "Puskesmas Rundeng",
    }
    assert min(per_puskesmas.values()) >= 1500
    assert per_puskesmas["Puskesmas Simpang Kiri"] == max(per_puskesmas.values())
    saturdays = sum(
        1
        for r in outpatients.values_list("received_at", flat=True)[:2000]
        if timezone.localtime(r).weekday() == 5
    )
    assert saturdays > 0


# --- Survey -------------------------------------------------------------------------------------

SURVEYED = [
    ("palembang", "Kecamatan Plaju", 400),
    ("palembang", "Kecamatan Kertapati", 400),
    ("subulussalam", "Puskesmas Simpang Kiri", 300),
    ("bengkulu", "Dinas Perhubungan", 600),
    ("bengkulu", "Dinas Kependudukan dan Pencatatan Sipil", 300),
    ("kerinci", "Kecamatan Siulak", 300),
]


@pytest.mark.parametrize(("code", "name", "least"), SURVEYED)
def test_surveyed_units_have_hundreds_of_responses_and_a_plausible_ikm(code, name, least):
    responses = SurveyResponse.objects.filter(_in(_unit(code, name)), agency__code=code)
    result = ikm_of(responses)

    assert responses.count() >= least
    assert result.value is not None
    assert 65 <= result.value <= 95
    assert responses.filter(answer_waktu__isnull=True).exists()  # some blanks
    assert responses.exclude(comment="").count() >= responses.count() // 5
    assert responses.exclude(education="").exists()
    assert responses.exclude(age=None).exists()
    assert set(responses.values_list("answer_biaya", flat=True)) <= {None, 1, 2, 3, 4}


def test_a_ticket_on_a_response_is_a_completed_request_of_the_same_service():
    tickets = SurveyResponse.objects.exclude(ticket_code="").values_list(
        "service_id", "ticket_code"
    )
    assert len(tickets) >= 500
    for service_id, ticket in tickets[:300]:
        assert ServiceRequest.objects.filter(
            service_id=service_id, ticket_code=ticket, completed_at__isnull=False
        ).exists()


# --- Complaints and the calendar ----------------------------------------------------------------


def test_kertapati_receives_the_most_complaints_and_every_agency_some():
    roots = [
        ("palembang", "Kecamatan Kertapati"),
        ("palembang", "Kecamatan Plaju"),
        ("subulussalam", "Dinas Kesehatan"),
        ("bengkulu", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("bengkulu", "Dinas Perhubungan"),
        ("kerinci", "Kecamatan Siulak"),
    ]
    counts = {
        name: Complaint.objects.filter(_in(_unit(code, name)), agency__code=code).count()
        for code, name in roots
    }
    assert max(counts, key=counts.__getitem__) == "Kecamatan Kertapati"
    assert counts["Kecamatan Kertapati"] >= 300
    assert all(count >= 20 for count in counts.values())


@pytest.mark.parametrize("code", CODES)
def test_complaints_have_limits_from_the_calendar_and_outcomes_that_fit(code):
    holidays = set(Holiday.objects.filter(agency__code=code).values_list("date", flat=True))
    complaints = Complaint.objects.filter(agency__code=code)
    for complaint in complaints[:200]:
        received_on = timezone.localdate(complaint.received_at)
        due = add_days(
            received_on,
            resolution_days(complaint.complaint_class),
            counting=counting_for(complaint.complaint_class, "hari_kerja"),
            holidays=holidays,
        )
        assert complaint.resolution_due == due
        if complaint.status == ComplaintStatus.RESOLVED:
            assert complaint.resolved_on_time == (
                timezone.localdate(complaint.resolved_at) <= complaint.resolution_due
            )
        else:
            assert complaint.rating is None
    resolved = complaints.filter(status=ComplaintStatus.RESOLVED)
    assert resolved.filter(resolved_on_time=False).exists()  # some resolved late
    assert resolved.filter(rating__isnull=False).exists()
    overdue = complaints.filter(
        status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS],
        resolution_due__lt=timezone.localdate(),
    )
    assert overdue.exists()
    assert overdue.filter(escalated_to__isnull=False).exists()
    assert set(complaints.values_list("complaint_class", flat=True)) >= {
        "informasi",
        "tanpa_pemeriksaan",
    }


def test_the_2026_holidays_include_idulfitri_and_independence_day():
    for agency in Agency.objects.all():
        days = dict(Holiday.objects.filter(agency=agency).values_list("date", "name"))
        assert days[dt.date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
        assert days[dt.date(2026, 3, 21)] == "Hari Raya Idulfitri 1447 H"
        assert len(days) == 25


# --- Indicators fed by data --------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_bound_indicators_hold_the_value_computed_from_the_data(code):
    bound = IndicatorSource.objects.filter(agency__code=code).select_related(
        "indicator__result__plan__period", "service", "unit", "employee"
    )
    assert bound.count() >= 3
    for source in bound:
        plan = source.indicator.result.plan
        computed = Realisation.objects.filter(indicator=source.indicator, computed_at__isnull=False)
        assert computed.exists()
        for realisation in computed:
            block = subperiod_of_plan(plan, realisation.subperiod)
            days = clipped_range(block.start, block.end, plan.segment_start, plan.segment_end)
            assert days is not None
            assert realisation.computed_value == metric_value(source, *days)
            if not realisation.override_reason:
                assert realisation.value == realisation.computed_value


def test_final_sub_periods_kept_the_value_recorded_before_the_binding():
    final = set(
        Evaluation.objects.filter(status=EvaluationStatus.FINAL, kind="periodik").values_list(
            "employee_id", "period_id", "subperiod"
        )
    )
    fed = Realisation.objects.filter(indicator__data_source__isnull=False).select_related("plan")
    locked = [r for r in fed if (r.plan.employee_id, r.plan.period_id, r.subperiod) in final]
    assert locked
    assert all(r.computed_at is None and r.value is not None for r in locked)


def test_the_demo_employee_of_bengkulu_has_a_dukcapil_count_overridden_with_a_reason():
    source = IndicatorSource.objects.get(
        agency__code="bengkulu",
        indicator__result__plan__employee__user__username="bengkulu.pegawai",
        indicator__text="Jumlah KTP-el yang diterbitkan",
    )
    assert (source.metric, source.service.code) == ("pegawai_selesai", "ktp-el")
    overridden = Realisation.objects.get(indicator=source.indicator, override_reason__gt="")
    assert overridden.value == overridden.computed_value + 14
    assert AuditEntry.objects.filter(
        action="appraisal.realisation.overridden", object_id=str(overridden.pk)
    ).exists()


def test_loading_the_citizen_demo_again_changes_nothing():
    agency = Agency.objects.get(code="palembang")
    before = ServiceRequest.objects.count(), Complaint.objects.count()
    assert load_demo_citizen(agency, seed=2026) is None
    assert (ServiceRequest.objects.count(), Complaint.objects.count()) == before
