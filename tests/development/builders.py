"""Builders of development objects for the tests (ORM only, outside the services under test)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.competency.models import Competency, EmployeeCompetency, PositionRequirement
from kinerja.development.models import (
    Delivery,
    DevelopmentPlan,
    DevelopmentRecord,
    InternalTrainer,
    PlanItem,
    PlanStatus,
    Training,
)
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, Period

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
YEAR = timezone.localdate().year


def competency(agency: Any, name: str = "Komunikasi", code: str = "KOM") -> Competency:
    with scopes_disabled():
        found, _created = Competency.objects.get_or_create(
            agency=agency, code=code, defaults={"name": name, "kind": "sosial_kultural"}
        )
        return found


def level(employee: Employee, of: Competency, value: int) -> EmployeeCompetency:
    with scopes_disabled():
        found, _created = EmployeeCompetency.objects.update_or_create(
            agency=employee.agency,
            employee=employee,
            competency=of,
            defaults={"level": value, "source": "atasan", "assessed_on": dt.date(YEAR, 1, 15)},
        )
        return found


def requirement(employee: Employee, of: Competency, value: int) -> PositionRequirement:
    with scopes_disabled():
        return PositionRequirement.objects.create(
            agency=employee.agency, position=employee.position, competency=of, level=value
        )


def training(
    agency: Any,
    *,
    title: str = "Komunikasi Pelayanan Publik",
    of: Competency | None = None,
    internal: bool = True,
    jp: int = 12,
    cost: str = "250000",
    external_cost: str | None = "3500000",
    min_level: int = 4,
) -> Training:
    with scopes_disabled():
        return Training.objects.create(
            agency=agency,
            title=title,
            competency=of,
            delivery=Delivery.INTERNAL if internal else Delivery.EXTERNAL,
            provider="" if internal else "BPSDM Provinsi",
            jp=jp,
            cost=Decimal(cost),
            external_equivalent_cost=Decimal(external_cost) if internal and external_cost else None,
            min_trainer_level=min_level,
        )


def trainer(
    employee: Employee,
    of: Competency,
    *,
    at_level: int = 4,
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
    active: bool = True,
) -> InternalTrainer:
    level(employee, of, at_level)
    with scopes_disabled():
        return InternalTrainer.objects.create(
            agency=employee.agency,
            employee=employee,
            competency=of,
            available_from=available_from,
            available_until=available_until,
            is_active=active,
        )


def plan(
    employee: Employee, *, year: int = YEAR, status: str = PlanStatus.DRAFT
) -> DevelopmentPlan:
    with scopes_disabled():
        return DevelopmentPlan.objects.create(
            agency=employee.agency, employee=employee, year=year, status=status
        )


def item(
    of_plan: DevelopmentPlan,
    course: Training,
    *,
    teacher: InternalTrainer | None = None,
    start: dt.date | None = None,
) -> PlanItem:
    start = start or dt.date(of_plan.year, 3, 2)
    with scopes_disabled():
        return PlanItem.objects.create(
            agency=of_plan.agency,
            plan=of_plan,
            training=course,
            trainer=teacher,
            start_date=start,
            end_date=start + dt.timedelta(days=2),
            jp=course.jp,
            cost=course.cost,
        )


def record(
    employee: Employee,
    jp: int,
    *,
    year: int = YEAR,
    title: str = "Seminar",
    certificate: bool = False,
    plan_item: PlanItem | None = None,
) -> DevelopmentRecord:
    with scopes_disabled():
        found = DevelopmentRecord(
            agency=employee.agency,
            employee=employee,
            year=year,
            title=title,
            jp=jp,
            completed_on=dt.date(year, 2, 10),
            plan_item=plan_item,
            training=plan_item.training if plan_item else None,
        )
        if certificate:
            found.certificate.save("sertifikat.pdf", ContentFile(PDF_BYTES), save=False)
            found.certificate_name = "sertifikat.pdf"
            found.certificate_type = "application/pdf"
        found.save()
        return found


def period_of(agency: Any, year: int = YEAR) -> Period:
    with scopes_disabled():
        found, _created = Period.objects.get_or_create(
            agency=agency,
            year=year,
            name=f"Tahun {year}",
            defaults={
                "frequency": "triwulanan",
                "approach": "kuantitatif",
                "start_date": dt.date(year, 1, 1),
                "end_date": dt.date(year, 12, 31),
            },
        )
        return found


def final_evaluation(
    employee: Employee,
    predicate: str,
    *,
    year: int = YEAR,
    kind: str = EvaluationKind.ANNUAL,
    subperiod: int = 0,
    status: str = EvaluationStatus.FINAL,
) -> Evaluation:
    with scopes_disabled():
        period = period_of(employee.agency, year)
        skp = PerformancePlan.objects.filter(employee=employee, period=period).first()
        if skp is None:
            skp = PerformancePlan.objects.create(
                agency=employee.agency,
                period=period,
                employee=employee,
                segment_start=period.start_date,
                segment_end=period.end_date,
            )
        return Evaluation.objects.create(
            agency=employee.agency,
            period=period,
            employee=employee,
            plan=skp,
            unit=employee.unit,
            kind=kind,
            subperiod=subperiod,
            status=status,
            predicate=predicate,
        )
