"""The agency list of functional employees, one employee's ledger (page, XLSX, PDF), who sees
what, and the credit-needed table an admin corrects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.career.models import CreditRequirement
from kinerja.career.services.credits import post_credits, record_opening_balance
from kinerja.core.models import AuditEntry
from kinerja.org.models import Employee
from tests.career.conftest import make_final, make_functional, make_period


def _team(world, count: int) -> list[Employee]:
    period = make_period(world.agency)
    people = []
    for number in range(count):
        person = make_functional(world, f"Fungsional {number:02d}", rank="III/a")
        make_final(person, period, "Baik" if number % 2 else "Sangat Baik")
        people.append(person)
    post_credits(world.agency, actor=None)
    return people


def test_the_list_shows_totals_and_progress_in_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries
):
    _team(world, 6)
    client = login("admin_bkpsdm")
    with django_assert_max_num_queries(18):
        response = client.get(reverse("career:ledger-list"))
    page = response.content.decode()
    assert "6 pegawai" in page
    # Fungsional 00: Sangat Baik as Ahli Pertama = 18,75 of 50 for the rank, of 100 for the level.
    assert "18,75 / 50,00" in page
    assert "18,75 / 100,00" in page
    assert "12,50 / 50,00" in page


def test_the_list_filters_by_name_and_level(world, login):
    _team(world, 3)
    make_functional(world, "Sari Madya", "ahli_madya", rank="IV/a")
    client = login("admin_bkpsdm")
    by_level = client.get(reverse("career:ledger-list"), {"level": "ahli_madya"})
    assert by_level.context["page"].paginator.count == 1
    by_name = client.get(reverse("career:ledger-list"), {"q": "fungsional 01"})
    assert [r.employee.name for r in by_name.context["rows"]] == ["Fungsional 01"]


def test_a_head_lists_only_their_subtree(world, login):
    from tests import factories

    _team(world, 2)
    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati")
    make_functional(world, "Di Kertapati", unit=elsewhere)
    rows = login("kepala").get(reverse("career:ledger-list")).context["rows"]
    assert sorted(r.employee.name for r in rows) == ["Fungsional 00", "Fungsional 01"]
    admin_rows = login("admin_bkpsdm").get(reverse("career:ledger-list")).context["rows"]
    assert len(admin_rows) == 3


def test_the_list_exports_xlsx_and_pdf(world, auditing, login):
    _team(world, 2)
    client = login("inspektur")  # auditing Kecamatan Plaju
    response = client.get(reverse("career:ledger-list"), {"format": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("NIP", "Nama", "Jabatan")
    assert [(r[1], r[6]) for r in rows[1:]] == [("Fungsional 00", 18.75), ("Fungsional 01", 12.5)]
    pdf = client.get(reverse("career:ledger-list"), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_an_employee_sees_their_own_ledger_and_not_a_peers(world, functional, login):
    peer = make_functional(world, "Rekan Fungsional")
    client = login("fungsional")
    assert client.get(reverse("career:my-ledger")).url == reverse(
        "career:ledger", args=[functional.pk]
    )
    assert client.get(reverse("career:ledger", args=[functional.pk])).status_code == 200
    assert client.get(reverse("career:ledger", args=[peer.pk])).status_code == 404
    assert client.get(reverse("api-career-ledger-detail", args=[peer.pk])).status_code == 404


def test_the_ledger_pdf_is_a_statement_with_the_totals(world, functional, login):
    record_opening_balance(
        functional,
        actor=None,
        amount=Decimal("18.75"),
        effective_date=dt.date(2026, 1, 1),
        note="PAK integrasi",
    )
    response = login("atasan").get(
        reverse("career:ledger", args=[functional.pk]), {"format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    xlsx = login("atasan").get(reverse("career:ledger", args=[functional.pk]), {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][1:] == (
        "Saldo awal angka kredit",
        None,
        None,
        "Ahli Pertama",
        None,
        None,
        18.75,
        18.75,
        "PAK integrasi",
    )


def test_a_non_functional_employee_sees_why_there_is_no_credit(world, login):
    page = login("pegawai").get(reverse("career:my-ledger"), follow=True).content.decode()
    assert "tidak menduduki jabatan fungsional berjenjang" in page


def test_progress_counts_from_the_tmt_golongan_and_tmt_jabatan(world, functional, login):
    Employee.objects.filter(pk=functional.pk).update(
        rank="III/a", rank_since=dt.date(2026, 4, 1), position_since=dt.date(2025, 1, 1)
    )
    functional.refresh_from_db()
    record_opening_balance(
        functional, actor=None, amount=Decimal(30), effective_date=dt.date(2025, 1, 1)
    )
    record_opening_balance(
        functional, actor=None, amount=Decimal(10), effective_date=dt.date(2026, 4, 1)
    )
    ledger = (
        login("admin_bkpsdm").get(reverse("api-career-ledger-detail", args=[functional.pk])).json()
    )
    assert ledger["total"] == "40.00"
    assert ledger["rank_progress"]["earned"] == "10.00"
    assert ledger["level_progress"]["earned"] == "40.00"
    assert ledger["next_level"] == "ahli_muda"


def test_the_admin_corrects_the_credit_table_and_it_is_audited(world, functional, login):
    client = login("admin_bkpsdm")
    url = reverse("career:credit-requirement-edit", args=["ahli_pertama"])
    response = client.post(
        url,
        {
            "rank_min": "III/a",
            "rank_max": "III/b",
            "rank_step_credit": "40",
            "next_level_credit": "90",
        },
    )
    assert response.status_code == 302
    row = CreditRequirement.objects.get(agency=world.agency, level="ahli_pertama")
    assert (row.rank_step_credit, row.next_level_credit) == (Decimal(40), Decimal(90))
    audit = AuditEntry.objects.get(action="career.requirement.updated")
    assert audit.changes["rank_step_credit"] == ["50", "40"]
    ledger = client.get(reverse("api-career-ledger-detail", args=[functional.pk])).json()
    assert ledger["rank_progress"]["needed"] == "40.00"
    table = client.get(reverse("api-career-credit-table")).json()
    assert [(r["level"], r["is_default"]) for r in table][4] == ("ahli_pertama", False)


def test_the_credit_table_refuses_an_inverted_rank_range(world, login):
    response = login("admin_bkpsdm").put(
        reverse("api-career-credit-requirement", args=["ahli_muda"]),
        {"rank_min": "III/d", "rank_max": "III/c", "rank_step_credit": "100"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "rank_max" in response.json()
    assert not CreditRequirement.objects.exists()


def test_the_inspector_reads_the_credit_table_but_cannot_change_it(world, login):
    client = login("inspektur")
    assert client.get(reverse("career:credit-table")).status_code == 200
    response = client.put(
        reverse("api-career-credit-requirement", args=["ahli_muda"]),
        {"rank_min": "III/c", "rank_max": "III/d", "rank_step_credit": "90"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not CreditRequirement.objects.exists()
