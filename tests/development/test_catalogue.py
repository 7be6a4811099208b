"""The catalogue: the agency admin adds trainings and registers internal trainers (whose level
must be high enough); everyone in the agency reads it; lists export to XLSX and PDF."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.models import AuditEntry
from kinerja.development.models import InternalTrainer, Training
from tests.development import builders


@pytest.fixture
def komunikasi(world, unscoped):
    return builders.competency(world.agency)


def test_the_admin_adds_an_internal_training(world, komunikasi, login):
    client = login("admin_bkpsdm")

    response = client.post(
        reverse("development:training-create"),
        {
            "title": "Komunikasi Efektif (kelas internal)",
            "delivery": "internal",
            "competency": komunikasi.pk,
            "jp": 12,
            "cost": "150000",
            "external_equivalent_cost": "3500000",
            "min_trainer_level": 4,
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    training = Training.objects.get()
    assert (training.jp, training.saving) == (12, 3350000)
    assert AuditEntry.objects.filter(
        action="development.training.created", object_id=str(training.pk)
    ).exists()


def test_an_internal_training_needs_its_competency(world, komunikasi, login):
    response = login("admin_bkpsdm").post(
        reverse("development:training-create"),
        {
            "title": "Tanpa kompetensi",
            "delivery": "internal",
            "jp": 8,
            "cost": "0",
            "min_trainer_level": 4,
        },
    )

    assert response.status_code == 400
    assert "harus menyebut kompetensinya" in response.content.decode()
    assert not Training.objects.exists()


def test_the_admin_edits_a_training_and_a_stale_form_is_refused(world, komunikasi, login):
    training = builders.training(world.agency, of=komunikasi)
    client = login("admin_bkpsdm")
    fields = {
        "title": "Komunikasi Pelayanan (diperbarui)",
        "delivery": "internal",
        "competency": komunikasi.pk,
        "jp": 16,
        "cost": "250000",
        "external_equivalent_cost": "3500000",
        "min_trainer_level": 4,
        "is_active": "on",
    }

    client.post(reverse("development:training-edit", args=[training.pk]), {**fields, "version": 1})
    stale = client.post(
        reverse("development:training-edit", args=[training.pk]),
        {**fields, "jp": 20, "version": 1},
    )

    training.refresh_from_db()
    assert (training.title, training.jp, training.version) == (
        "Komunikasi Pelayanan (diperbarui)",
        16,
        2,
    )
    assert stale.status_code == 400


def test_a_trainer_must_master_the_competency(world, komunikasi, login):
    builders.level(world.rekan, komunikasi, 2)
    builders.level(world.atasan, komunikasi, 4)
    client = login("admin_bkpsdm")
    url = reverse("development:trainer-create")

    refused = client.post(url, {"nip": world.rekan.nip, "competency": komunikasi.pk})
    accepted = client.post(
        url,
        {
            "nip": world.atasan.nip,
            "competency": komunikasi.pk,
            "available_from": "2026-02-01",
            "available_until": "2026-11-30",
            "availability_note": "Selasa dan Kamis siang",
        },
    )

    assert refused.status_code == 400
    assert "sekurang-kurangnya level 3" in refused.content.decode()
    assert accepted.status_code == 302
    assert list(InternalTrainer.objects.values_list("employee__name", flat=True)) == ["Siti Aminah"]


def test_an_employee_of_another_agency_cannot_be_registered(world, komunikasi, login):
    response = login("admin_bkpsdm").post(
        reverse("development:trainer-create"),
        {"nip": world.pegawai_lain.nip, "competency": komunikasi.pk},
    )

    assert response.status_code == 400
    assert not InternalTrainer.objects.exists()


def test_an_employee_reads_the_catalogue_internal_first(world, komunikasi, login):
    builders.training(world.agency, title="A Diklat Eksternal", internal=False)
    builders.training(world.agency, title="Z Kelas Internal", of=komunikasi)

    response = login("pegawai").get(reverse("development:training-list"))

    titles = [t.title for t in response.context["page"].object_list]
    assert titles == ["Z Kelas Internal", "A Diklat Eksternal"]
    assert "Tambah pelatihan" not in response.content.decode()


def test_catalogue_and_trainers_export(world, komunikasi, login):
    builders.training(world.agency, of=komunikasi)
    builders.trainer(world.atasan, komunikasi, at_level=5)
    client = login("pegawai")

    catalogue = client.get(reverse("development:training-list"), {"format": "xlsx"})
    trainers = client.get(reverse("development:trainer-list"), {"format": "xlsx"})
    pdf = client.get(reverse("development:trainer-list"), {"format": "pdf"})

    rows = list(load_workbook(io.BytesIO(catalogue.content)).active.values)
    assert rows[1][:2] == ("Komunikasi Pelayanan Publik", "Internal (pengajar dari pegawai)")
    rows = list(load_workbook(io.BytesIO(trainers.content)).active.values)
    assert rows[1][0] == "Siti Aminah"
    assert rows[1][4] == 5
    assert pdf.content.startswith(b"%PDF")


def test_the_trainer_list_takes_a_fixed_number_of_queries(
    world, komunikasi, login, django_assert_max_num_queries
):
    for person in (world.atasan, world.rekan, world.kepala, world.pegawai):
        builders.trainer(person, komunikasi, at_level=4)
    client = login("pegawai")

    with django_assert_max_num_queries(14):
        response = client.get(reverse("development:trainer-list"))

    assert response.context["page"].paginator.count == 4


def test_the_api_manages_the_catalogue(world, komunikasi, login):
    client = login("admin_bkpsdm")

    created = client.post(
        reverse("api-development-training-list"),
        {"title": "Pelayanan Prima", "delivery": "eksternal", "jp": 32, "cost": "4200000"},
        content_type="application/json",
    )
    invalid = client.post(
        reverse("api-development-training-list"),
        {"title": "Kelas", "delivery": "internal", "jp": 8},
        content_type="application/json",
    )
    builders.level(world.atasan, komunikasi, 4)
    trainer = client.post(
        reverse("api-development-trainer-list"),
        {"employee": world.atasan.pk, "competency": komunikasi.pk},
        content_type="application/json",
    )

    assert created.status_code == 201
    assert created.json()["jp"] == 32
    assert invalid.status_code == 400
    assert "competency" in invalid.json()
    assert trainer.status_code == 201
    assert trainer.json()["employee_name"] == "Siti Aminah"
    denied = login("pegawai").post(
        reverse("api-development-training-list"),
        {"title": "X", "delivery": "eksternal", "jp": 2},
        content_type="application/json",
    )
    assert denied.status_code == 403
    assert Training.objects.count() == 1
