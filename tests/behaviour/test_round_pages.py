"""The agency admin's pages: creating a round, its progress with the raters still to answer
(and their export), opening, reminding, closing and deleting from the page; the head's view of
the weakest values per unit; and query counts that do not grow with the data."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.behaviour.models import FeedbackRound, RoundStatus
from kinerja.core.models import Notification
from kinerja.planning import services as planning
from tests.behaviour.conftest import answer, close, make_round, scores, table_rows


def detail_url(feedback_round) -> str:
    return reverse("behaviour:round-detail", kwargs={"pk": feedback_round.pk})


def test_the_admin_creates_a_round_from_the_form(world, period, staff, login):
    client = login("admin_bkpsdm")
    closes = timezone.localdate() + dt.timedelta(days=10)

    form = client.get(reverse("behaviour:round-create")).content.decode()
    response = client.post(
        reverse("behaviour:round-create"),
        {
            "name": "Umpan Balik 360° 2026",
            "period": period.pk,
            "units": [world.kecamatan.pk],
            "closes_on": closes.isoformat(),
            "min_respondents": 3,
            "max_assignments": 15,
            "peers_per_subject": 4,
        },
    )

    assert "Kecamatan Plaju" in form
    created = FeedbackRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(created)
    detail = client.get(detail_url(created)).content.decode()
    assert "0 dari 42 penilaian terkirim" in detail
    assert "Buka putaran" in detail


def test_the_form_shows_why_it_was_refused(world, period, staff, login):
    response = login("admin_bkpsdm").post(
        reverse("behaviour:round-create"),
        {
            "name": "Putaran",
            "period": period.pk,
            "whole_agency": "on",
            "units": [world.kecamatan.pk],
            "closes_on": "2020-01-01",
            "min_respondents": 2,
            "max_assignments": 15,
            "peers_per_subject": 4,
        },
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Pilih seluruh instansi atau sekurang-kurangnya satu unit." in body
    assert "Pastikan nilai ini lebih besar dari atau sama dengan 3." in body
    assert FeedbackRound.objects.count() == 0


def test_the_admin_opens_reminds_and_closes_from_the_page(world, draft_round, login):
    client = login("admin_bkpsdm")

    client.post(reverse("behaviour:round-open", kwargs={"pk": draft_round.pk}), {"version": 1})
    reminded = client.post(
        reverse("behaviour:round-remind", kwargs={"pk": draft_round.pk}), follow=True
    )
    client.post(reverse("behaviour:round-close", kwargs={"pk": draft_round.pk}), {"version": 2})

    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.CLOSED
    assert "Pengingat dikirim kepada 10 penilai." in reminded.content.decode()
    assert Notification.objects.filter(code="behaviour.round.reminded").count() == 10


def test_a_stale_form_is_refused_with_the_reason(world, draft_round, login):
    response = login("admin_bkpsdm").post(
        reverse("behaviour:round-open", kwargs={"pk": draft_round.pk}),
        {"version": 9},
        follow=True,
    )

    assert "telah diubah oleh pengguna lain" in response.content.decode()
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_the_admin_deletes_a_draft_from_the_page(world, draft_round, login):
    response = login("admin_bkpsdm").post(
        reverse("behaviour:round-delete", kwargs={"pk": draft_round.pk}), {"version": 1}
    )

    assert response["Location"] == reverse("behaviour:round-list")
    assert FeedbackRound.objects.count() == 0


def test_the_inspector_reads_the_progress_but_cannot_act(world, draft_round, auditing, login):
    """`inspektur` is auditing the kecamatan: the whole round, here."""
    client = login("inspektur")

    page = client.get(detail_url(draft_round)).content.decode()
    refused = client.post(
        reverse("behaviour:round-open", kwargs={"pk": draft_round.pk}), {"version": 1}
    )

    assert "0 dari 42 penilaian terkirim" in page
    assert "Buka putaran" not in page
    assert refused.status_code == 403
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_the_progress_lists_who_has_not_sent_everything_searchable(world, open_round, staff, login):
    for subject in (world.pegawai, world.atasan, *staff.values()):
        answer(world, open_round, subject, world.rekan, scores(4))
    answer(world, open_round, world.rekan, world.rekan, scores(4))
    answer(world, open_round, world.atasan, world.pegawai, scores(4))
    client = login("admin_bkpsdm")

    page = client.get(detail_url(open_round)).content.decode()
    found = client.get(detail_url(open_round), {"q": "budi"}).content.decode()

    assert "7 dari 42 penilaian terkirim" in page
    unanswered = page[page.index('id="unanswered"') :]
    assert "Dewi Lestari" not in unanswered  # rekan sent all six
    assert "Budi Santoso" in unanswered
    rows = table_rows(page, "progress-by-relation")
    assert rows[1:] == [
        ["Atasan langsung", "6", "0"],
        ["Rekan kerja", "20", "4"],
        ["Bawahan", "6", "2"],
        ["Diri sendiri", "10", "1"],
    ]
    assert "Budi Santoso" in found[found.index('id="unanswered"') :]
    assert "Siti Aminah" not in found[found.index('id="unanswered"') :]


def test_the_progress_export_lists_every_rater(world, open_round, login):
    answer(world, open_round, world.pegawai, world.rekan, scores(4))

    response = login("admin_bkpsdm").get(detail_url(open_round), {"format": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "NIP",
        "Nama penilai",
        "Unit kerja",
        "Penilaian",
        "Terkirim",
        "Belum dikirim",
    )
    assert len(rows) == 11
    rekan = next(row for row in rows if row[1] == "Dewi Lestari")
    assert rekan[3:] == (6, 1, 5)


def test_the_head_sees_the_weakest_values_of_each_unit(world, closed_example, login):
    page = (
        login("kepala")
        .get(reverse("behaviour:unit-summary", kwargs={"pk": closed_example.pk}))
        .content.decode()
    )

    rows = table_rows(page, "unit-summary")
    assert rows[1] == [
        "Kelurahan Plaju Ulu 1 pegawai",
        "Kolaboratif Akuntabel",
        "4,00",
        "3,83",
        "4,00",
        "4,00",
        "4,00",
        "4,00",
        "3,25",
    ]
    assert "4 jawaban" in page[page.index('id="overall"') :]


def test_the_units_view_is_for_heads_admins_and_inspectors(world, closed_example, auditing, login):
    """`inspektur` is auditing the kecamatan, whose people the round rates (issue 7)."""
    url = reverse("behaviour:unit-summary", kwargs={"pk": closed_example.pk})

    assert login("atasan").get(url).status_code == 403
    assert login("pegawai").get(url).status_code == 403
    assert login("inspektur").get(url).status_code == 200


def test_the_round_list_shows_progress(world, open_round, login):
    answer(world, open_round, world.pegawai, world.rekan, scores(4))

    page = login("admin_bkpsdm").get(reverse("behaviour:round-list")).content.decode()

    assert "Umpan Balik 360° 2026" in page
    assert "1 / 42 (2%)" in page


# --- Query counts -------------------------------------------------------------------------------


def another_period(world, year: int):
    return planning.create_period(
        world.agency,
        actor=None,
        year=year,
        name=f"Tahun {year}",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
    )


def count_queries(client, url, django_assert_max_num_queries, **params) -> int:
    with django_assert_max_num_queries(60) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def test_the_round_list_costs_the_same_for_one_or_three_rounds(
    world, period, staff, login, django_assert_max_num_queries
):
    client = login("admin_bkpsdm")
    url = reverse("behaviour:round-list")
    make_round(world, period, units=[world.kelurahan])
    one = count_queries(client, url, django_assert_max_num_queries)
    for year in (2027, 2028):
        make_round(world, another_period(world, year), units=[world.kelurahan], name=f"P {year}")

    assert count_queries(client, url, django_assert_max_num_queries) == one


def test_the_progress_page_costs_the_same_with_more_raters_to_follow_up(
    world, period, staff, login, django_assert_max_num_queries
):
    client = login("admin_bkpsdm")
    small = make_round(world, period, units=[world.kelurahan])
    few = count_queries(client, detail_url(small), django_assert_max_num_queries)
    big = make_round(world, another_period(world, 2027), units=[world.kecamatan])

    assert count_queries(client, detail_url(big), django_assert_max_num_queries) == few


def test_the_feedback_page_costs_the_same_for_two_or_six_questionnaires(
    world, period, staff, login, django_assert_max_num_queries
):
    from kinerja.behaviour.services import rounds

    feedback_round = make_round(world, period)
    rounds.open_round(feedback_round, actor=world.users["admin_bkpsdm"], expected_version=None)
    url = reverse("behaviour:mine")
    two = count_queries(login("kepala"), url, django_assert_max_num_queries)  # self + atasan
    six = count_queries(login("rekan"), url, django_assert_max_num_queries)

    assert six == two


def test_report_and_unit_pages_cost_the_same_with_more_answers(
    world, open_round, staff, login, django_assert_max_num_queries
):
    answer(world, open_round, world.pegawai, world.atasan, scores(4))
    answer(world, open_round, world.pegawai, world.pegawai, scores(5))
    answer(world, open_round, world.rekan, world.pegawai, scores(3))
    answer(world, open_round, world.rekan, staff["staf_a"], scores(4))
    answer(world, open_round, world.rekan, staff["staf_b"], scores(2), comment_1="Baik")
    for rater in (world.rekan, staff["staf_a"], staff["staf_b"], staff["staf_c"]):
        answer(world, open_round, world.pegawai, rater, scores(4), comment_2="Rapi")
    close(world, open_round)
    client = login("admin_bkpsdm")
    report = reverse(
        "behaviour:report", kwargs={"round_pk": open_round.pk, "employee_pk": world.pegawai.pk}
    )
    sparse = reverse(
        "behaviour:report", kwargs={"round_pk": open_round.pk, "employee_pk": world.rekan.pk}
    )
    units = reverse("behaviour:unit-summary", kwargs={"pk": open_round.pk})

    assert count_queries(client, report, django_assert_max_num_queries) == count_queries(
        client, sparse, django_assert_max_num_queries
    )
    assert count_queries(client, units, django_assert_max_num_queries) <= 13  # + menu badge
