"""'Kotak talenta saya': an employee sees only their own box; a supervisor also their direct
reports'; nobody sees a box out of reach through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_employee_sees_their_own_box_card(placed_world, login):
    response = login("pegawai").get(reverse("talent:mine"))

    assert response.status_code == 200
    assert response.context["found"].placement.box == 9
    html = response.content.decode()
    assert "Kotak 9" in html
    assert "Dipromosikan dan dipertahankan" in html
    assert 'id="team-boxes"' not in html


def test_supervisor_sees_direct_reports_boxes(placed_world, login):
    response = login("atasan").get(reverse("talent:mine"))

    reports = {report.name: placement for report, placement in response.context["found"].reports}
    assert reports["Budi Santoso"].box == 9
    assert reports["Dewi Lestari"].box == 5
    assert response.context["found"].placement.box == 1


def test_head_sees_a_report_without_a_box_as_unmapped(placed_world, login):
    response = login("kepala").get(reverse("talent:mine"))
    assert response.context["found"].placement is None
    assert "Anda belum dipetakan" in response.content.decode()
    reports = {report.name: placement for report, placement in response.context["found"].reports}
    assert reports == {"Siti Aminah": reports["Siti Aminah"]}
    assert reports["Siti Aminah"].box == 1


def test_employee_cannot_open_the_grid_or_someone_elses_box(placed_world, login):
    client = login("pegawai")
    assert client.get(reverse("talent:grid")).status_code == 403
    assert client.get(reverse("talent:box", args=[5])).status_code == 403
    assert (
        client.get(reverse("api-talent-placement-detail", args=[placed_world.rekan.pk])).status_code
        == 404
    )
    own = client.get(reverse("api-talent-placement-detail", args=[placed_world.pegawai.pk]))
    assert own.status_code == 200
    assert own.json()["box"] == 9


def test_supervisor_reads_a_direct_report_but_not_their_peer(placed_world, login):
    client = login("atasan")
    assert (
        client.get(reverse("api-talent-placement-detail", args=[placed_world.pegawai.pk])).json()[
            "box"
        ]
        == 9
    )
    assert (
        login("pegawai")
        .get(reverse("api-talent-placement-detail", args=[placed_world.atasan.pk]))
        .status_code
        == 404
    )


def test_national_viewer_sees_nothing_here(placed_world, login):
    client = login("pemantau")
    assert client.get(reverse("talent:grid")).status_code == 403
    assert client.get(reverse("talent:mine")).status_code == 403
    assert (
        client.get(
            reverse("api-talent-placement-detail", args=[placed_world.pegawai.pk])
        ).status_code
        == 404
    )


def test_other_agency_admin_gets_404_for_our_employee(placed_world, login):
    client = login("admin_agensi_lain")
    response = client.get(reverse("api-talent-placement-detail", args=[placed_world.pegawai.pk]))
    assert response.status_code == 404
    # Their own grid counts only their agency.
    assert client.get(reverse("talent:grid")).context["grid"].placed == 1
