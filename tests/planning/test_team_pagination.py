"""Tim saya at scale: 50 subordinates a page, search by name or NIP, the counts over the whole
team computed in SQL, and a number of queries that does not grow with the team."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.planning.conftest import add_reports, submit_new_plan


def test_the_team_is_shown_fifty_a_page_with_counts_over_the_whole_team(world, period, login):
    staff = add_reports(world, 55)
    submit_new_plan(world, staff[-1], period)  # Staf Tambahan 54, on the second page

    first = login("atasan").get(reverse("planning:team")).content.decode()
    second = login("atasan").get(reverse("planning:team"), {"page": 2}).content.decode()

    assert "57 bawahan langsung" in first
    assert "Halaman 1 dari 2" in first
    assert first.count('data-label="Pegawai"') == 50
    assert second.count('data-label="Pegawai"') == 7
    assert "Budi Santoso" in first
    assert "Staf Tambahan 47" in first
    assert "Staf Tambahan 48" not in first
    assert "Staf Tambahan 54" in second
    # The cards count the whole team: one SKP waits (on page 2), 56 are not submitted.
    assert "<h2>Menunggu persetujuan Anda</h2>\n        <p>1</p>" in first
    assert "<h2>Belum mengajukan SKP</h2>\n        <p>56</p>" in first


def test_the_team_is_searched_by_name_or_nip(world, period, login):
    staff = add_reports(world, 3)
    client = login("atasan")

    by_name = client.get(reverse("planning:team"), {"q": "tambahan 01"}).content.decode()
    by_nip = client.get(reverse("planning:team"), {"q": staff[2].nip[:18]}).content.decode()
    nothing = client.get(reverse("planning:team"), {"q": "Tidak Ada"}).content.decode()

    assert "1 dari 5 bawahan cocok dengan pencarian" in by_name
    assert "Staf Tambahan 01" in by_name
    assert "Staf Tambahan 00" not in by_name
    assert "Budi Santoso" not in by_name
    assert "Staf Tambahan 02" in by_nip
    assert "Staf Tambahan 01" not in by_nip
    assert "Tidak ada bawahan yang cocok dengan pencarian." in nothing


def test_the_team_page_reads_the_same_number_of_queries_for_7_or_60_subordinates(
    world, period, login, approved_plan, django_assert_num_queries
):
    approved_plan(world.atasan)
    add_reports(world, 5)
    client = login("atasan")
    client.get(reverse("planning:team"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("planning:team"))
    for index in range(55):
        factories.make_employee(world.kelurahan, f"Staf Lain {index:02d}", supervisor=world.atasan)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("planning:team"), {"page": 2})

    assert "Halaman 2 dari 2" in response.content.decode()
