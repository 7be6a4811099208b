"""The talent REST API: the same selectors, services and permissions as the pages."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kinerja.core.tenancy import tenant_scope
from kinerja.talent.models import KeyPosition, PotentialAssessment, TalentSettings
from tests.talent.conftest import potential

pytestmark = pytest.mark.django_db


def test_grid_counts_per_box_in_the_official_layout(placed_world, login):
    response = login("admin_bkpsdm").get(reverse("api-talent-grid"))

    assert response.status_code == 200
    body = response.json()
    assert body["layout"] == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
    assert {box["box"]: box["count"] for box in body["boxes"]} == {
        9: 1,
        8: 0,
        7: 0,
        6: 0,
        5: 1,
        4: 0,
        3: 0,
        2: 0,
        1: 1,
    }
    assert (body["placed"], body["unmapped"], body["pool"]) == (3, 4, 1)


def test_placements_filtered_by_box_with_basis_and_actions(
    placed_world, auditing, login, django_assert_max_num_queries
):
    client = login("inspektur")  # auditing Kecamatan Plaju
    with django_assert_max_num_queries(8):
        response = client.get(reverse("api-talent-placement-list"), {"box": 9})
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["employee"] == placed_world.pegawai.pk
    assert row["nip"] == placed_world.pegawai.nip
    assert row["box"] == 9
    assert row["recommended_actions"][0] == "Dipromosikan dan dipertahankan"
    assert [y["year"] for y in row["basis"]["years"]] == [2026, 2025]
    assert client.get(reverse("api-talent-placement-list"), {"box": 12}).status_code == 400


def test_pool_and_unmapped(placed_world, login):
    client = login("admin_bkpsdm")
    assert [r["box"] for r in client.get(reverse("api-talent-pool")).json()["results"]] == [9]
    unmapped = client.get(reverse("api-talent-unmapped")).json()
    kepala = next(r for r in unmapped["results"] if r["employee"] == placed_world.kepala.pk)
    assert (kepala["has_predicate"], kepala["has_potential"]) == (True, False)
    assert kepala["reason"] == "Belum dapat dipetakan: belum ada skor potensial"


def test_head_is_limited_and_employee_refused(placed_world, login):
    assert login("kepala").get(reverse("api-talent-grid")).json()["placed"] == 3
    assert login("pegawai").get(reverse("api-talent-grid")).status_code == 403
    assert login("pemantau").get(reverse("api-talent-placement-list")).status_code == 403


def test_me_returns_own_box_and_direct_reports(placed_world, login):
    body = login("atasan").get(reverse("api-talent-me")).json()
    assert body["placement"]["box"] == 1
    assert sorted(r["box"] for r in body["reports"]) == [5, 9]
    assert body["unmapped_reports"] == []


def test_settings_put_validates_order_and_version(world, login):
    client = login("admin_bkpsdm")
    current = client.get(reverse("api-talent-settings")).json()
    assert current["performance_as_from"] == "4.00"
    bad = client.put(
        reverse("api-talent-settings"),
        {**current, "potential_middle_from": "90.00", "version": 1},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "potential_high_from" in bad.json()
    good = client.put(
        reverse("api-talent-settings"),
        {**current, "years": 3, "version": 1},
        content_type="application/json",
    )
    assert good.status_code == 200
    assert good.json()["years"] == 3
    stale = client.put(
        reverse("api-talent-settings"),
        {**current, "years": 1, "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    with tenant_scope(world.agency):
        assert TalentSettings.objects.get(agency=world.agency).years == 3
    refused = login("inspektur").put(
        reverse("api-talent-settings"), {**current, "version": 2}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_recompute_endpoint(placed_world, login):
    response = login("admin_bkpsdm").post(reverse("api-talent-recompute"))
    assert response.status_code == 200
    body = response.json()
    assert (body["placed"], body["unmapped"], body["years"]) == (3, 4, [2026, 2025])
    assert body["by_box"]["9"] == 1
    assert login("inspektur").post(reverse("api-talent-recompute")).status_code == 403


def test_potential_create_delete_and_refusals(world, auditing, login):
    """`inspektur` is auditing Kecamatan Plaju (pegawai's subtree): reads, never writes."""
    client = login("admin_bkpsdm")
    created = client.post(
        reverse("api-talent-potential-list"),
        {"employee": world.pegawai.pk, "score": "77.25", "assessed_on": "2026-04-01"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["score"] == "77.25"
    out_of_range = client.post(
        reverse("api-talent-potential-list"),
        {"employee": world.pegawai.pk, "score": "120", "assessed_on": "2026-04-01"},
        content_type="application/json",
    )
    assert out_of_range.status_code == 400
    other = client.post(
        reverse("api-talent-potential-list"),
        {"employee": world.pegawai_lain.pk, "score": "70", "assessed_on": "2026-04-01"},
        content_type="application/json",
    )
    assert other.status_code == 404
    listing = login("inspektur").get(reverse("api-talent-potential-list")).json()
    assert listing["count"] == 1
    pk = created.json()["id"]
    assert (
        login("inspektur").delete(reverse("api-talent-potential-detail", args=[pk])).status_code
        == 403
    )
    client = login("admin_bkpsdm")
    assert client.delete(reverse("api-talent-potential-detail", args=[pk])).status_code == 204
    with tenant_scope(world.agency):
        assert not PotentialAssessment.objects.exists()


def _upload(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Skor", "Tanggal Asesmen"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("skor.xlsx", buffer.getvalue())


def test_potential_import_all_or_nothing(world, login):
    client = login("admin_bkpsdm")
    bad = client.post(
        reverse("api-talent-potential-import"),
        {"file": _upload([[world.pegawai.nip, 70, "01-03-2026"], ["123", 70, "01-03-2026"]])},
    )
    assert bad.status_code == 400
    assert bad.json()["row_errors"] == [
        {"row": 3, "message": "NIP 123 bukan pegawai aktif instansi ini."}
    ]
    with tenant_scope(world.agency):
        assert not PotentialAssessment.objects.exists()
    good = client.post(
        reverse("api-talent-potential-import"),
        {"file": _upload([[world.pegawai.nip, 70, "01-03-2026"]])},
    )
    assert good.status_code == 201
    assert good.json()["created"] == 1


def test_key_positions_and_candidates(placed_world, auditing, login):
    """`inspektur` is auditing Kecamatan Plaju, where the Lurah's key position lies."""
    client = login("admin_bkpsdm")
    created = client.post(
        reverse("api-talent-key-position-list"),
        {"position": placed_world.atasan.position_id, "note": "Lurah"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["holders"] == 1
    pk = created.json()["id"]
    again = client.post(
        reverse("api-talent-key-position-list"),
        {"position": placed_world.atasan.position_id},
        content_type="application/json",
    )
    assert again.status_code == 400
    candidates = login("inspektur").get(reverse("api-talent-candidates", args=[pk])).json()
    # Lurah is pengawas (level 2); pegawai is pelaksana in box 9: one level below.
    assert [(c["rank"], c["employee"], c["fit"]) for c in candidates] == [
        (1, placed_world.pegawai.pk, 3)
    ]
    assert candidates[0]["reasons"][0] == "Kotak 9"
    assert (
        login("admin_agensi_lain").get(reverse("api-talent-candidates", args=[pk])).status_code
        == 404
    )
    client = login("admin_bkpsdm")
    assert client.delete(reverse("api-talent-key-position-detail", args=[pk])).status_code == 204
    with tenant_scope(placed_world.agency):
        assert not KeyPosition.objects.exists()


def test_anonymous_is_refused(world, client):
    assert client.get(reverse("api-talent-grid")).status_code == 403
    potential(world.pegawai, 50)
