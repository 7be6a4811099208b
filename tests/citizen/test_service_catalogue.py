"""The catalogue of public services: who adds and edits a unit's services, the rules a service
obeys (unit of the agency, standard time above zero, code unique in the agency), the list page
with its counts, the XLSX export and the API."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.citizen.models import Service
from kinerja.citizen.services import catalogue
from kinerja.core.exceptions import StaleEdit
from kinerja.core.models import AuditEntry
from kinerja.org.models import UnitKind
from tests import factories
from tests.citizen.services_fixtures import at, make_request, make_service

pytestmark = pytest.mark.usefixtures("unscoped")


# --- Rules of a service -----------------------------------------------------------------------


def test_admin_adds_a_service_with_its_standard_time_and_it_is_audited(world):
    admin = world.users["admin_bkpsdm"]

    service = catalogue.create_service(
        world.kelurahan,
        actor=admin,
        name="  Surat   Pengantar  ",
        code="SP-01",
        standard_minutes=30,
        description="Surat pengantar RT/RW",
    )

    assert (service.name, service.code, service.standard_minutes, service.is_active) == (
        "Surat Pengantar",
        "sp-01",
        30,
        True,
    )
    assert service.agency_id == world.agency.pk
    entry = AuditEntry.objects.get(action="citizen.service.created")
    assert entry.actor == admin
    assert entry.changes == {
        "unit": [None, "Kelurahan Plaju Ulu"],
        "code": [None, "sp-01"],
        "name": [None, "Surat Pengantar"],
        "description": [None, "Surat pengantar RT/RW"],
        "standard_minutes": [None, 30],
    }


def test_a_blank_code_is_made_from_the_name(world):
    service = catalogue.create_service(
        world.kelurahan, actor=None, name="Akta Kelahiran", standard_minutes=4320
    )
    assert service.code == "akta-kelahiran"


def test_service_code_is_unique_within_the_agency(world):
    make_service(world.kelurahan, code="ktp-el")

    with pytest.raises(ValidationError) as raised:
        catalogue.create_service(
            world.kecamatan,
            actor=world.users["admin_bkpsdm"],
            name="KTP-el Kecamatan",
            code="KTP-EL",
            standard_minutes=60,
        )

    assert raised.value.message_dict == {
        "code": ["Kode layanan ini sudah dipakai di instansi Anda."]
    }
    assert Service.objects.filter(agency=world.agency).count() == 1


def test_another_agency_may_use_the_same_code(world):
    make_service(world.kelurahan, code="ktp-el")
    other = make_service(world.other_unit, code="ktp-el")
    assert other.agency_id == world.other_agency.pk


@pytest.mark.parametrize("minutes", [0, -5])
def test_standard_time_must_be_more_than_zero(world, minutes):
    with pytest.raises(ValidationError) as raised:
        catalogue.create_service(
            world.kelurahan, actor=None, name="Legalisir", standard_minutes=minutes
        )
    assert raised.value.message_dict == {
        "standard_minutes": ["Waktu standar harus lebih dari 0 menit."]
    }
    assert not Service.objects.exists()


def test_head_manages_services_of_their_subtree_only(world):
    kepala = world.users["kepala"]
    outside = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)

    inside = catalogue.create_service(
        world.kelurahan, actor=kepala, name="Surat Domisili", standard_minutes=45
    )
    with pytest.raises(PermissionDenied):
        catalogue.create_service(outside, actor=kepala, name="Surat Pindah", standard_minutes=45)

    assert list(Service.objects.values_list("pk", flat=True)) == [inside.pk]


def test_desk_officer_and_inspector_cannot_change_the_catalogue(world):
    service = make_service(world.kelurahan)
    for persona in ("petugas_layanan", "inspektur", "pegawai"):
        with pytest.raises(PermissionDenied):
            catalogue.create_service(
                world.kelurahan, actor=world.users[persona], name="X", standard_minutes=5
            )
        with pytest.raises(PermissionDenied):
            catalogue.update_service(
                service, actor=world.users[persona], expected_version=1, standard_minutes=5
            )
    service.refresh_from_db()
    assert (Service.objects.count(), service.standard_minutes, service.version) == (1, 60, 1)


def test_a_unit_of_another_agency_is_refused(world):
    with pytest.raises(PermissionDenied):
        catalogue.create_service(
            world.other_unit,
            actor=world.users["admin_bkpsdm"],
            name="KTP-el",
            standard_minutes=60,
        )
    service = make_service(world.kelurahan)
    with pytest.raises(PermissionDenied):
        catalogue.update_service(
            service,
            actor=world.users["admin_bkpsdm"],
            expected_version=1,
            unit=world.other_unit,
        )
    assert not Service.objects.filter(agency=world.other_agency).exists()
    service.refresh_from_db()
    assert service.unit == world.kelurahan


def test_an_edit_on_an_outdated_version_is_refused(world):
    service = make_service(world.kelurahan)
    admin = world.users["admin_bkpsdm"]
    catalogue.update_service(service, actor=admin, expected_version=1, standard_minutes=90)

    with pytest.raises(StaleEdit):
        catalogue.update_service(service, actor=admin, expected_version=1, name="KTP")

    service.refresh_from_db()
    assert (service.name, service.standard_minutes, service.version) == (
        "KTP Elektronik",
        90,
        2,
    )
    entry = AuditEntry.objects.get(action="citizen.service.updated")
    assert entry.changes == {"standard_minutes": [60, 90]}


def test_withdrawing_and_offering_again_is_audited(world):
    service = make_service(world.kelurahan)
    admin = world.users["admin_bkpsdm"]

    service = catalogue.deactivate_service(service, actor=admin, expected_version=1)
    assert (service.is_active, service.version) == (False, 2)
    service = catalogue.reactivate_service(service, actor=admin, expected_version=2)

    assert (service.is_active, service.version) == (True, 3)
    assert list(
        AuditEntry.objects.filter(object_type="citizen.service")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["citizen.service.created", "citizen.service.deactivated", "citizen.service.reactivated"]


# --- Pages ------------------------------------------------------------------------------------


def _catalogue(world, count: int) -> list[Service]:
    services = [
        make_service(world.kelurahan, name=f"Layanan {n:02d}", code=f"l-{n:02d}", standard=30)
        for n in range(count)
    ]
    for service in services:
        make_request(service, received=at(2026, 3, 2), minutes=20)
        make_request(service, received=at(2026, 3, 3))
    return services


def test_list_shows_services_with_request_counts_in_a_constant_number_of_queries(
    world, login, django_assert_num_queries
):
    _catalogue(world, 3)
    client = login("admin_bkpsdm")
    client.get(reverse("citizen:service-list"))  # warm the session and actor caches

    with django_assert_num_queries(13):  # incl. the side menu's unread announcements
        few = client.get(reverse("citizen:service-list"), {"year": 2026})
    last_year = client.get(reverse("citizen:service-list"), {"year": 2025}).context["rows"]
    _catalogue(world, 0)
    for n in range(3, 12):
        make_service(world.kecamatan, name=f"Layanan {n:02d}", code=f"l-{n:02d}")
    with django_assert_num_queries(13):  # incl. the side menu's unread announcements
        many = client.get(reverse("citizen:service-list"), {"year": 2026})

    assert few.status_code == many.status_code == 200
    rows = few.context["rows"]
    assert [(s.name, s.completed_in_year, s.open_count) for s, _manage in rows] == [
        ("Layanan 00", 1, 1),
        ("Layanan 01", 1, 1),
        ("Layanan 02", 1, 1),
    ]
    assert len(many.context["rows"]) == 12
    assert [(s.completed_in_year, s.open_count) for s, _manage in last_year] == [(0, 1)] * 3


def test_list_filters_by_name_and_unit_and_the_head_sees_only_their_subtree(world, login):
    make_service(world.kelurahan, name="KTP Elektronik", code="ktp-el")
    make_service(world.kecamatan, name="Kartu Keluarga", code="kk")
    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)
    make_service(elsewhere, name="Akta Kematian", code="akta-mati")

    admin = login("admin_bkpsdm")
    names = lambda response: [s.name for s, _m in response.context["rows"]]  # noqa: E731
    assert names(admin.get(reverse("citizen:service-list"), {"q": "kartu"})) == ["Kartu Keluarga"]
    assert names(admin.get(reverse("citizen:service-list"), {"unit": world.kelurahan.pk})) == [
        "KTP Elektronik"
    ]
    kepala = login("kepala")
    assert names(kepala.get(reverse("citizen:service-list"))) == [
        "Kartu Keluarga",
        "KTP Elektronik",
    ]


def test_list_exports_xlsx(world, auditing, login):
    """`inspektur` is auditing the kecamatan (issue 7), whose services these are."""
    _catalogue(world, 2)
    response = login("inspektur").get(
        reverse("citizen:service-list"), {"format": "xlsx", "year": 2026}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        [
            "Kode",
            "Nama layanan",
            "Unit kerja",
            "Waktu standar (menit)",
            "Aktif",
            "Selesai pada tahun",
            "Belum selesai",
            "Keterangan",
        ],
        ["l-00", "Layanan 00", "Kelurahan Plaju Ulu", 30, "Ya", 1, 1, None],
        ["l-01", "Layanan 01", "Kelurahan Plaju Ulu", 30, "Ya", 1, 1, None],
    ]


def test_create_page_converts_the_standard_time_and_shows_field_errors(world, login):
    client = login("kepala")
    url = reverse("citizen:service-create")

    response = client.post(
        url,
        {
            "unit": world.kelurahan.pk,
            "name": "Izin Keramaian",
            "code": "",
            "standard_value": 2,
            "standard_unit": "hari",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.code, service.standard_minutes) == ("izin-keramaian", 2880)

    response = client.post(
        url,
        {
            "unit": world.kelurahan.pk,
            "name": "Izin Lain",
            "code": "izin-keramaian",
            "standard_value": 30,
            "standard_unit": "menit",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "code": ["Kode layanan ini sudah dipakai di instansi Anda."]
    }
    assert Service.objects.count() == 1


def test_edit_page_shows_the_standard_in_whole_hours_and_saves_a_change(world, login):
    service = make_service(world.kelurahan, standard=120)
    client = login("admin_bkpsdm")
    url = reverse("citizen:service-edit", args=[service.pk])

    form = client.get(url).context["form"]
    assert (form.initial["standard_value"], form.initial["standard_unit"]) == (2, "jam")

    response = client.post(
        url,
        {
            "unit": world.kelurahan.pk,
            "name": "KTP Elektronik",
            "code": "ktp-el",
            "standard_value": 90,
            "standard_unit": "menit",
            "version": 1,
        },
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.standard_minutes, service.version) == (90, 2)


def test_deactivate_button_withdraws_the_service(world, login):
    service = make_service(world.kelurahan)
    response = login("admin_bkpsdm").post(
        reverse("citizen:service-deactivate", args=[service.pk]), {"version": 1}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.is_active is False


# --- API --------------------------------------------------------------------------------------


def test_api_lists_and_creates_services(world, login):
    make_service(world.kelurahan)
    client = login("admin_bkpsdm")

    listed = client.get("/api/v1/citizen/services/").json()
    bad_year = client.get("/api/v1/citizen/services/", {"year": 0})
    created = client.post(
        "/api/v1/citizen/services/",
        {"unit": world.kecamatan.pk, "name": "Kartu Keluarga", "standard_minutes": 1440},
        content_type="application/json",
    )

    assert [(s["code"], s["completed_in_year"]) for s in listed["results"]] == [("ktp-el", 0)]
    assert (bad_year.status_code, bad_year.json()) == (
        400,
        {"year": ["Tahun harus antara 2000 dan 2100."]},
    )
    assert created.status_code == 201
    assert (created.json()["code"], created.json()["standard_minutes"]) == (
        "kartu-keluarga",
        1440,
    )


def test_api_refuses_bad_input_with_a_reason_and_a_stale_edit_with_409(world, login):
    service = make_service(world.kelurahan)
    client = login("admin_bkpsdm")

    bad = client.post(
        "/api/v1/citizen/services/",
        {"unit": world.kecamatan.pk, "name": "X", "code": "ktp-el", "standard_minutes": 5},
        content_type="application/json",
    )
    stale = client.patch(
        f"/api/v1/citizen/services/{service.pk}/",
        {"standard_minutes": 15, "version": 7},
        content_type="application/json",
    )
    withdrawn = client.patch(
        f"/api/v1/citizen/services/{service.pk}/",
        {"is_active": False, "version": 1},
        content_type="application/json",
    )

    assert (bad.status_code, bad.json()) == (
        400,
        {"code": ["Kode layanan ini sudah dipakai di instansi Anda."]},
    )
    assert (stale.status_code, stale.json()["code"]) == (409, "stale")
    assert (withdrawn.status_code, withdrawn.json()["is_active"]) == (200, False)
    service.refresh_from_db()
    assert (service.standard_minutes, service.is_active) == (60, False)


def test_api_inspector_reads_but_cannot_edit(world, auditing, login):
    """`inspektur` reads the kelurahan's service while auditing the kecamatan."""
    service = make_service(world.kelurahan)
    client = login("inspektur")

    response = client.patch(
        f"/api/v1/citizen/services/{service.pk}/",
        {"standard_minutes": 15, "version": 1},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert client.get(f"/api/v1/citizen/services/{service.pk}/").status_code == 200
    service.refresh_from_db()
    assert service.standard_minutes == 60
