"""Recommendations that explain themselves: from the predicate, indicators under target, weak
BerAKHLAK values (through the 360° aggregates and their anonymity threshold), competency gaps;
refreshing is idempotent; a recommendation can be dismissed with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kinerja.appraisal.models import EvaluationKind, EvaluationStatus, Realisation
from kinerja.appraisal.predicate import Predicate
from kinerja.core.models import AuditEntry
from kinerja.development.models import Recommendation, RecommendationStatus
from kinerja.development.services.recommendations import refresh_recommendations
from kinerja.planning.models import Indicator
from tests.behaviour.conftest import answer, close, draft_round, open_round, staff, value_scores
from tests.development import builders
from tests.planning.conftest import approved_plan, period

__all__ = ["approved_plan", "draft_round", "open_round", "period", "staff"]
YEAR = builders.YEAR


def _texts(employee):
    return sorted(
        Recommendation.objects.filter(employee=employee).values_list("reason_text", flat=True)
    )


def _refresh(world, persona="admin_bkpsdm", **kwargs):
    return refresh_recommendations(world.agency, actor=world.users[persona], year=YEAR, **kwargs)


def test_a_low_predicate_yields_a_recommendation_naming_it(world, unscoped):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    builders.final_evaluation(world.rekan, Predicate.BAIK)
    builders.final_evaluation(
        world.atasan, Predicate.KURANG, kind=EvaluationKind.PERIODIC, subperiod=2
    )
    builders.final_evaluation(
        world.kepala, Predicate.SANGAT_KURANG, status=EvaluationStatus.RATED
    )  # not final yet

    created = _refresh(world)

    assert created == 2
    assert _texts(world.pegawai) == [f"Predikat {YEAR}: Butuh Perbaikan"]
    assert _texts(world.atasan) == [f"Predikat periode ke-2 {YEAR}: Kurang/Misconduct"]
    assert _texts(world.rekan) == []
    assert _texts(world.kepala) == []


def test_refreshing_twice_adds_nothing_and_dismissed_ones_stay_away(world, unscoped):
    builders.final_evaluation(world.pegawai, Predicate.SANGAT_KURANG)
    assert _refresh(world) == 1
    found = Recommendation.objects.get(employee=world.pegawai)
    found.status = RecommendationStatus.DISMISSED
    found.dismiss_reason = "Sudah mengikuti pembinaan"
    found.save()

    assert _refresh(world) == 0
    assert Recommendation.objects.filter(employee=world.pegawai).count() == 1


def test_a_competency_gap_suggests_the_internal_training_first(world, unscoped):
    komunikasi = builders.competency(world.agency)
    builders.requirement(world.pegawai, komunikasi, 3)  # pegawai and rekan share the position
    builders.level(world.pegawai, komunikasi, 2)
    builders.level(world.rekan, komunikasi, 3)
    builders.training(world.agency, title="Diklat BPSDM", of=komunikasi, internal=False, cost="1")
    internal = builders.training(world.agency, of=komunikasi)

    _refresh(world)

    found = Recommendation.objects.get(employee=world.pegawai)
    assert found.reason_text == "Kompetensi Komunikasi level 2, dipersyaratkan 3"
    assert found.suggested_training == internal
    assert _texts(world.rekan) == []


def test_an_indicator_under_target_is_named_with_its_achievement(world, approved_plan):
    plan = approved_plan(world.pegawai, "Pelayanan KTP")
    indicator = Indicator.objects.get(result__plan=plan)
    Realisation.objects.create(
        agency=world.agency, plan=plan, indicator=indicator, subperiod=1, value=Decimal(3)
    )
    Realisation.objects.create(
        agency=world.agency, plan=plan, indicator=indicator, subperiod=2, value=Decimal(2)
    )

    _refresh(world)

    # Target 12 a year, quarterly: 3 a quarter; the latest (Triwulan II) realised 2 = 67%.
    assert _texts(world.pegawai) == [
        f"Indikator 'Jumlah pelayanan ktp' 67% dari target (Triwulan II {YEAR})"
    ]


def test_an_indicator_on_target_yields_nothing(world, approved_plan):
    plan = approved_plan(world.pegawai, "Pelayanan KTP")
    indicator = Indicator.objects.get(result__plan=plan)
    Realisation.objects.create(
        agency=world.agency, plan=plan, indicator=indicator, subperiod=1, value=Decimal(3)
    )

    assert _refresh(world) == 0


def test_a_weak_berakhlak_value_from_the_360_results(world, open_round, staff):
    low = value_scores(4, 4, 2, 4, 4, 4, 4)
    for rater in (world.atasan, world.rekan, staff["staf_a"], staff["staf_b"]):
        answer(world, open_round, world.pegawai, rater, low)
    answer(world, open_round, world.pegawai, world.pegawai, value_scores(5, 5, 5, 5, 5, 5, 5))
    close(world, open_round)

    _refresh(world, employee=world.pegawai)

    assert _texts(world.pegawai) == ["Nilai BerAKHLAK 'Kompeten' 2,0 dari 5 (umpan balik 360°)"]


def test_answers_of_a_group_under_the_threshold_count_for_nothing(world, open_round, staff):
    """Two peers only (threshold 3) and no supervisor: nothing of theirs may surface."""
    low = value_scores(1, 1, 1, 1, 1, 1, 1)
    answer(world, open_round, world.pegawai, world.rekan, low)
    answer(world, open_round, world.pegawai, staff["staf_a"], low)
    answer(world, open_round, world.pegawai, world.pegawai, low)
    close(world, open_round)

    assert _refresh(world, employee=world.pegawai) == 0


def test_a_supervisor_refreshes_their_team_only(world, unscoped):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    builders.final_evaluation(world.kepala, Predicate.BUTUH_PERBAIKAN)

    assert _refresh(world, "atasan") == 1
    assert _texts(world.kepala) == []


def test_an_employee_without_a_team_may_not_refresh(world, unscoped):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)

    with pytest.raises(PermissionDenied):
        _refresh(world, "pegawai")
    assert Recommendation.objects.count() == 0


def test_refresh_from_the_list_page_writes_the_audit_trail(world, unscoped, login):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    client = login("admin_bkpsdm")

    response = client.post(reverse("development:recommendation-refresh"), {"year": YEAR})

    assert response.status_code == 302
    found = Recommendation.objects.get(employee=world.pegawai)
    assert AuditEntry.objects.filter(
        action="development.recommendation.created", object_id=str(found.pk)
    ).exists()
    listing = client.get(reverse("development:recommendation-list"))
    assert f"Predikat {YEAR}: Butuh Perbaikan" in listing.content.decode()


def test_the_supervisor_dismisses_with_a_reason(world, unscoped, login):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    _refresh(world)
    found = Recommendation.objects.get(employee=world.pegawai)
    url = reverse("development:recommendation-dismiss", args=[found.pk])

    login("pegawai").post(url, {"reason": "Tidak perlu"})
    found.refresh_from_db()
    assert found.status == RecommendationStatus.OPEN  # the employee may not

    client = login("atasan")
    client.post(url, {"reason": ""})
    found.refresh_from_db()
    assert found.status == RecommendationStatus.OPEN  # no reason, no dismissal

    client.post(url, {"reason": "Sudah dibina langsung oleh atasan"})
    found.refresh_from_db()
    assert found.status == RecommendationStatus.DISMISSED
    assert found.dismiss_reason == "Sudah dibina langsung oleh atasan"


def test_the_recommendation_list_exports_and_stays_in_reach(world, unscoped, login):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    builders.final_evaluation(world.kepala, Predicate.BUTUH_PERBAIKAN)
    _refresh(world)

    mine = login("atasan").get(reverse("development:recommendation-list"))
    names = [r.employee.name for r in mine.context["page"].object_list]
    assert names == ["Budi Santoso"]

    xlsx = login("admin_bkpsdm").get(reverse("development:recommendation-list"), {"format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="rekomendasi-pengembangan.xlsx"'


def test_the_api_refreshes_and_lists(world, unscoped, login):
    builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
    client = login("admin_bkpsdm")

    refreshed = client.post(
        reverse("api-development-recommendation-refresh"), {"year": YEAR}, format="json"
    )
    listed = client.get(reverse("api-development-recommendation-list"))

    assert refreshed.json() == {"created": 1}
    assert [r["reason_text"] for r in listed.json()["results"]] == [
        f"Predikat {YEAR}: Butuh Perbaikan"
    ]
    bad = client.post(reverse("api-development-recommendation-refresh"), {"year": 1900})
    assert bad.status_code == 400


def test_the_management_command_refreshes_each_agency(world, unscoped):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    builders.final_evaluation(world.pegawai, Predicate.KURANG)
    out = io.StringIO()

    call_command("refresh_development_recommendations", "--year", str(YEAR), stdout=out)
    call_command("refresh_development_recommendations", "--agency", "palembang", stdout=out)

    assert _texts(world.pegawai) == [f"Predikat {YEAR}: Kurang/Misconduct"]
    assert f"{world.agency.short_name} {YEAR}: 1 rekomendasi baru." in out.getvalue()
    assert f"{world.agency.short_name} {YEAR}: 0 rekomendasi baru." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("refresh_development_recommendations", "--agency", "tidak-ada")
