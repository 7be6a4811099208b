"""Builders for the tests of indicators fed by data: an approved SKP with indicators of each
aspect, and rows of citizens' data written directly with the services' field semantics
(`turnaround_minutes` and `within_standard` set on completion, `resolved_on_time` on
resolution). The computation is what the tests exercise, not how the rows were recorded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from kinerja.appraisal.models import Evaluation
from kinerja.citizen.models import (
    ANSWER_FIELDS,
    Complaint,
    Service,
    ServiceRequest,
    SurveyResponse,
)
from kinerja.org.models import Employee, Unit
from kinerja.planning import services as planning
from kinerja.planning.models import Indicator, PerformancePlan, Period
from tests.planning.conftest import user_of

COUNT = "Jumlah surat pengantar diselesaikan"
MEDIAN = "Median lama penyelesaian surat pengantar"
IKM = "Indeks kepuasan masyarakat kelurahan"
SHARE = "Persentase surat selesai sesuai standar"
ON_TIME = "Persentase pengaduan selesai tepat waktu"

INDICATORS = [
    ("kuantitas", COUNT, Decimal(120), "permohonan"),
    ("waktu", MEDIAN, Decimal(60), "menit"),
    ("kualitas", IKM, Decimal(85), "indeks"),
    ("kualitas", SHARE, Decimal(90), "persen"),
    ("kualitas", ON_TIME, Decimal(90), "persen"),
]


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware local time (Asia/Jakarta) on `day`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def approved_plan_with(
    world, employee: Employee, period: Period, specs=None, *, approve: bool = True
) -> PerformancePlan:
    """An SKP of `employee` with one main RHK holding the indicators `specs` (aspect, text,
    target, unit), submitted and approved by the rater."""
    owner = user_of(world, employee)
    plan = planning.start_plan(employee, actor=None, period=period)
    result = planning.add_result(
        plan, actor=owner, expected_version=None, kind="utama", text="Pelayanan kelurahan prima"
    )
    for aspect, text, target, unit in specs or INDICATORS:
        planning.add_indicator(
            result,
            actor=owner,
            expected_version=None,
            aspect=aspect,
            text=text,
            target_value=target,
            unit_of_measure=unit,
        )
    if not approve:
        return plan
    plan = planning.submit_plan(plan, actor=owner, expected_version=None)
    return planning.approve_plan(plan, actor=user_of(world, plan.rater), expected_version=None)


def indicator(plan: PerformancePlan, text: str) -> Indicator:
    return Indicator.objects.get(result__plan=plan, text=text)


def make_service(unit: Unit, code: str, name: str, standard_minutes: int = 30) -> Service:
    return Service.objects.create(
        agency=unit.agency, unit=unit, code=code, name=name, standard_minutes=standard_minutes
    )


def completed_request(
    service: Service,
    received_at: dt.datetime,
    minutes: int | None,
    *,
    handled_by: Employee | None = None,
) -> ServiceRequest:
    """A request received at `received_at` and completed `minutes` later (None: still open)."""
    completed = received_at + dt.timedelta(minutes=minutes) if minutes is not None else None
    return ServiceRequest.objects.create(
        agency=service.agency,
        service=service,
        unit=service.unit,
        handled_by=handled_by,
        received_at=received_at,
        completed_at=completed,
        turnaround_minutes=minutes,
        within_standard=None if minutes is None else minutes <= service.standard_minutes,
    )


def response(
    unit: Unit,
    submitted_at: dt.datetime,
    answers: list[int | None],
    *,
    service: Service | None = None,
) -> SurveyResponse:
    """A survey response with the nine answers in the regulation's order (None: blank)."""
    return SurveyResponse.objects.create(
        agency=unit.agency,
        unit=unit,
        service=service,
        submitted_at=submitted_at,
        **dict(zip(ANSWER_FIELDS, answers, strict=True)),
    )


_tickets = iter(range(1, 1_000_000))


def complaint(
    unit: Unit, received: dt.date, resolved: dt.date | None, *, on_time: bool | None
) -> Complaint:
    """A complaint received on `received`, resolved on `resolved` (None: still open)."""
    return Complaint.objects.create(
        agency=unit.agency,
        ticket_code=f"ADU-T{next(_tickets):05d}",
        unit=unit,
        channel="web",
        subject="Surat pengantar lambat",
        description="Sudah tiga hari belum selesai.",
        status="selesai" if resolved else "diproses",
        received_at=at(received),
        first_response_due=received + dt.timedelta(days=3),
        resolution_due=received + dt.timedelta(days=7),
        resolved_at=at(resolved, 15) if resolved else None,
        resolved_on_time=on_time if resolved else None,
    )


def finalise(plan: PerformancePlan, number: int) -> Evaluation:
    """The periodic evaluation of sub-period `number` made final (written directly)."""
    return Evaluation.objects.create(
        agency=plan.agency,
        period=plan.period,
        employee=plan.employee,
        plan=plan,
        unit=plan.employee.unit,
        rater=plan.rater,
        kind="periodik",
        subperiod=number,
        status="final",
        results_rating="Sesuai Ekspektasi",
        behaviour_rating="Sesuai Ekspektasi",
        predicate="Baik",
    )
