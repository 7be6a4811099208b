"""Continuous feedback and performance dialogues: only the rater, the employee is notified."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kinerja.appraisal.models import Dialogue, Feedback
from kinerja.appraisal.services import execution as services
from kinerja.core.models import AuditEntry, Notification
from kinerja.planning.models import PerformancePlan
from tests.appraisal.conftest import indicator
from tests.appraisal.test_execution_realisation import QUANTITY, _finalise


def _feedback_url(plan, number=1):
    return reverse("appraisal:feedback-add", args=[plan.pk, number])


def test_rater_gives_feedback_on_an_indicator_and_the_employee_is_notified(
    world, executed_plan, login
):
    target = indicator(executed_plan, QUANTITY)
    client = login("atasan")
    sheet = client.get(reverse("appraisal:realisation", args=[executed_plan.pk, 1]))
    assert "Kirim umpan balik" in sheet.content.decode()
    assert "Simpan realisasi" not in sheet.content.decode()

    response = client.post(
        _feedback_url(executed_plan),
        {"subject": f"indicator:{target.pk}", "text": "Pertahankan kecepatan layanan."},
    )

    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.indicator, feedback.value, feedback.subperiod, feedback.author) == (
        target,
        "",
        1,
        world.users["atasan"],
    )
    notification = Notification.objects.get(
        recipient=world.users["pegawai"], code="appraisal.feedback.given"
    )
    assert notification.url == reverse("appraisal:realisation", args=[executed_plan.pk, 1])
    assert "Jumlah surat pengantar" in notification.text
    assert AuditEntry.objects.filter(action="appraisal.feedback.given").count() == 1
    page = login("pegawai").get(reverse("appraisal:realisation", args=[executed_plan.pk, 1]))
    assert "Pertahankan kecepatan layanan." in page.content.decode()


def test_rater_gives_feedback_on_a_berakhlak_value_through_the_api(world, executed_plan, login):
    client = login("atasan")
    url = reverse("api-feedback-list", args=[executed_plan.pk])

    created = client.post(url, {"subperiod": 1, "value": "kolaboratif", "text": "Aktif membantu."})
    neither = client.post(url, {"subperiod": 1, "text": "Tanpa subjek"})
    listed = login("pegawai").get(url, {"subperiod": 1}).json()

    assert created.status_code == 201
    assert (created.json()["value"], created.json()["author_name"]) == (
        "kolaboratif",
        "Siti Aminah",
    )
    assert neither.status_code == 400
    assert [row["text"] for row in listed["results"]] == ["Aktif membantu."]


def test_the_employee_never_gives_feedback_on_their_own_plan(world, executed_plan, login):
    target = indicator(executed_plan, QUANTITY)
    with pytest.raises(PermissionDenied, match="SKP-nya sendiri"):
        services.give_feedback(
            executed_plan, actor=world.users["pegawai"], subperiod=1, text="Bagus", indicator=target
        )
    # Even when named as their own rater.
    PerformancePlan.objects.filter(pk=executed_plan.pk).update(rater=world.pegawai)
    executed_plan.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.give_feedback(
            executed_plan, actor=world.users["pegawai"], subperiod=1, text="Bagus", value="loyal"
        )
    page = login("pegawai").post(
        _feedback_url(executed_plan), {"subject": "value:loyal", "text": "Bagus"}
    )
    assert page.status_code == 403
    assert Feedback.objects.count() == 0


def test_only_the_rater_gives_feedback(world, executed_plan, login):
    for persona in ("kepala", "admin_bkpsdm", "rekan", "inspektur"):
        with pytest.raises(PermissionDenied):
            services.give_feedback(
                executed_plan, actor=world.users[persona], subperiod=1, text="x", value="loyal"
            )
    api = login("kepala").post(
        reverse("api-feedback-list", args=[executed_plan.pk]),
        {"subperiod": 1, "value": "loyal", "text": "x"},
    )
    assert api.status_code == 403
    assert Feedback.objects.count() == 0


def test_dialogue_is_recorded_by_the_rater_with_cause_when_not_achieved(
    world, executed_plan, login
):
    client = login("atasan")
    url = reverse("appraisal:dialogue-add", args=[executed_plan.pk, 1])

    missing_cause = client.post(
        url,
        {"held_on": "2026-03-20", "status": "tidak_tercapai", "explanation": "Target meleset."},
    )
    recorded = client.post(
        url,
        {
            "held_on": "2026-03-20",
            "status": "tidak_tercapai",
            "explanation": "Target meleset.",
            "cause": "Aplikasi surat sempat rusak.",
            "follow_up": "Ajukan perbaikan aplikasi.",
        },
    )

    assert missing_cause.status_code == 400
    assert "Tuliskan penyebab" in missing_cause.content.decode()
    assert recorded.status_code == 302
    dialogue = Dialogue.objects.get()
    assert (dialogue.held_on, dialogue.status, dialogue.cause) == (
        dt.date(2026, 3, 20),
        "tidak_tercapai",
        "Aplikasi surat sempat rusak.",
    )
    assert AuditEntry.objects.filter(action="appraisal.dialogue.recorded").count() == 1
    page = login("pegawai").get(reverse("appraisal:realisation", args=[executed_plan.pk, 1]))
    assert "Ajukan perbaikan aplikasi." in page.content.decode()
    api = login("pegawai").get(reverse("api-dialogue-list", args=[executed_plan.pk])).json()
    assert [row["status"] for row in api["results"]] == ["tidak_tercapai"]


def test_dialogue_api_refuses_the_employee_and_a_future_date(world, executed_plan, login):
    url = reverse("api-dialogue-list", args=[executed_plan.pk])
    payload = {"subperiod": 1, "held_on": "2026-02-01", "status": "tercapai", "explanation": "Ok"}

    employee = login("pegawai").post(url, payload)
    future = login("atasan").post(
        url, {**payload, "held_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat()}
    )
    created = login("atasan").post(url, payload)

    assert employee.status_code == 403
    assert future.status_code == 400
    assert created.status_code == 201
    assert Dialogue.objects.count() == 1


def test_final_evaluation_locks_feedback_and_dialogues(world, executed_plan, login):
    _finalise(executed_plan, 1)
    atasan = world.users["atasan"]
    with pytest.raises(ValidationError, match="sudah ditetapkan final"):
        services.give_feedback(executed_plan, actor=atasan, subperiod=1, text="x", value="loyal")
    client = login("atasan")
    page = client.get(reverse("appraisal:realisation", args=[executed_plan.pk, 1]))
    api = client.post(
        reverse("api-feedback-list", args=[executed_plan.pk]),
        {"subperiod": 1, "value": "loyal", "text": "x"},
    )

    assert "Kirim umpan balik" not in page.content.decode()
    assert api.status_code == 400
    assert Feedback.objects.count() == 0
    services.give_feedback(executed_plan, actor=atasan, subperiod=2, text="y", value="loyal")
    assert Feedback.objects.count() == 1


def test_feedback_shows_on_kinerja_saya_newest_first(world, executed_plan, login):
    atasan = world.users["atasan"]
    services.record_realisation(
        executed_plan,
        actor=world.users["pegawai"],
        indicator=indicator(executed_plan, QUANTITY),
        subperiod=1,
        value=Decimal(3),
    )
    services.give_feedback(executed_plan, actor=atasan, subperiod=1, text="Pertama", value="loyal")
    services.give_feedback(executed_plan, actor=atasan, subperiod=2, text="Kedua", value="adaptif")

    page = login("pegawai").get(reverse("appraisal:my-performance")).content.decode()

    assert page.index("Kedua") < page.index("Pertama")
    assert "100,00%" in page  # 3 of the quarter's 3
    assert "25,00%" in page  # 3 of the year's 12 so far
    assert "Belum ada evaluasi kinerja yang ditetapkan." in page
