"""Anonymity holds everywhere: a rater group under the threshold shows nothing — no mean, no
comment, not even its size — on any page, endpoint, export, the evaluation page or the Django
admin; and nothing lists one rater's answers about a person, admins included.

`under_threshold`: about pegawai, only two peers answer (rekan all 1, staf_a all 2: their mean
would be 1,50) with comments marked RAHASIA-REKAN; the supervisor (4) and pegawai (5) answer
too. About atasan, two of five subordinates answer (pegawai 2, rekan 1: also 1,50) with a
comment RAHASIA-BAWAHAN; kepala answers as supervisor (3). The round is closed.
"""

from __future__ import annotations

import io

import pytest
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.behaviour.models import Answer
from kinerja.behaviour.services import answering
from kinerja.planning import services as planning
from tests.behaviour.conftest import answer, assignment_of, close, report_url, scores, table_rows
from tests.planning.conftest import fill_plan

SECRETS = ("RAHASIA-REKAN", "RAHASIA-STAF", "RAHASIA-BAWAHAN")


@pytest.fixture
def under_threshold(world, open_round, staff):
    answer(world, open_round, world.pegawai, world.atasan, scores(4))
    answer(world, open_round, world.pegawai, world.rekan, scores(1), comment_1="RAHASIA-REKAN")
    answer(world, open_round, world.pegawai, staff["staf_a"], scores(2), comment_7="RAHASIA-STAF")
    answer(world, open_round, world.pegawai, world.pegawai, scores(5))
    answer(world, open_round, world.atasan, world.kepala, scores(3))
    answer(world, open_round, world.atasan, world.pegawai, scores(2), comment_3="RAHASIA-BAWAHAN")
    answer(world, open_round, world.atasan, world.rekan, scores(1))
    return close(world, open_round)


def assert_nothing_of_the_small_groups(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text
    assert "1,50" not in text
    assert "1.50" not in text
    assert "Rekan kerja n=" not in text
    assert "Bawahan n=" not in text


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kepala", "admin_bkpsdm"])
def test_the_report_page_shows_nothing_of_the_peers(world, under_threshold, login, persona):
    body = login(persona).get(report_url(under_threshold, world.pegawai)).content.decode()

    assert_nothing_of_the_small_groups(body)
    rows = table_rows(body, "report-table")
    assert rows[0] == [
        "Nilai dasar",
        "Atasan langsung n=1",
        "Diri sendiri n=1",
        "Penilai lain",
        "Selisih diri − lain",
    ]
    assert rows[1] == ["1. Berorientasi Pelayanan", "4,00", "5,00", "4,00", "+1,00"]
    assert "Rekan kerja — kurang dari 3 penilai menjawab" in body


def test_the_report_of_the_supervisor_shows_nothing_of_two_subordinates(
    world, under_threshold, login
):
    body = login("atasan").get(report_url(under_threshold, world.atasan)).content.decode()

    assert_nothing_of_the_small_groups(body)
    # Supervisor 3,00, others (the supervisor alone) 3,00, no self-view: no gap.
    assert table_rows(body, "report-table")[1] == ["1. Berorientasi Pelayanan", "3,00", "3,00", "–"]
    assert "Bawahan — kurang dari 3 penilai menjawab" in body


def test_the_xlsx_and_pdf_show_nothing_of_the_peers(world, under_threshold, login):
    client = login("pegawai")
    xlsx = client.get(report_url(under_threshold, world.pegawai), {"format": "xlsx"})
    pdf = client.get(report_url(under_threshold, world.pegawai, "behaviour:report-pdf"))

    cells = [
        value
        for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
        for value in row
    ]
    assert 1.5 not in cells
    assert not any(isinstance(value, str) and "RAHASIA" in value for value in cells)
    assert "Rekan kerja (n=2)" not in cells
    assert "Tidak ditampilkan" in cells
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert_nothing_of_the_small_groups(text)
    assert "Rekan kerja" in text  # named only as not shown
    assert "Tidak ditampilkan karena kurang dari 3 penilai menjawab: Rekan kerja." in text


def test_the_api_report_shows_nothing_of_the_peers(world, under_threshold, login):
    response = login("pegawai").get(
        report_url(under_threshold, world.pegawai, "api-behaviour-report")
    )

    body = response.json()
    assert [g["relation"] for g in body["groups"]] == ["atasan", "diri"]
    assert body["others"]["count"] == 1
    assert body["hidden"] == ["rekan"]
    assert body["comments"] == []
    assert_nothing_of_the_small_groups(response.content.decode())


def test_the_units_view_hides_a_unit_under_the_threshold_everywhere(world, under_threshold, login):
    client = login("kepala")
    url = reverse("behaviour:unit-summary", kwargs={"pk": under_threshold.pk})

    page = client.get(url).content.decode()
    xlsx = client.get(url, {"format": "xlsx"})
    api = client.get(reverse("api-behaviour-unit-summary", kwargs={"pk": under_threshold.pk}))

    assert_nothing_of_the_small_groups(page)
    assert "Tidak ditampilkan: kurang dari 3 jawaban." in page
    assert 'id="overall"' not in page
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1] == ("Kelurahan Plaju Ulu", 2, None, *([None] * 7), "Tidak ditampilkan")
    assert api.json() == [
        {
            "unit": world.kelurahan.pk,
            "name": "Kelurahan Plaju Ulu",
            "people": 2,
            "answers": None,
            "value_means": None,
            "weakest": [],
        }
    ]


