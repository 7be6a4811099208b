"""Key positions and their ranked succession candidates from the talent pool."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import PositionKind
from kinerja.talent.models import KeyPosition
from tests import factories
from tests.talent.conftest import final_evaluation, potential

pytestmark = pytest.mark.django_db


@pytest.fixture
def succession_world(placed_world, login):
    """Camat Plaju (administrator) is key; candidates: a pengawas in box 9 (one below), a
    pelaksana in box 9 (two below), pegawai (pelaksana, box 9), and a box-5 pengawas (not)."""
    world = placed_world
    with tenant_scope(world.agency):
        sekcam = factories.make_position(world.kecamatan, "Sekretaris Camat", PositionKind.PENGAWAS)
        kasi = factories.make_position(world.kecamatan, "Kasi Pemerintahan", PositionKind.PENGAWAS)
        star = factories.make_employee(world.kecamatan, "Ahmad Fauzi", position=sekcam)
        average = factories.make_employee(world.kecamatan, "Bambang Irawan", position=kasi)
    for year in (2025, 2026):
        final_evaluation(star, year, "Sangat Baik")
        final_evaluation(average, year, "Baik")
    potential(star, 88)
    potential(average, 65)
    login("admin_bkpsdm").post(reverse("talent:recompute"))
    world.star, world.average = star, average
    return world


def _mark(client, position, note=""):
    return client.post(
        reverse("talent:key-position-list"), {"position": position.pk, "note": note}, follow=True
    )


def test_admin_marks_a_key_position_and_sees_ranked_candidates_with_reasons(
    succession_world, login
):
    world = succession_world
    client = login("admin_bkpsdm")
    response = _mark(client, world.kepala.position, "Pensiun 2027")
    assert "Jabatan kunci ditetapkan." in response.content.decode()
    with tenant_scope(world.agency):
        key = KeyPosition.objects.get()
        assert AuditEntry.objects.filter(action="talent.key_position.marked").count() == 1

    page = client.get(reverse("talent:succession", args=[key.pk]))

    rows = page.context["rows"]
    assert [(ranked.rank, employee.name) for ranked, employee in rows] == [
        (1, "Ahmad Fauzi"),
        (2, "Budi Santoso"),
    ]
    assert rows[0][0].reasons[:2] == [
        "Kotak 9",
        "Jenjang jabatan satu jenjang di bawah jabatan kunci",
    ]
    assert rows[1][0].reasons[1] == "Jenjang jabatan dua jenjang di bawah jabatan kunci"
    html = page.content.decode()
    assert "Hendra Saputra" in html  # the holder
    assert "Bambang Irawan" not in html  # box 5


def test_a_position_is_marked_once(succession_world, login):
    client = login("admin_bkpsdm")
    _mark(client, succession_world.kepala.position)
    again = client.post(
        reverse("talent:key-position-list"), {"position": succession_world.kepala.position.pk}
    )
    assert again.status_code == 400
    with tenant_scope(succession_world.agency):
        assert KeyPosition.objects.count() == 1


def test_inspector_reads_succession_but_cannot_mark(succession_world, auditing, login):
    """`inspektur` is auditing Kecamatan Plaju, the Camat's unit."""
    _mark(login("admin_bkpsdm"), succession_world.kepala.position)
    with tenant_scope(succession_world.agency):
        key = KeyPosition.objects.get()
    client = login("inspektur")
    listing = client.get(reverse("talent:key-position-list"))
    assert listing.context["form"] is None
    assert client.get(reverse("talent:succession", args=[key.pk])).status_code == 200
    refused = client.post(
        reverse("talent:key-position-list"), {"position": succession_world.atasan.position.pk}
    )
    assert refused.status_code == 403
    assert client.post(reverse("talent:key-position-delete", args=[key.pk])).status_code == 403
    with tenant_scope(succession_world.agency):
        assert KeyPosition.objects.count() == 1


def test_heads_and_employees_do_not_see_succession(succession_world, login):
    for persona in ("kepala", "pegawai", "pemantau"):
        assert login(persona).get(reverse("talent:key-position-list")).status_code == 403


def test_other_agency_gets_404(succession_world, login):
    _mark(login("admin_bkpsdm"), succession_world.kepala.position)
    with tenant_scope(succession_world.agency):
        key = KeyPosition.objects.get()
    client = login("admin_agensi_lain")
    assert client.get(reverse("talent:succession", args=[key.pk])).status_code == 404
    assert client.post(reverse("talent:key-position-delete", args=[key.pk])).status_code == 404


def test_unmarking_removes_the_key_position(succession_world, login):
    client = login("admin_bkpsdm")
    _mark(client, succession_world.kepala.position)
    with tenant_scope(succession_world.agency):
        key = KeyPosition.objects.get()
    client.post(reverse("talent:key-position-delete", args=[key.pk]))
    with tenant_scope(succession_world.agency):
        assert not KeyPosition.objects.exists()
        assert AuditEntry.objects.filter(action="talent.key_position.unmarked").count() == 1


def test_succession_and_key_positions_export(succession_world, login):
    client = login("admin_bkpsdm")
    _mark(client, succession_world.kepala.position)
    with tenant_scope(succession_world.agency):
        key = KeyPosition.objects.get()
    xlsx = client.get(reverse("talent:succession", args=[key.pk]), {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][:2] == (1, "Ahmad Fauzi")
    assert rows[1][8].startswith("Kotak 9; Jenjang jabatan satu jenjang")
    assert (
        client.get(reverse("talent:succession", args=[key.pk]), {"format": "pdf"}).content[:4]
        == b"%PDF"
    )
    listing = client.get(reverse("talent:key-position-list"), {"format": "xlsx"})
    key_rows = list(load_workbook(BytesIO(listing.content)).active.iter_rows(values_only=True))
    assert key_rows[1][0] == "Camat Plaju"
    assert key_rows[1][3] == 1
    assert client.get(reverse("talent:key-position-list"), {"format": "pdf"}).content[:4] == b"%PDF"
