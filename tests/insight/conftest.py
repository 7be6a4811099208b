# ruff: noqa: F811  (the period fixture is imported from the planning fixtures)
"""Insight fixtures: the planning period of the home agency, and a performance cycle with
something for every compliance check and dashboard figure (see `cycle`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, Evidence, Feedback, Realisation, UnitAssessment
from kinerja.citizen.ikm import ELEMENTS
from kinerja.citizen.models import (
    Complaint,
    ComplaintStatus,
    Service,
    ServiceRequest,
    SurveyResponse,
)
from kinerja.core.tenancy import tenant_scope
from kinerja.planning import services as planning
from kinerja.planning.models import Indicator, PerformancePlan
from tests.planning.conftest import fill_plan, period, user_of  # noqa: F401  (period: fixture)

TODAY = dt.date(2026, 11, 20)  # Triwulan I–III ended over 30 days ago; Triwulan IV has not
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def frozen_today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _indicator(plan: PerformancePlan) -> Indicator:
    return Indicator.objects.filter(result__plan=plan).first()


def _approve(world, employee, period, parent=None) -> PerformancePlan:
    plan = planning.start_plan(employee, actor=None, period=period)
    fill_plan(world, plan, f"Layanan {employee.name}", parent=parent)
    plan = planning.submit_plan(plan, actor=user_of(world, employee), expected_version=None)
    return planning.approve_plan(plan, actor=user_of(world, plan.rater), expected_version=None)


@pytest.fixture
def cycle(world, period, unscoped, frozen_today):
    """Three approved SKP (atasan, pegawai, rekan), each approved on TODAY — after a deadline
    set in the past for the late-plan check —, realisations with and without evidence, rated
    evaluations with and without a basis, a confirmed breach and two overdue complaints."""
    period.plan_deadline = dt.date(2026, 2, 1)
    period.save(update_fields=["plan_deadline"])
    leader = _approve(world, world.atasan, period)
    plans = {
        "atasan": leader,
        "pegawai": _approve(world, world.pegawai, period, parent=leader.results.get()),
        "rekan": _approve(world, world.rekan, period, parent=leader.results.get()),
    }
    # pegawai's plan counts as approved in time: approved_at before the deadline.
    PerformancePlan.objects.filter(pk=plans["pegawai"].pk).update(
        approved_at=dt.datetime(2026, 1, 20, 9, tzinfo=JAKARTA)
    )
    with tenant_scope(world.agency):
        stamp = {"agency": world.agency}
        [
            Realisation.objects.create(
                plan=plans["pegawai"],
                indicator=_indicator(plans["pegawai"]),
                subperiod=s,
                value=Decimal(3),
                **stamp,
            )
            for s in (1, 2)
        ]
        proven = Realisation.objects.create(
            plan=plans["rekan"], indicator=_indicator(plans["rekan"]), subperiod=1, value=4, **stamp
        )
        Evidence.objects.create(
            realisation=proven, kind="link", url="https://arsip.test/1", **stamp
        )
        Realisation.objects.create(  # fed by data: needs no evidence
            plan=plans["rekan"],
            indicator=_indicator(plans["rekan"]),
            subperiod=2,
            value=5,
            computed_value=5,
            computed_at=timezone.now(),
            **stamp,
        )
        Realisation.objects.create(  # nothing typed in: not a realisation yet
            plan=plans["atasan"], indicator=_indicator(plans["atasan"]), subperiod=1, **stamp
        )
        Feedback.objects.create(
            plan=plans["atasan"],
            subperiod=2,
            value="berorientasi_pelayanan",
            text="Lanjutkan.",
            **stamp,
        )

        def evaluation(name: str, subperiod: int, status: str) -> Evaluation:
            plan = plans[name]
            return Evaluation.objects.create(
                period=period,
                employee=plan.employee,
                plan=plan,
                unit=plan.employee.unit,
                rater=plan.rater,
                kind="periodik",
                subperiod=subperiod,
                status=status,
                results_rating="sesuai" if status != "draft" else "",
                behaviour_rating="sesuai" if status != "draft" else "",
                predicate="Baik" if status == "final" else "",
                **stamp,
            )

        evaluation("pegawai", 1, "final")  # no evidence on Triwulan I: without basis
        evaluation("pegawai", 2, "rated")  # none either: without basis, and not final
        evaluation("rekan", 1, "final")  # evidence: fine
        evaluation("atasan", 2, "rated")  # feedback: fine
        evaluation("atasan", 1, "draft")  # not rated: not counted as without basis
        UnitAssessment.objects.create(
            unit=world.kelurahan,
            period=period,
            kind="periodik",
            subperiod=1,
            organisation_predicate="Baik",
            breach_reason="Semua pegawai berkinerja sangat baik.",
            breach_confirmed_at=timezone.now(),
            **stamp,
        )
        service = Service.objects.create(
            unit=world.kelurahan,
            code="pengantar",
            name="Surat pengantar",
            standard_minutes=60,
            **stamp,
        )
        received = dt.datetime(2026, 10, 1, 9, tzinfo=JAKARTA)
        for index, (due, status) in enumerate(
            [
                (dt.date(2026, 11, 1), ComplaintStatus.IN_PROGRESS),  # overdue
                (dt.date(2026, 11, 19), ComplaintStatus.RECEIVED),  # overdue
                (dt.date(2026, 11, 30), ComplaintStatus.RECEIVED),  # not yet
                (dt.date(2026, 11, 1), ComplaintStatus.RESOLVED),  # resolved: not overdue
            ]
        ):
            Complaint.objects.create(
                ticket_code=f"ADU-TEST-{index}",
                unit=world.kelurahan,
                service=service,
                channel="web",
                subject=f"Antrean lama {index}",
                description="Antrean terlalu lama.",
                received_at=received,
                first_response_due=dt.date(2026, 10, 3),
                first_responded_at=received,
                resolution_due=due,
                status=status,
                **stamp,
            )
    return {**plans, "service": service}


def _at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=JAKARTA)


@pytest.fixture
def citizen_data(world, cycle):
    """Requests completed in March and April, survey answers of the kelurahan and the
    kecamatan, complaints resolved in May (one late) and June."""
    with tenant_scope(world.agency):
        service = cycle["service"]
        for month, minutes, within in [(3, 30, True), (3, 90, False), (3, 45, True), (4, 20, True)]:
            received = _at(month, 2)
            ServiceRequest.objects.create(
                agency=world.agency,
                service=service,
                unit=world.kelurahan,
                received_at=received,
                completed_at=received + dt.timedelta(minutes=minutes),
                turnaround_minutes=minutes,
                within_standard=within,
                source="loket",
            )
        answers = {world.kelurahan: [4, 3, 3], world.kecamatan: [2, 2]}
        for unit, values in answers.items():
            for value in values:
                SurveyResponse.objects.create(
                    agency=world.agency,
                    unit=unit,
                    submitted_at=_at(5, 5),
                    source="web",
                    **{f"answer_{element.value}": value for element in ELEMENTS},
                )
        for month, on_time in [(5, True), (5, False), (6, True)]:
            Complaint.objects.create(
                agency=world.agency,
                ticket_code=f"ADU-{month}-{int(on_time)}-{Complaint.objects.count()}",
                unit=world.kelurahan,
                channel="web",
                subject="Layanan lambat",
                description="Lambat.",
                received_at=_at(month, 1),
                first_response_due=dt.date(2026, month, 4),
                first_responded_at=_at(month, 2),
                resolution_due=dt.date(2026, month, 20),
                resolved_at=_at(month, 10 if on_time else 25),
                resolved_on_time=on_time,
                status="selesai",
            )
    return cycle
