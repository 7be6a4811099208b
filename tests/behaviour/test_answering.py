"""Answering: the rater keeps a draft and sends all 21 answers once; nobody answers twice, about
someone they were not assigned, before the round opens or after it closes; a sent answer keeps
no trace of its rater, and the audit trail records that someone answered, never what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.behaviour.aggregation import SCORE_FIELDS
from kinerja.behaviour.models import Answer, AssignmentStatus
from kinerja.behaviour.services import answering
from kinerja.core.models import AuditEntry
from tests.behaviour.conftest import answer, assignment_of, close, scores


def test_a_draft_keeps_some_answers_for_later(world, open_round):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)

    saved = answering.save_draft(
        assignment,
        actor=world.users["rekan"],
        expected_version=assignment.version,
        scores={"score_1_1": 4, "score_1_2": None, "score_3_3": 2},
        comments={"comment_1": "  Tanggap  "},
    )

    assert saved.status == AssignmentStatus.DRAFT
    assert saved.draft == {
        "scores": {"score_1_1": 4, "score_3_3": 2},
        "comments": {"comment_1": "Tanggap"},
    }
    assert Answer.objects.count() == 0


def test_sending_stores_the_answers_without_the_rater_and_empties_the_draft(world, open_round):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    answering.save_draft(
        assignment,
        actor=world.users["rekan"],
        expected_version=None,
        scores={"score_1_1": 2},
        comments={},
    )

    sent = answer(
        world, open_round, world.pegawai, world.rekan, scores(4, score_7_3=1), comment_2="Rapi"
    )

    assert sent.status == AssignmentStatus.SUBMITTED
    assert sent.draft == {}
    assert sent.submitted_at is not None
    stored = Answer.objects.get()
    assert stored.subject == world.pegawai
    assert stored.unit == world.kelurahan
    assert stored.relation == "rekan"
    assert stored.score_1_1 == 4
    assert stored.score_7_3 == 1
    assert stored.comment_2 == "Rapi"
    assert stored.counted is False
    # No column of the answer leads back to the rater, the assignment or the moment.
    names = {field.name for field in Answer._meta.get_fields()}
    assert not names & {"rater", "assignment", "created_at", "updated_at", "submitted_at", "author"}


def test_the_audit_trail_records_that_someone_answered_never_what(world, open_round):
    answer(world, open_round, world.pegawai, world.rekan, scores(2), comment_1="Rahasia sekali")

    entries = AuditEntry.objects.filter(action__startswith="behaviour.assignment")
    assert [(e.action, e.changes) for e in entries] == [
        ("behaviour.assignment.submitted", {"status": ["pending", "submitted"]})
    ]
    assert "Rahasia" not in str(entries[0].__dict__)


def test_sending_needs_all_21_answers_and_changes_nothing_otherwise(world, open_round):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    partial = scores(4)
    del partial["score_5_2"]

    with pytest.raises(ValidationError) as refused:
        answering.submit_answers(
            assignment,
            actor=world.users["rekan"],
            expected_version=None,
            scores=partial,
            comments={},
        )

    assert refused.value.message_dict == {"score_5_2": ["Wajib dijawab sebelum dikirim."]}
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PENDING
    assert Answer.objects.count() == 0


@pytest.mark.parametrize("bad", [0, 6, "4", 3.5, True])
def test_scores_off_the_scale_are_refused(world, open_round, bad):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)

    with pytest.raises(ValidationError):
        answering.submit_answers(
            assignment,
            actor=world.users["rekan"],
            expected_version=None,
            scores=scores(4, score_1_1=bad),
            comments={},
        )

    assert Answer.objects.count() == 0


def test_a_rater_cannot_answer_twice(world, open_round):
    answer(world, open_round, world.pegawai, world.rekan, scores(4))

    with pytest.raises(ValidationError, match="sudah dikirim"):
        answer(world, open_round, world.pegawai, world.rekan, scores(1))
    with pytest.raises(ValidationError, match="sudah dikirim"):
        answering.save_draft(
            assignment_of(open_round, world.pegawai, world.rekan),
            actor=world.users["rekan"],
            expected_version=None,
            scores={"score_1_1": 1},
            comments={},
        )

    assert Answer.objects.count() == 1
    assert Answer.objects.get().score_1_1 == 4


def test_nobody_answers_an_assignment_of_someone_else(world, open_round):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)

    for persona in ("pegawai", "atasan", "admin_bkpsdm", "superuser"):
        with pytest.raises(PermissionDenied):
            answering.submit_answers(
                assignment,
                actor=world.users[persona],
                expected_version=None,
                scores=scores(5),
                comments={},
            )

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PENDING
    assert Answer.objects.count() == 0


def test_nothing_can_be_answered_or_changed_after_the_round_closes(world, open_round):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    answering.save_draft(
        assignment,
        actor=world.users["rekan"],
        expected_version=None,
        scores={"score_1_1": 3},
        comments={},
    )
    close(world, open_round)

    with pytest.raises(ValidationError, match="sudah ditutup"):
        answer(world, open_round, world.pegawai, world.rekan, scores(4))
    with pytest.raises(ValidationError, match="sudah ditutup"):
        answering.save_draft(
            assignment, actor=world.users["rekan"], expected_version=None, scores={}, comments={}
        )

    assert Answer.objects.count() == 0


def test_nothing_is_answered_before_the_round_opens(world, draft_round):
    with pytest.raises(ValidationError, match="belum dibuka"):
        answer(world, draft_round, world.pegawai, world.rekan, scores(4))


# --- Pages ---------------------------------------------------------------------------------------


def questionnaire_url(feedback_round, subject, rater) -> str:
    return reverse(
        "behaviour:questionnaire", kwargs={"pk": assignment_of(feedback_round, subject, rater).pk}
    )


def form_data(answers: dict[str, int], version: int, action: str, **comments: str) -> dict:
    return {
        "version": version,
        "action": action,
        **{k: str(v) for k, v in answers.items()},
        **comments,
    }


def test_the_rater_lists_whom_to_answer_about(world, open_round, login):
    body = login("rekan").get(reverse("behaviour:mine")).content.decode()

    assert "0 dari 6 terkirim" in body
    for name in ("Budi Santoso", "Agus Wijaya", "Siti Aminah", "Diri saya sendiri"):
        assert name in body


def test_the_questionnaire_shows_21_behaviours_with_labelled_scales(world, open_round, login):
    body = (
        login("rekan")
        .get(questionnaire_url(open_round, world.pegawai, world.rekan))
        .content.decode()
    )

    assert body.count('class="behaviour-question') == 21
    assert body.count('type="radio"') == 105
    assert "5 · Selalu" in body
    assert "1 · Hampir tidak pernah" in body
    assert "Memahami dan memenuhi kebutuhan masyarakat" in body
    assert "Seberapa sering Budi Santoso menunjukkan perilaku berikut" in body
    assert "hanya bila sekurang-kurangnya 3 penilai kelompok itu menjawab" in body


def test_the_page_saves_a_draft_then_sends(world, open_round, login):
    client = login("rekan")
    url = questionnaire_url(open_round, world.pegawai, world.rekan)
    assignment = assignment_of(open_round, world.pegawai, world.rekan)

    drafted = client.post(url, form_data({"score_1_1": 4}, assignment.version, "draft"))
    page = client.get(url).content.decode()
    assignment.refresh_from_db()
    sent = client.post(url, form_data(scores(3), assignment.version, "submit", comment_4="Ramah"))

    assert drafted.status_code == 302
    assert "1 dari 21 perilaku dijawab." in page
    assert 'value="4" id="id_score_1_1_3" checked' in page
    assert sent.status_code == 302
    stored = Answer.objects.get()
    assert stored.score_1_1 == 3
    assert stored.comment_4 == "Ramah"
    after = client.get(url).content.decode()
    assert "tidak dapat dilihat atau diubah lagi" in after
    assert 'type="radio"' not in after


def test_sending_an_incomplete_form_shows_what_is_missing(world, open_round, login):
    client = login("rekan")
    url = questionnaire_url(open_round, world.pegawai, world.rekan)
    partial = scores(4)
    del partial["score_2_2"]
    del partial["score_6_1"]

    response = client.post(url, form_data(partial, 1, "submit"))

    body = response.content.decode()
    assert response.status_code == 400
    assert "2 pertanyaan belum dijawab." in body
    assert body.count("Wajib dijawab sebelum dikirim.") == 2
    assert Answer.objects.count() == 0


def test_posting_again_after_sending_is_refused_with_the_reason(world, open_round, login):
    answer(world, open_round, world.pegawai, world.rekan, scores(4))

    response = login("rekan").post(
        questionnaire_url(open_round, world.pegawai, world.rekan), form_data(scores(1), 2, "submit")
    )

    assert response.status_code == 400
    assert "sudah dikirim dan tidak dapat diubah" in response.content.decode()
    assert Answer.objects.get().score_1_1 == 4


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "admin_bkpsdm", "superuser", "kepala"])
def test_another_persons_questionnaire_is_not_found(world, open_round, login, persona):
    url = questionnaire_url(open_round, world.pegawai, world.rekan)

    assert login(persona).get(url).status_code == 404
    assert login(persona).post(url, form_data(scores(5), 1, "submit")).status_code == 404
    assert Answer.objects.count() == 0


def test_a_questionnaire_of_a_draft_round_is_not_found(world, draft_round, login):
    assert (
        login("rekan").get(questionnaire_url(draft_round, world.pegawai, world.rekan)).status_code
        == 404
    )


def test_the_supervisor_is_told_their_answers_are_named(world, open_round, login):
    body = (
        login("atasan")
        .get(questionnaire_url(open_round, world.pegawai, world.atasan))
        .content.decode()
    )

    assert "jawaban Anda ditampilkan terpisah dan dengan nama Anda" in body


# --- API ----------------------------------------------------------------------------------------


def test_the_api_saves_a_draft_and_sends(world, open_round, login):
    client = login("rekan")
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    url = reverse("api-behaviour-questionnaire-detail", kwargs={"pk": assignment.pk})

    drafted = client.put(
        url,
        {"version": assignment.version, "scores": {"score_1_1": 2}},
        content_type="application/json",
    )
    sent = client.post(
        reverse("api-behaviour-questionnaire-submit", kwargs={"pk": assignment.pk}),
        {
            "version": drafted.json()["version"],
            "scores": scores(5),
            "comments": {"comment_1": "Oke"},
        },
        content_type="application/json",
    )

    assert drafted.status_code == 200
    assert drafted.json()["draft"] == {"scores": {"score_1_1": 2}, "comments": {}}
    assert drafted.json()["answered"] == 1
    assert sent.status_code == 200
    assert sent.json()["status"] == "submitted"
    assert sent.json()["draft"] == {}
    assert len(sent.json()["questions"]) == len(SCORE_FIELDS)
    assert Answer.objects.get().comment_1 == "Oke"


def test_the_api_answers_400_with_the_reason_and_409_when_stale(world, open_round, login):
    client = login("rekan")
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    submit = reverse("api-behaviour-questionnaire-submit", kwargs={"pk": assignment.pk})

    incomplete = client.post(
        submit, {"version": 1, "scores": {"score_1_1": 4}}, content_type="application/json"
    )
    stale = client.post(
        submit, {"version": 7, "scores": scores(4)}, content_type="application/json"
    )

    assert incomplete.status_code == 400
    assert incomplete.json()["score_7_3"] == ["Wajib dijawab sebelum dikirim."]
    assert stale.status_code == 409
    assert Answer.objects.count() == 0


def test_the_api_hides_other_peoples_questionnaires(world, open_round, login):
    assignment = assignment_of(open_round, world.pegawai, world.rekan)
    url = reverse("api-behaviour-questionnaire-detail", kwargs={"pk": assignment.pk})

    assert login("admin_bkpsdm").get(url).status_code == 404
    listed = login("rekan").get(reverse("api-behaviour-questionnaire-list")).json()
    assert listed["count"] == 6
    assert {item["subject_name"] for item in listed["results"]} >= {"Budi Santoso", "Siti Aminah"}