def test_the_evaluation_page_shows_nothing_of_the_peers(world, under_threshold, period, login):
    from kinerja.appraisal.services import evaluation as appraisal

    plan = planning.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, "Surat pengantar terlayani")
    plan = planning.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
    plan = planning.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
    evaluation = appraisal.open_evaluation(plan, actor=world.users["atasan"], subperiod=0)

    body = (
        login("atasan")
        .get(reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk}))
        .content.decode()
    )

    block = body[body.index('id="feedback-360"') : body.index("</aside>")]
    assert_nothing_of_the_small_groups(block)
    rows = table_rows(block, "feedback-360-table")
    assert rows[0] == ["Nilai dasar", "Penilai lain n=1", "Diri sendiri", "Selisih"]
    assert rows[1] == ["1. Berorientasi Pelayanan", "4,00", "5,00", "+1,00"]
    assert "Atasan langsung 1 · Diri sendiri 1" in block


def test_progress_pages_count_who_answered_never_what(world, under_threshold, login):
    client = login("admin_bkpsdm")

    detail = client.get(
        reverse("behaviour:round-detail", kwargs={"pk": under_threshold.pk})
    ).content.decode()
    api = client.get(
        reverse("api-behaviour-round-detail", kwargs={"pk": under_threshold.pk})
    ).content.decode()
    audit = client.get(reverse("core:audit-list")).content.decode()

    for text in (detail, api, audit):
        for secret in SECRETS:
            assert secret not in text
    assert "7 dari 42 penilaian terkirim" in detail


def test_the_django_admin_has_no_page_of_answers(world, under_threshold, client):
    client.force_login(world.users["superuser"], backend="kinerja.core.auth.NipOrUsernameBackend")

    with pytest.raises(NoReverseMatch):
        reverse("admin:behaviour_answer_changelist")
    index = client.get(reverse("admin:index")).content.decode()
    listing = client.get(reverse("admin:behaviour_assignment_changelist")).content.decode()

    assert "Jawaban umpan balik" not in index
    assert "Penugasan penilai" in index
    for secret in SECRETS:
        assert secret not in listing


def test_the_django_admin_does_not_show_a_draft(world, open_round, client):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    answering.save_draft(
        assignment,
        actor=world.users["rekan"],
        expected_version=None,
        scores={"score_1_1": 1},
        comments={"comment_1": "RAHASIA-DRAF"},
    )
    client.force_login(world.users["superuser"], backend="kinerja.core.auth.NipOrUsernameBackend")

    page = client.get(reverse("admin:behaviour_assignment_change", args=[assignment.pk]))

    assert page.status_code == 200
    assert "RAHASIA-DRAF" not in page.content.decode()
    assert 'name="draft"' not in page.content.decode()


def test_after_sending_not_even_the_rater_can_read_their_answers(world, under_threshold, login):
    assignment = assignment_of(under_threshold, world.pegawai, world.rekan)
    client = login("rekan")

    page = client.get(
        reverse("behaviour:questionnaire", kwargs={"pk": assignment.pk})
    ).content.decode()
    api = client.get(reverse("api-behaviour-questionnaire-detail", kwargs={"pk": assignment.pk}))

    assert "RAHASIA-REKAN" not in page
    assert 'type="radio"' not in page
    assert api.status_code == 200
    assert api.json()["draft"] == {}
    assert "RAHASIA" not in api.content.decode()


def test_an_answer_row_cannot_be_traced_to_its_rater(world, under_threshold):
    rows = list(Answer.objects.filter(subject=world.pegawai, relation="rekan").values())

    assert len(rows) == 2
    assert {key for key in rows[0] if not key.startswith(("score_", "comment_"))} == {
        "id",
        "agency_id",
        "round_id",
        "subject_id",
        "unit_id",
        "relation",
        "counted",
    }
    assert all(row["counted"] is False for row in rows)
