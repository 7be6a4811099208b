"""Helpers of the talent tests: final evaluations (annual or periodic) of a year, potential
scores, and a world where pegawai, rekan and atasan have boxes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django_scopes import scopes_disabled

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.org.models import Employee
from kinerja.planning.models import PerformancePlan, Period
from kinerja.talent.models import PotentialAssessment


def period_of(agency: Any, year: int) -> Period:
    period, _created = Period.objects.get_or_create(
        agency=agency,
        year=year,
        name=f"Tahun {year}",
        defaults={
            "frequency": "triwulanan",
            "start_date": dt.date(year, 1, 1),
            "end_date": dt.date(year, 12, 31),
        },
    )
    return period


def final_evaluation(
    employee: Employee,
    year: int,
    predicate: str,
    *,
    kind: str = EvaluationKind.ANNUAL,
    subperiod: int = 0,
    status: str = EvaluationStatus.FINAL,
) -> Evaluation:
    """An evaluation of the year with the predicate (the ratings are not what this area reads)."""
    with scopes_disabled():
        period = period_of(employee.agency, year)
        plan = PerformancePlan.objects.filter(employee=employee, period=period).first()
        if plan is None:
            plan = PerformancePlan.objects.create(
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
            plan=plan,
            unit=employee.unit,
            kind=kind,
            subperiod=subperiod if kind == EvaluationKind.PERIODIC else 0,
            status=status,
            predicate=predicate,
        )


def potential(
    employee: Employee, score: str | int, *, on: dt.date = dt.date(2026, 3, 1), assessor: str = ""
) -> PotentialAssessment:
    with scopes_disabled():
        return PotentialAssessment.objects.create(
            agency=employee.agency,
            employee=employee,
            score=Decimal(str(score)),
            assessed_on=on,
            assessor=assessor,
        )


@pytest.fixture
def placed_world(world):
    """pegawai in box 9, rekan in box 5, atasan in box 1 (default cut-offs); kepala unmapped
    (no potential); the other agency's employee in box 9 too."""
    from kinerja.core.tenancy import tenant_scope
    from kinerja.talent.services.placements import recompute_placements

    for year in (2025, 2026):
        final_evaluation(world.pegawai, year, "Sangat Baik")
        final_evaluation(world.rekan, year, "Baik")
        final_evaluation(world.atasan, year, "Butuh Perbaikan")
        final_evaluation(world.kepala, year, "Baik")
        final_evaluation(world.pegawai_lain, year, "Sangat Baik")
    potential(world.pegawai, 85, assessor="UPT Asesmen")
    potential(world.rekan, 70)
    potential(world.atasan, 40)
    potential(world.pegawai_lain, 90)
    with tenant_scope(world.agency):
        recompute_placements(world.agency, actor=world.users["admin_bkpsdm"])
    with tenant_scope(world.other_agency):
        recompute_placements(world.other_agency, actor=world.users["admin_agensi_lain"])
    return world
