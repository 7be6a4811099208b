"""Creating a round: the agency admin picks units or the whole agency; raters are proposed at
once (self, supervisor, subordinates, peers of the same unit and level), under the cap."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.behaviour.models import Assignment, FeedbackRound, RoundStatus
from kinerja.core.models import AuditEntry
from tests.behaviour.conftest import make_round


def pairs(feedback_round) -> set[tuple[str, str, str]]:
    return {
        (a.subject.name, a.rater.name, a.relation)
        for a in Assignment.objects.filter(round=feedback_round).select_related("subject", "rater")
    }


def test_the_kecamatan_round_proposes_every_rater_group(world, period, staff):
    feedback_round = make_round(world, period)

    found = pairs(feedback_round)
    assert feedback_round.status == RoundStatus.DRAFT
    assert len(found) == 42
    assert Counter(relation for _s, _r, relation in found) == {
        "diri": 10,  # everyone of Kecamatan Plaju and its kelurahan
        "atasan": 6,
        "bawahan": 6,
        "rekan": 20,  # five pelaksana of the kelurahan, each rated by the four others
    }
    assert ("Budi Santoso", "Siti Aminah", "atasan") in found
    assert ("Siti Aminah", "Hendra Saputra", "atasan") in found
    assert ("Siti Aminah", "Budi Santoso", "bawahan") in found
    assert ("Hendra Saputra", "Siti Aminah", "bawahan") in found
    assert {r for s, r, rel in found if s == "Budi Santoso" and rel == "rekan"} == {
        "Dewi Lestari",
        "Agus Wijaya",
        "Bambang Irawan",
        "Cici Paramitha",
    }
    # Without a position (the service desk, admin and inspector accounts): no level, no peers.
    assert {rel for s, _r, rel in found if s == "Yuni Kartika"} == {"diri"}
    # The other agency's employee is in no round of this one.
    assert not any("Teuku" in s or "Teuku" in r for s, r, _ in found)


def test_the_subject_unit_is_kept_with_each_assignment(world, period, staff):
    feedback_round = make_round(world, period)

    assignment = Assignment.objects.get(
        round=feedback_round, subject=world.pegawai, rater=world.atasan
    )
    assert assignment.subject_unit_id == world.kelurahan.pk


def test_the_cap_keeps_self_and_the_supervisor_view_first(world, period, staff):
    feedback_round = make_round(world, period, max_assignments=3)

    load = Counter(a.rater_id for a in Assignment.objects.filter(round=feedback_round))
    assert max(load.values()) == 3
    atasan = Counter(
        a.relation for a in Assignment.objects.filter(round=feedback_round, rater=world.atasan)
    )
    assert atasan == {"diri": 1, "atasan": 2}  # 2 of 5 reports; not kepala as subordinate
    pegawai = Counter(
        a.relation for a in Assignment.objects.filter(round=feedback_round, rater=world.pegawai)
    )
    assert pegawai == {"diri": 1, "bawahan": 1, "rekan": 1}


def test_a_unit_round_covers_the_subtree_only(world, period, staff):
    feedback_round = make_round(world, period, units=[world.kelurahan])

    subjects = set(
        Assignment.objects.filter(round=feedback_round, relation="diri").values_list(
            "subject__name", flat=True
        )
    )
    assert "Hendra Saputra" not in subjects  # kepala sits in the kecamatan above
    assert "Budi Santoso" in subjects
    # kepala still rates atasan as her supervisor, from outside the unit.
    assert Assignment.objects.filter(
        round=feedback_round, subject=world.atasan, rater=world.kepala, relation="atasan"
    ).exists()


def test_the_whole_agency_round(world, period, staff):
    feedback_round = make_round(world, period, units=[], whole_agency=True)

    assert Assignment.objects.filter(round=feedback_round, relation="diri").count() == 10
    assert feedback_round.units.count() == 0


def test_creating_is_audited_once_with_the_count(world, period, staff):
    feedback_round = make_round(world, period)

    entry = AuditEntry.objects.get(action="behaviour.round.created")
    assert entry.object_id == str(feedback_round.pk)
    assert entry.note == "42 penilaian diusulkan untuk 10 pegawai."
    assert entry.actor == world.users["admin_bkpsdm"]


def test_an_employee_is_in_one_round_per_period(world, period, staff):
    make_round(world, period, units=[world.kelurahan])

    with pytest.raises(ValidationError, match="sudah masuk putaran lain"):
        make_round(world, period, name="Putaran kedua")

    assert FeedbackRound.objects.count() == 1


@pytest.mark.parametrize(
    ("invalid", "field"),
    [
        ({"min_respondents": 2}, "min_respondents"),
        ({"max_assignments": 0}, "max_assignments"),
        ({"peers_per_subject": 21}, "peers_per_subject"),
        ({"closes_on": dt.date(2020, 1, 1)}, "closes_on"),
        ({"name": "  "}, "name"),
        ({"units": [], "whole_agency": False}, "units"),
    ],
)
def test_invalid_settings_are_refused_with_a_reason(world, period, staff, invalid, field):
    with pytest.raises(ValidationError) as refused:
        make_round(world, period, **invalid)

    assert field in refused.value.message_dict
    assert FeedbackRound.objects.count() == 0
    assert Assignment.objects.count() == 0


@pytest.mark.parametrize("persona", ["atasan", "kepala", "inspektur", "pegawai"])
def test_only_the_agency_admin_creates_a_round(world, period, staff, persona):
    from kinerja.behaviour.services import rounds

    with pytest.raises(PermissionDenied):
        rounds.create_round(
            world.agency,
            actor=world.users[persona],
            period=period,
            name="Tidak boleh",
            whole_agency=True,
            closes_on=timezone.localdate(),
        )

    assert FeedbackRound.objects.count() == 0


def test_the_admin_of_another_agency_cannot_create_one_here(world, period, staff):
    from kinerja.behaviour.services import rounds

    with pytest.raises(PermissionDenied):
        rounds.create_round(
            world.agency,
            actor=world.users["admin_agensi_lain"],
            period=period,
            name="Tidak boleh",
            whole_agency=True,
            closes_on=timezone.localdate(),
        )
    assert FeedbackRound.objects.count() == 0
