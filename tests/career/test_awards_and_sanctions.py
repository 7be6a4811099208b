"""Award recommendations (Sangat Baik and/or box 9) with the admin's decision, and the sanction
path (repeated low predicates), each with its evidence trail, through pages and the API."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.career.models import AwardDecision
from kinerja.core.models import AuditEntry
from kinerja.talent.models import TalentPlacement
from tests.career.conftest import make_final, make_functional, make_period


def _place(employee, box: int) -> TalentPlacement:
    return TalentPlacement.objects.create(
        agency_id=employee.agency_id,
        employee=employee,
        box=box,
        performance="above" if box in (4, 7, 9) else "as",
        potential="high" if box in (6, 8, 9) else "middle",
        performance_score=Decimal(90),
        potential_score=Decimal(85),
        basis={"predicates": ["Sangat Baik", "Baik"]},
        computed_at=timezone.now(),
    )


def _people(world):
    period_2025 = make_period(world.agency, year=2025)
    period_2026 = make_period(world.agency, year=2026)
    star = make_functional(world, "Ani Bintang")
    make_final(star, period_2025, "Baik")
    make_final(star, period_2026, "Sangat Baik")
    _place(star, 9)
    talent_only = make_functional(world, "Bayu Potensi")
    make_final(talent_only, period_2026, "Baik")
    _place(talent_only, 9)
    improved = make_functional(world, "Citra Membaik")
    make_final(improved, period_2025, "Sangat Baik")
    make_final(improved, period_2026, "Baik")
    low_twice = make_functional(world, "Dedi Rendah")
    make_final(low_twice, period_2025, "Butuh Perbaikan")
    make_final(low_twice, period_2026, "Kurang/Misconduct")
    worst = make_functional(world, "Eka Terakhir")
    make_final(worst, period_2026, "Sangat Kurang")
    once_low = make_functional(world, "Fajar Sekali")
    make_final(once_low, period_2026, "Butuh Perbaikan")
    return star, talent_only, low_twice, worst


def test_recommendations_name_their_basis_and_evidence(world, login, django_assert_max_num_queries):
    _people(world)
    client = login("admin_bkpsdm")
    with django_assert_max_num_queries(18):
        response = client.get(reverse("career:award-list"))
    page = response.content.decode()
    assert "2 pegawai direkomendasikan" in page
    assert "Predikat Sangat Baik dan kotak 9" in page
    assert "Predikat Sangat Baik — Tahun 2026 (Tahunan)" in page
    api = client.get(reverse("api-career-award-list")).json()["results"]
    assert [(r["employee"]["name"], r["basis"]) for r in api] == [
        ("Ani Bintang", "keduanya"),
        ("Bayu Potensi", "talenta"),
    ]
    assert api[0]["latest"]["predicate"] == "Sangat Baik"
    assert api[1]["talent"]["basis"] == {"predicates": ["Sangat Baik", "Baik"]}


def test_the_sanction_path_lists_repeated_low_predicates_with_the_trail(world, auditing, login):
    _people(world)
    client = login("inspektur")  # auditing Kecamatan Plaju
    cases = client.get(reverse("api-career-sanction-list")).json()["results"]
    assert [(c["employee"]["name"], c["reason"]) for c in cases] == [
        ("Eka Terakhir", "sangat_kurang"),
        ("Dedi Rendah", "berturut_rendah"),
    ]
    assert [e["predicate"] for e in cases[1]["trail"]] == ["Butuh Perbaikan", "Kurang/Misconduct"]
    page = client.get(reverse("career:sanction-list")).content.decode()
    assert "Tahun 2025 (Tahunan): <strong>Butuh Perbaikan</strong>" in page


def test_periodic_predicates_count_when_the_year_has_no_final_annual(world, login):
    period = make_period(world.agency)
    person = make_functional(world, "Gita Triwulan")
    make_final(person, period, "Butuh Perbaikan", kind="periodik", subperiod=1)
    make_final(person, period, "Butuh Perbaikan", kind="periodik", subperiod=2)
    cases = login("admin_bkpsdm").get(reverse("api-career-sanction-list")).json()["results"]
    assert [e["label"] for e in cases[0]["trail"]] == [
        "Periodik · Triwulan I 2026",
        "Periodik · Triwulan II 2026",
    ]


def test_lists_export_xlsx_and_pdf(world, login):
    _people(world)
    client = login("admin_bkpsdm")
    awards = load_workbook(
        BytesIO(client.get(reverse("career:award-list"), {"format": "xlsx"}).content)
    ).active
    assert [row[1] for row in awards.iter_rows(min_row=2, values_only=True)] == [
        "Ani Bintang",
        "Bayu Potensi",
    ]
    sanctions = load_workbook(
        BytesIO(client.get(reverse("career:sanction-list"), {"format": "xlsx"}).content)
    ).active
    rows = list(sanctions.iter_rows(min_row=2, values_only=True))
    assert rows[1][5] == (
        "Tahun 2025 (Tahunan): Butuh Perbaikan; Tahun 2026 (Tahunan): Kurang/Misconduct"
    )
    for name in ("career:award-list", "career:sanction-list"):
        assert client.get(reverse(name), {"format": "pdf"}).content.startswith(b"%PDF")


def test_the_admin_records_a_decision_and_it_is_audited(world, login):
    star, *_ = _people(world)
    client = login("admin_bkpsdm")
    url = reverse("career:award-decide", args=[star.pk])
    refused = client.post(url, {"outcome": "diberikan", "award": ""})
    assert refused.status_code == 400
    assert not AwardDecision.objects.exists()
    response = client.post(url, {"outcome": "diberikan", "award": "Piagam ASN Teladan"})
    assert response.status_code == 302
    decision = AwardDecision.objects.get()
    assert (decision.outcome, decision.award) == ("diberikan", "Piagam ASN Teladan")
    assert decision.basis_key.startswith("evaluasi:")
    assert AuditEntry.objects.filter(action="career.award.decided").count() == 1
    listed = client.get(reverse("api-career-award-list")).json()["results"][0]
    assert listed["decision"]["award"] == "Piagam ASN Teladan"


def test_a_refusal_needs_a_reason_through_the_api(world, login):
    _star, talent_only, *_ = _people(world)
    client = login("admin_bkpsdm")
    url = reverse("api-career-award-decision", args=[talent_only.pk])
    response = client.post(url, {"outcome": "tidak"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"note": ["Tuliskan alasan penghargaan tidak diberikan."]}
    ok = client.post(
        url,
        {"outcome": "tidak", "note": "Sudah menerima tahun lalu"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["basis_key"].startswith("talenta:")


def test_only_the_agency_admin_decides(world, login):
    star, *_ = _people(world)
    for persona in ("inspektur", "kepala"):
        response = login(persona).post(
            reverse("api-career-award-decision", args=[star.pk]),
            {"outcome": "diberikan", "award": "Piagam"},
            content_type="application/json",
        )
        assert response.status_code == 404
    assert not AwardDecision.objects.exists()


def test_an_employee_without_a_recommendation_cannot_be_decided_on(world, login):
    _people(world)
    response = login("admin_bkpsdm").get(reverse("career:award-decide", args=[world.pegawai.pk]))
    assert response.status_code == 404


def test_another_agencys_admin_sees_none_of_it(world, login):
    _people(world)
    client = login("admin_agensi_lain")
    assert client.get(reverse("api-career-award-list")).json()["count"] == 0
    assert client.get(reverse("api-career-sanction-list")).json()["count"] == 0
