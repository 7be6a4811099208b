"""The supervisor adjusts the raters of their direct reports before the round opens: adds a
colleague (the relation follows the organisation), removes a proposed one, within the cap."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.behaviour.models import Assignment
from kinerja.behaviour.services import raters
from kinerja.core.models import AuditEntry
from tests import factories
from tests.behaviour.conftest import assignment_of, make_round


def test_the_supervisor_adds_a_colleague_from_another_unit_as_a_peer(world, draft_round):
    outsider = factories.make_employee(world.kecamatan, "Lestari Wulandari")

    added = raters.add_rater(
        draft_round, actor=world.users["atasan"], subject=world.pegawai, rater=outsider
    )

    assert added.relation == "rekan"
    assert added.subject_unit_id == world.kelurahan.pk
    assert added.added_by == world.users["atasan"]
    entry = AuditEntry.objects.get(action="behaviour.assignment.added")
    assert entry.changes == {"rater": [None, "Lestari Wulandari"], "relation": [None, "rekan"]}
    assert entry.note == "Budi Santoso"


def test_the_supervisor_removes_a_proposed_peer(world, draft_round):
    peer = assignment_of(draft_round, world.pegawai, world.rekan)

    raters.remove_rater(peer, actor=world.users["atasan"])

    assert not Assignment.objects.filter(pk=peer.pk).exists()
    assert AuditEntry.objects.filter(action="behaviour.assignment.removed").count() == 1


def test_the_self_view_stays(world, draft_round):
    own = assignment_of(draft_round, world.pegawai, world.pegawai)

    with pytest.raises(ValidationError, match="Penilaian diri"):
        raters.remove_rater(own, actor=world.users["atasan"])

    assert Assignment.objects.filter(pk=own.pk).exists()


def test_a_rater_at_the_cap_cannot_be_added(world, period, staff):
    feedback_round = make_round(world, period, max_assignments=3)
    rated = set(
        Assignment.objects.filter(round=feedback_round, rater=world.rekan).values_list(
            "subject_id", flat=True
        )
    )
    assert len(rated) == 3
    subject = next(p for p in (world.pegawai, *staff.values()) if p.pk not in rated)

    with pytest.raises(ValidationError, match="sudah mendapat 3 penilaian"):
        raters.add_rater(
            feedback_round, actor=world.users["atasan"], subject=subject, rater=world.rekan
        )

    assert Assignment.objects.filter(round=feedback_round, rater=world.rekan).count() == 3


def test_a_rater_already_on_the_list_is_refused(world, draft_round):
    with pytest.raises(ValidationError, match="sudah menjadi penilai"):
        raters.add_rater(
            draft_round, actor=world.users["atasan"], subject=world.pegawai, rater=world.rekan
        )


def test_nothing_changes_once_the_round_is_open(world, open_round):
    peer = assignment_of(open_round, world.pegawai, world.rekan)

    with pytest.raises(ValidationError, match="sebelum putaran dibuka"):
        raters.remove_rater(peer, actor=world.users["atasan"])
    with pytest.raises(ValidationError, match="sebelum putaran dibuka"):
        raters.add_rater(
            open_round, actor=world.users["atasan"], subject=world.pegawai, rater=world.kepala
        )

    assert Assignment.objects.filter(pk=peer.pk).exists()


@pytest.mark.parametrize("persona", ["pegawai", "rekan", "kepala", "inspektur"])
def test_only_the_direct_supervisor_or_the_admin_adjusts(world, draft_round, persona):
    peer = assignment_of(draft_round, world.pegawai, world.rekan)

    with pytest.raises(PermissionDenied):
        raters.remove_rater(peer, actor=world.users[persona])

    assert Assignment.objects.filter(pk=peer.pk).exists()


def test_the_agency_admin_may_adjust_too(world, draft_round):
    peer = assignment_of(draft_round, world.pegawai, world.rekan)

    raters.remove_rater(peer, actor=world.users["admin_bkpsdm"])

    assert not Assignment.objects.filter(pk=peer.pk).exists()


def test_the_adjustment_page_adds_by_nip_and_lists_the_raters(world, draft_round, login):
    outsider = factories.make_employee(world.kecamatan, "Lestari Wulandari")
    url = reverse(
        "behaviour:subject-raters", kwargs={"pk": draft_round.pk, "employee_pk": world.pegawai.pk}
    )
    client = login("atasan")

    page = client.get(url).content.decode()
    response = client.post(url, {"nip": outsider.nip})
    after = client.get(url).content.decode()

    assert "Dewi Lestari" in page
    assert "Lestari Wulandari" not in page
    assert response.status_code == 302
    assert "Lestari Wulandari" in after
    assert "7 penilai" in after


def test_the_adjustment_page_shows_a_field_error_for_an_unknown_nip(world, draft_round, login):
    url = reverse(
        "behaviour:subject-raters", kwargs={"pk": draft_round.pk, "employee_pk": world.pegawai.pk}
    )

    response = login("atasan").post(url, {"nip": "199001012020011999"})

    assert response.status_code == 400
    assert "Tidak ada pegawai dengan NIP ini di instansi Anda." in response.content.decode()
    assert Assignment.objects.filter(round=draft_round, subject=world.pegawai).count() == 6


def test_another_supervisor_does_not_find_the_page(world, draft_round, login):
    url = reverse(
        "behaviour:subject-raters", kwargs={"pk": draft_round.pk, "employee_pk": world.pegawai.pk}
    )

    assert login("kepala").get(url).status_code == 404
    assert login("rekan").get(url).status_code == 404


def test_the_remove_button_of_someone_else_answers_404_and_changes_nothing(
    world, draft_round, login
):
    peer = assignment_of(draft_round, world.pegawai, world.rekan)

    response = login("kepala").post(reverse("behaviour:rater-remove", kwargs={"pk": peer.pk}))

    assert response.status_code == 404
    assert Assignment.objects.filter(pk=peer.pk).exists()


def test_the_supervisor_finds_the_team_on_the_feedback_page(world, draft_round, login):
    body = login("atasan").get(reverse("behaviour:mine")).content.decode()

    assert "Penilai untuk tim Anda" in body
    for name in ("Budi Santoso", "Dewi Lestari", "Agus Wijaya"):
        assert name in body
