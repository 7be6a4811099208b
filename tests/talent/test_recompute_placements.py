"""Recomputing an agency's 9-box: the predicates used, the fallback, the window, the unmapped,
the evidence trail, the upsert, and who may run it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.talent.models import TalentPlacement, TalentSettings
from kinerja.talent.services.placements import recompute_placements
from tests.talent.conftest import final_evaluation, potential

pytestmark = pytest.mark.django_db


def _run(world, actor="admin_bkpsdm"):
    with tenant_scope(world.agency):
        return recompute_placements(world.agency, actor=world.users[actor])


def _placement(employee):
    with tenant_scope(employee.agency):
        return TalentPlacement.objects.get(employee=employee)


def test_last_two_annual_predicates_and_latest_score_give_the_box_with_its_basis(world):
    final_evaluation(world.pegawai, 2024, "Sangat Kurang")  # outside the two-year window
    first = final_evaluation(world.pegawai, 2025, "Sangat Baik")
    second = final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 50, on=dt.date(2025, 1, 10))
    latest = potential(world.pegawai, 82, on=dt.date(2026, 2, 1), assessor="UPT Asesmen BKPSDM")

    summary = _run(world)

    placement = _placement(world.pegawai)
    assert (placement.box, placement.performance, placement.potential) == (9, "above", "high")
    assert placement.performance_score == Decimal("4.50")
    assert placement.potential_score == Decimal("82.00")
    assert placement.basis["years"] == [
        {
            "year": 2026,
            "source": "tahunan",
            "points": "4.00",
            "predicate": "Baik",
            "evaluation_id": second.pk,
        },
        {
            "year": 2025,
            "source": "tahunan",
            "points": "5.00",
            "predicate": "Sangat Baik",
            "evaluation_id": first.pk,
        },
    ]
    assert placement.basis["assessment"] == {
        "id": latest.pk,
        "score": "82.00",
        "assessed_on": "2026-02-01",
        "assessor": "UPT Asesmen BKPSDM",
    }
    assert summary.placed == 1
    assert summary.years == (2026, 2025)
    assert summary.by_box[9] == 1


def test_a_year_without_annual_evaluation_falls_back_to_the_final_periodic_ones(world):
    final_evaluation(world.pegawai, 2026, "Sangat Baik", kind="periodik", subperiod=1)
    final_evaluation(world.pegawai, 2026, "Baik", kind="periodik", subperiod=2)
    final_evaluation(world.pegawai, 2026, "Butuh Perbaikan", kind="periodik", subperiod=3)
    # Not final: ignored.
    final_evaluation(
        world.pegawai, 2026, "Sangat Kurang", kind="periodik", subperiod=4, status="rated"
    )
    potential(world.pegawai, 60)

    _run(world)

    placement = _placement(world.pegawai)
    assert placement.performance_score == Decimal("4.00")
    assert (placement.box, placement.performance, placement.potential) == (5, "as", "middle")
    assert placement.basis["years"][0]["source"] == "periodik"
    assert placement.basis["years"][0]["evaluations"] == 3


def test_the_annual_evaluation_wins_over_the_periodic_ones_of_its_year(world):
    final_evaluation(world.pegawai, 2026, "Sangat Kurang", kind="periodik", subperiod=1)
    final_evaluation(world.pegawai, 2026, "Sangat Baik")
    potential(world.pegawai, 90)

    _run(world)

    placement = _placement(world.pegawai)
    assert placement.performance_score == Decimal("5.00")
    assert placement.box == 9


def test_without_the_fallback_periodic_evaluations_do_not_count(world):
    with tenant_scope(world.agency):
        TalentSettings.objects.create(agency=world.agency, use_periodic_fallback=False)
    final_evaluation(world.pegawai, 2026, "Sangat Baik", kind="periodik", subperiod=1)
    potential(world.pegawai, 90)

    summary = _run(world)

    assert summary.placed == 0
    with tenant_scope(world.agency):
        assert not TalentPlacement.objects.exists()


def test_configured_cutoffs_and_years_are_used(world):
    with tenant_scope(world.agency):
        TalentSettings.objects.create(
            agency=world.agency,
            years=1,
            performance_as_from=Decimal("3.00"),
            performance_above_from=Decimal("4.00"),
            potential_middle_from=Decimal("40"),
            potential_high_from=Decimal("50"),
        )
    final_evaluation(world.pegawai, 2025, "Sangat Kurang")
    final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 50)

    _run(world)

    placement = _placement(world.pegawai)
    assert placement.performance_score == Decimal("4.00")  # 2026 only
    assert placement.box == 9
    assert placement.basis["cutoffs"]["potential_high_from"] == "50.00"


def test_employees_without_predicate_or_score_are_left_out_and_old_boxes_removed(world):
    final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 70)
    final_evaluation(world.rekan, 2026, "Baik")  # no potential score
    potential(world.atasan, 70)  # no predicate
    first = _run(world)
    assert first.placed == 1
    pegawai_before = _placement(world.pegawai)

    # pegawai leaves; rekan gets a score: pegawai's box goes, rekan's comes.
    with tenant_scope(world.agency):
        world.pegawai.is_active = False
        world.pegawai.save(update_fields=["is_active"])
    potential(world.rekan, 85)
    second = _run(world)

    with tenant_scope(world.agency):
        boxes = dict(TalentPlacement.objects.values_list("employee_id", "box"))
    assert boxes == {world.rekan.pk: 8}
    assert second.removed == 1
    assert pegawai_before.box == 5


def test_recomputing_updates_the_same_row(world):
    final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 70, on=dt.date(2026, 1, 1))
    _run(world)
    before = _placement(world.pegawai)
    potential(world.pegawai, 95, on=dt.date(2026, 6, 1))

    _run(world)

    after = _placement(world.pegawai)
    assert after.pk == before.pk
    assert (before.box, after.box) == (5, 8)


def test_recompute_is_audited_and_stamps_the_settings(world):
    final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 70)
    _run(world)
    with tenant_scope(world.agency):
        entry = AuditEntry.objects.get(action="talent.placements.recomputed")
        assert entry.actor == world.users["admin_bkpsdm"]
        assert entry.note.startswith("1 pegawai dipetakan, ")
        assert TalentSettings.objects.get(agency=world.agency).last_computed_at is not None


@pytest.mark.parametrize("persona", ["inspektur", "kepala", "pegawai", "admin_agensi_lain"])
def test_only_the_agency_admin_recomputes(world, persona):
    final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 70)
    with pytest.raises(PermissionDenied):
        _run(world, actor=persona)
    with tenant_scope(world.agency):
        assert not TalentPlacement.objects.exists()
        assert not AuditEntry.objects.filter(action="talent.placements.recomputed").exists()


def test_other_agencies_are_untouched(world):
    final_evaluation(world.pegawai_lain, 2026, "Baik")
    potential(world.pegawai_lain, 70)
    final_evaluation(world.pegawai, 2026, "Baik")
    potential(world.pegawai, 70)

    _run(world)

    with tenant_scope(world.other_agency):
        assert not TalentPlacement.objects.exists()


def test_management_command_recomputes_one_agency(world, capsys):
    final_evaluation(world.pegawai, 2026, "Sangat Baik")
    potential(world.pegawai, 90)

    call_command("recompute_talent", agency=world.agency.code)

    out = capsys.readouterr().out
    assert "1 pegawai dipetakan" in out
    assert "kotak 9: 1" in out
    assert _placement(world.pegawai).box == 9


def test_task_recomputes_one_agency(world):
    from kinerja.talent.tasks import recompute_agency_placements

    final_evaluation(world.pegawai, 2026, "Butuh Perbaikan")
    potential(world.pegawai, 10)

    result = recompute_agency_placements(world.agency.pk)

    assert result == {"placed": 1, "unmapped": 6, "removed": 0}
    assert _placement(world.pegawai).box == 1
