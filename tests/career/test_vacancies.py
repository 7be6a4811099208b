"""Vacant positions and the merit ranking of candidates, with the reasons, its exports for the
committee, the admin's requirements, and the query count on a larger pool."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.career.models import VacancyRequirement
from kinerja.career.services.credits import record_opening_balance
from kinerja.competency.models import Competency, EmployeeCompetency, PositionRequirement
from kinerja.core.models import AuditEntry
from kinerja.org.models import ActingAssignment, Position, PositionKind
from tests import factories
from tests.career.conftest import make_final, make_functional, make_period
from tests.career.test_awards_and_sanctions import _place


@pytest.fixture
def vacancy(world):
    """Analis Kebijakan Ahli Muda in Kecamatan Plaju: vacant, two competencies required."""
    position = factories.make_position(
        world.kecamatan, "Analis Kebijakan Ahli Muda", PositionKind.FUNGSIONAL, "ahli_muda"
    )
    for code, level in (("K1", 3), ("K2", 4)):
        competency = Competency.objects.create(
            agency=world.agency, kind="teknis", code=code, name=f"Kompetensi {code}"
        )
        PositionRequirement.objects.create(
            agency=world.agency, position=position, competency=competency, level=level
        )
    return position


def _competent(employee, *levels: int) -> None:
    for code, level in zip(("K1", "K2"), levels, strict=False):
        EmployeeCompetency.objects.create(
            agency_id=employee.agency_id,
            employee=employee,
            competency=Competency.objects.get(code=code),
            level=level,
            source="asesmen",
            assessed_on=dt.date(2026, 3, 1),
        )


def _candidates(world):
    period = make_period(world.agency)
    ready = make_functional(world, "Ani Siap", rank="III/b")
    record_opening_balance(
        ready, actor=None, amount=Decimal(120), effective_date=dt.date(2021, 1, 1)
    )
    make_final(ready, period, "Sangat Baik")
    _competent(ready, 3, 4)
    _place(ready, 9)
    short = make_functional(world, "Budi Kurang AK", rank="III/b")
    record_opening_balance(
        short, actor=None, amount=Decimal(60), effective_date=dt.date(2021, 1, 1)
    )
    make_final(short, period, "Sangat Baik")
    _competent(short, 3, 4)
    peer = make_functional(world, "Citra Sejawat", "ahli_muda", rank="III/c")
    make_final(peer, period, "Baik")
    _competent(peer, 3)
    other_family = make_functional(
        world, "Dedi Lain", position_name="Pranata Komputer Ahli Pertama", rank="III/b"
    )
    make_final(other_family, period, "Sangat Baik")
    return ready, short, peer, other_family


def test_vacant_positions_include_acting_ones_and_exclude_filled(world, vacancy, login):
    acting = factories.make_position(
        world.kecamatan, "Sekretaris Kecamatan", PositionKind.ADMINISTRATOR
    )
    ActingAssignment.objects.create(
        agency=world.agency,
        acting_employee=world.atasan,
        position=acting,
        kind="plt",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2099, 12, 31),
    )
    rows = login("admin_bkpsdm").get(reverse("api-career-vacancy-list")).json()["results"]
    assert [(r["name"], r["acting_name"]) for r in rows] == [
        ("Analis Kebijakan Ahli Muda", None),
        ("Sekretaris Kecamatan", "Siti Aminah"),
    ]


def test_candidates_are_ranked_by_merit_with_the_reasons(world, vacancy, login):
    _candidates(world)
    client = login("admin_bkpsdm")
    ranking = client.get(reverse("api-career-vacancy-ranking", args=[vacancy.pk])).json()
    assert ranking["terms"] == {
        "min_rank": "III/c",
        "min_credit": "100.00",
        "level": "ahli_muda",
        "lower_level": "ahli_pertama",
        "is_derived": True,
        "competency_total": 2,
    }
    candidates = ranking["candidates"]
    assert [(c["name"], c["eligible"]) for c in candidates] == [
        ("Citra Sejawat", True),
        ("Ani Siap", False),
        ("Budi Kurang AK", False),
    ]
    reasons = {c["code"]: (c["met"], c["detail"]) for c in candidates[1]["criteria"]}
    assert reasons["angka_kredit"] == (True, "120,00 dari 100,00")
    assert reasons["pangkat"] == (False, "III/b, minimal III/c")
    assert reasons["kompetensi"] == (True, "2 dari 2 standar kompetensi terpenuhi")
    assert candidates[1]["score"] == "100.00"
    budi = {c["code"]: c["met"] for c in candidates[2]["criteria"]}
    assert budi["angka_kredit"] is False


def test_the_admin_lowers_the_rank_requirement_and_the_ranking_follows(world, vacancy, login):
    _candidates(world)
    client = login("admin_bkpsdm")
    response = client.put(
        reverse("api-career-vacancy-requirement", args=[vacancy.pk]),
        {"min_rank": "III/b", "note": "Formasi khusus"},
        content_type="application/json",
    )
    assert response.status_code == 200
    names = [(c["name"], c["eligible"]) for c in response.json()["candidates"]]
    assert names[0] == ("Ani Siap", True)
    assert VacancyRequirement.objects.get(position=vacancy).min_rank == "III/b"
    assert AuditEntry.objects.filter(action="career.vacancy.requirement").count() == 1


def test_the_ranking_exports_xlsx_for_the_committee(world, vacancy, login):
    _candidates(world)
    client = login("admin_bkpsdm")
    response = client.get(reverse("career:vacancy-ranking", args=[vacancy.pk]), {"format": "xlsx"})
    assert response["Content-Disposition"] == (
        'attachment; filename="peringkat-kandidat-analis-kebijakan-ahli-muda.xlsx"'
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Peringkat", "NIP", "Nama")
    assert [(r[0], r[2], r[7]) for r in rows[1:]] == [
        (1, "Citra Sejawat", "Ya"),
        (2, "Ani Siap", "Tidak"),
        (3, "Budi Kurang AK", "Tidak"),
    ]
    assert rows[2][11] == "Belum memenuhi: III/b, minimal III/c"
    pdf = client.get(reverse("career:vacancy-ranking", args=[vacancy.pk]), {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")


def test_a_position_without_competency_standard_says_so(world, login):
    position = factories.make_position(
        world.kecamatan, "Sekretaris Kecamatan", PositionKind.ADMINISTRATOR
    )
    page = login("admin_bkpsdm").get(reverse("career:vacancy-ranking", args=[position.pk]))
    text = page.content.decode()
    assert "Belum ditetapkan — komponen kompetensi tidak dihitung" in text
    # Structural vacancy: PNS from one step below III/d; atasan (III/d) and kepala (IV/a) qualify.
    names = [row.name for row in page.context["page"].object_list if row.merit.eligible]
    assert names == ["Hendra Saputra", "Siti Aminah"]


def test_the_ranking_reads_a_large_pool_in_a_fixed_number_of_queries(
    world, vacancy, login, django_assert_max_num_queries
):
    period = make_period(world.agency)
    for number in range(25):
        person = make_functional(world, f"Calon {number:02d}", rank="III/c")
        make_final(person, period, "Baik")
        _competent(person, 3, 3)
    client = login("admin_bkpsdm")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("career:vacancy-ranking", args=[vacancy.pk]))
    assert response.context["total"] == 25


def test_a_head_reads_the_ranking_of_their_subtree_only(world, vacancy, login):
    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati")
    outside = factories.make_position(elsewhere, "Sekretaris Kecamatan", PositionKind.ADMINISTRATOR)
    client = login("kepala")
    assert client.get(reverse("career:vacancy-ranking", args=[vacancy.pk])).status_code == 200
    assert client.get(reverse("career:vacancy-ranking", args=[outside.pk])).status_code == 404
    assert client.get(reverse("career:vacancy-requirement", args=[vacancy.pk])).status_code == 403


def test_a_filled_position_is_not_a_vacancy(world, login):
    filled: Position = world.pegawai.position
    response = login("admin_bkpsdm").get(reverse("career:vacancy-ranking", args=[filled.pk]))
    assert response.status_code == 404
