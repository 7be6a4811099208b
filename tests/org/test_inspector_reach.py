"""Issue 7: an inspector reads the employees of the units under audit, and nothing else — on the
list page, its export, the API list and the detail page and endpoint — and never edits them."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.org.models import UnitKind
from kinerja.oversight.models import AuditStatus
from tests import factories
from tests.oversight.builders import make_audit

LIST = reverse("org:employee-list")
API_LIST = reverse("api-employee-list")


def detail(employee) -> str:
    return reverse("org:employee-detail", kwargs={"pk": employee.pk})


def api_detail(employee) -> str:
    return reverse("api-employee-detail", kwargs={"pk": employee.pk})


def listed_names(client) -> dict[str, list[str]]:
    """The names each list shows the client: the page, the XLSX export and the API."""
    page = client.get(LIST)
    sheet = load_workbook(BytesIO(client.get(LIST, {"format": "xlsx"}).content)).active
    api = client.get(API_LIST).json()["results"]
    return {
        "page": sorted(e.name for e in page.context["page"].object_list),
        "xlsx": sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)),
        "api": sorted(row["name"] for row in api),
    }


def everywhere(names: list[str]) -> dict[str, list[str]]:
    return dict.fromkeys(("page", "xlsx", "api"), names)


@pytest.fixture
def dinas(world, unscoped):
    """Dinas Pendidikan, a unit of the agency outside Kecamatan Plaju, with one teacher."""
    unit = factories.make_unit(world.agency, "Dinas Pendidikan", UnitKind.DINAS)
    factories.make_employee(unit, "Guru Pertama")
    return unit


def test_inspector_auditing_the_kecamatan_reads_pegawai_everywhere(world, auditing, login):
    client = login("inspektur")

    assert client.get(detail(world.pegawai)).status_code == 200
    assert client.get(api_detail(world.pegawai)).json()["nip"] == world.pegawai.nip
    shown = listed_names(client)
    assert shown["page"] == shown["xlsx"] == shown["api"]
    assert "Budi Santoso" in shown["page"]
    assert "Teuku Rahmat" not in shown["page"]  # another agency


def test_inspector_auditing_another_unit_reads_that_unit_and_not_pegawai(
    world, dinas, login, unscoped
):
    audit = make_audit(world)
    audit.units.set([dinas])
    client = login("inspektur")

    assert client.get(detail(world.pegawai)).status_code == 404
    assert client.get(api_detail(world.pegawai)).json() == {"detail": "Data tidak ditemukan."}
    # The inspector's own record stays theirs (an employee of the kecamatan).
    assert listed_names(client) == everywhere(["Agus Salim", "Guru Pertama"])


@pytest.mark.parametrize("status", [None, AuditStatus.PLANNED])
def test_inspector_without_an_audit_in_fieldwork_sees_only_themself(world, login, unscoped, status):
    if status is not None:
        make_audit(world, status=status)
    client = login("inspektur")

    assert client.get(detail(world.pegawai)).status_code == 404
    assert client.get(api_detail(world.pegawai)).status_code == 404
    assert listed_names(client) == everywhere(["Agus Salim"])


def test_inspector_under_audit_still_cannot_edit_pegawai(world, auditing, login, unscoped):
    client = login("inspektur")

    page = client.post(reverse("org:employee-edit", args=[world.pegawai.pk]), {"name": "Diubah"})
    api = client.patch(
        api_detail(world.pegawai), {"name": "Diubah", "version": 0}, content_type="application/json"
    )

    assert page.status_code == 403
    assert api.status_code == 403
    world.pegawai.refresh_from_db()
    assert world.pegawai.name == "Budi Santoso"


def test_the_inspectors_api_list_query_count_does_not_grow_with_the_rows(
    world, auditing, login, unscoped, django_assert_max_num_queries
):
    client = login("inspektur")
    for index in range(3):
        factories.make_employee(world.kelurahan, f"Pegawai Awal {index:02d}")
    with django_assert_max_num_queries(50) as few:
        client.get(API_LIST)
    for index in range(20):
        factories.make_employee(world.kelurahan, f"Pegawai Tambahan {index:02d}")
    with django_assert_max_num_queries(50) as many:
        client.get(API_LIST)

    assert len(many.captured_queries) == len(few.captured_queries)
