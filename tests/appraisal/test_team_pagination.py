"""Kinerja tim and the evaluation list at scale: 50 reports a page with search, the "Menunggu
tindakan Anda" summary counted over the whole team in SQL, the SKP to open shown 20 a page,
and numbers of queries that do not grow with the team or the page."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.planning.conftest import add_reports, submit_new_plan

TEAM = "appraisal:team-performance"


def test_the_team_is_shown_fifty_a_page_and_the_summary_covers_everyone(world, period, login):
    staff = add_reports(world, 55)
    submit_new_plan(world, staff[-1], period)  # Staf Tambahan 54, on the second page

    first = login("atasan").get(reverse(TEAM)).content.decode()
    second = login("atasan").get(reverse(TEAM), {"page": 2}).content.decode()

    assert "57 bawahan" in first
    assert "Halaman 1 dari 2" in first
    assert first.count('<td data-label="Pegawai">') == 50
    assert second.count('<td data-label="Pegawai">') == 7
    assert "Staf Tambahan 47" in first
    assert "Staf Tambahan 48</" not in first
    assert "Setujui atau kembalikan SKP Staf Tambahan 54" in first
    assert "Setujui atau kembalikan SKP Staf Tambahan 54" in second


def test_the_summary_names_ten_and_counts_the_rest(world, period, login):
    for person in add_reports(world, 12):
        submit_new_plan(world, person, period)

    body = login("atasan").get(reverse(TEAM)).content.decode()

    assert body.count("Setujui atau kembalikan SKP") == 10
    assert "Setujui atau kembalikan SKP Staf Tambahan 09" in body
    assert "Setujui atau kembalikan SKP Staf Tambahan 10" not in body
    assert "dan 2 SKP lain menunggu persetujuan Anda" in body


def test_the_team_is_searched_by_name_or_nip(world, period, login):
    staff = add_reports(world, 3)
    client = login("atasan")

    by_name = client.get(reverse(TEAM), {"q": "tambahan 01"}).content.decode()
    by_nip = client.get(reverse(TEAM), {"q": staff[2].nip}).content.decode()
    nothing = client.get(reverse(TEAM), {"q": "Tidak Ada"}).content.decode()

    assert "1 dari 5 bawahan cocok dengan pencarian" in by_name
    assert "Staf Tambahan 01" in by_name
    assert "Staf Tambahan 00" not in by_name
    assert "Budi Santoso" not in by_name
    assert "Staf Tambahan 02" in by_nip
    assert "Staf Tambahan 01" not in by_nip
    assert "Tidak ada bawahan yang cocok dengan pencarian." in nothing


def test_the_export_still_lists_every_report(world, period, login):
    add_reports(world, 55)

    response = login("atasan").get(reverse(TEAM), {"period": period.pk, "format": "xlsx"})

    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.max_row == 1 + 57


def test_the_team_page_reads_the_same_number_of_queries_for_7_or_60_reports(
    world, period, login, approved_plan, django_assert_max_num_queries
):
    approved_plan(world.pegawai)
    submit_new_plan(world, world.rekan, period)
    add_reports(world, 5)
    client = login("atasan")
    client.get(reverse(TEAM))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse(TEAM))
    for person in add_reports(world, 55, prefix="Staf Lain"):
        if person.name.endswith("7"):
            approved_plan(person)

    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(TEAM))

    body = response.content.decode()
    assert "Halaman 1 dari 2" in body
    assert body.count('<td data-label="Pegawai">') == 50


def test_the_evaluation_list_shows_the_skp_to_open_twenty_a_page(
    world, period, login, approved_plan, django_assert_num_queries
):
    for person in [world.pegawai, world.rekan, *add_reports(world, 2)]:
        approved_plan(person)
    client = login("atasan")
    client.get(reverse("appraisal:evaluation-list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("appraisal:evaluation-list"))
    for person in add_reports(world, 20, prefix="Staf Lain"):
        approved_plan(person)

    with django_assert_num_queries(len(small.captured_queries)):
        first = client.get(reverse("appraisal:evaluation-list")).content.decode()
    second = client.get(reverse("appraisal:evaluation-list"), {"buka": 2}).content.decode()

    assert first.count('name="plan"') == 20
    assert second.count('name="plan"') == 4
    assert "Halaman 1 dari 2 (24 SKP)" in first
    assert "Budi Santoso" in first
    assert "Staf Tambahan 01" in second
