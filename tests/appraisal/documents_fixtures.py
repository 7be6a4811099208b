"""Data for the document and export tests: a quarter of work in Kelurahan Plaju Ulu.

Built with the planning services (approved SKP), then realisations, feedback, evaluations and the
unit assessment straight through the ORM (the appraisal services are another area's).

- `pegawai`: SKP cascaded from `atasan`'s with a main and an additional RHK; realisations in
  Triwulan I and II; feedback on an indicator and on Akuntabel; Triwulan I evaluated
  Di Atas / Di Atas → Sangat Baik, final on 10 April 2026.
- `rekan`: Triwulan I evaluated Sesuai / Sesuai → Baik, final.
- Kelurahan Plaju Ulu assessed "Baik" for Triwulan I by `kepala`; the pattern wants some Butuh
  Perbaikan or Kurang/Misconduct, so the distribution breaches and `kepala` confirmed it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kinerja.appraisal.models import (
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    Feedback,
    Realisation,
    UnitAssessment,
)
from kinerja.planning import services
from kinerja.planning.models import Indicator, PerformancePlan
from tests.planning.conftest import fill_plan, user_of

WIB = ZoneInfo("Asia/Jakarta")
FINALISED = dt.datetime(2026, 4, 10, 9, 30, tzinfo=WIB)
RHK = "Surat pengantar warga terlayani"
EXTRA_RHK = "Arsip kelurahan tertata"
BREACH_REASON = "Seluruh pegawai memenuhi target triwulan; tidak ada yang layak Butuh Perbaikan."


@dataclass
class Quarter:
    plan: PerformancePlan
    rekan_plan: PerformancePlan
    indicator: Indicator
    extra_indicator: Indicator
    evaluation: Evaluation
    rekan_evaluation: Evaluation
    assessment: UnitAssessment


def approved(world, plan: PerformancePlan) -> PerformancePlan:
    plan = services.submit_plan(plan, actor=user_of(world, plan.employee), expected_version=None)
    return services.approve_plan(plan, actor=user_of(world, plan.rater), expected_version=None)


def evaluate(
    world,
    plan,
    *,
    subperiod=1,
    kind=EvaluationKind.PERIODIC,
    results,
    behaviour,
    predicate,
    final=True,
) -> Evaluation:
    employee = plan.employee
    return Evaluation.objects.create(
        agency=world.agency,
        period=plan.period,
        employee=employee,
        plan=plan,
        unit=employee.unit,
        rater=plan.rater,
        kind=kind,
        subperiod=subperiod,
        status=EvaluationStatus.FINAL if final else EvaluationStatus.RATED,
        results_rating=results,
        behaviour_rating=behaviour,
        predicate=predicate,
        snapshot={
            "employee": services.person_snapshot(employee),
            "rater": services.person_snapshot(plan.rater),
        },
        rated_at=FINALISED - dt.timedelta(days=2),
        finalised_at=FINALISED if final else None,
        finalised_by=world.users["kepala"] if final else None,
    )


def realise(world, plan, indicator, subperiod, value, text="") -> Realisation:
    return Realisation.objects.create(
        agency=world.agency,
        plan=plan,
        indicator=indicator,
        subperiod=subperiod,
        value=value,
        text=text,
        recorded_by=user_of(world, plan.employee),
    )


@pytest.fixture
def quarter(world, period, approved_plan) -> Quarter:
    leader = approved_plan(world.atasan)
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    owner = user_of(world, world.pegawai)
    result = fill_plan(world, plan, RHK, parent=leader.results.get())
    extra = services.add_result(
        plan, actor=owner, expected_version=None, kind="tambahan", text=EXTRA_RHK
    )
    services.add_indicator(
        extra,
        actor=owner,
        expected_version=None,
        aspect="waktu",
        text="Arsip tertata tepat waktu",
        target_value=Decimal("2.5"),
        unit_of_measure="bulan",
    )
    services.set_expectations(
        plan, actor=owner, expected_version=None, texts={"akuntabel": "Laporan tepat waktu"}
    )
    plan = approved(world, plan)
    indicator = result.indicators.get()
    extra_indicator = extra.indicators.get()
    realise(world, plan, indicator, 1, Decimal(3))
    realise(world, plan, indicator, 2, Decimal("4.5"))
    realise(world, plan, extra_indicator, 1, Decimal(2), text="Arsip 2025 selesai ditata")
    Feedback.objects.create(
        agency=world.agency,
        plan=plan,
        subperiod=1,
        indicator=indicator,
        text="Pertahankan kecepatan layanan surat",
        author=world.users["atasan"],
    )
    Feedback.objects.create(
        agency=world.agency,
        plan=plan,
        subperiod=1,
        value="akuntabel",
        text="Laporan selalu tepat waktu",
        author=world.users["atasan"],
    )
    rekan_plan = services.start_plan(world.rekan, actor=None, period=period)
    fill_plan(world, rekan_plan, "Data kependudukan mutakhir", parent=leader.results.get())
    rekan_plan = approved(world, rekan_plan)
    evaluation = evaluate(
        world,
        plan,
        results="Di Atas Ekspektasi",
        behaviour="Di Atas Ekspektasi",
        predicate="Sangat Baik",
    )
    rekan_evaluation = evaluate(
        world,
        rekan_plan,
        results="Sesuai Ekspektasi",
        behaviour="Sesuai Ekspektasi",
        predicate="Baik",
    )
    assessment = UnitAssessment.objects.create(
        agency=world.agency,
        unit=world.kelurahan,
        period=period,
        kind=EvaluationKind.PERIODIC,
        subperiod=1,
        organisation_predicate="Baik",
        basis="Capaian rencana aksi Triwulan I 100%",
        set_by=world.users["kepala"],
        breach_reason=BREACH_REASON,
        breach_confirmed_by=world.users["kepala"],
        breach_confirmed_at=FINALISED - dt.timedelta(hours=1),
        finalised_at=FINALISED,
        finalised_by=world.users["kepala"],
    )
    return Quarter(
        plan=plan,
        rekan_plan=rekan_plan,
        indicator=indicator,
        extra_indicator=extra_indicator,
        evaluation=evaluation,
        rekan_evaluation=rekan_evaluation,
        assessment=assessment,
    )
