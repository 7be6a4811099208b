"""The notification inbox, the unread badge, marking read, the API and the email on commit."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.core.models import Notification
from kinerja.core.notifications import notify
from kinerja.core.tasks import send_notification_email

PLAN_URL = "/kinerja/skp/7/"


def _notification(
    user, text="SKP Anda telah disetujui.", url=PLAN_URL, *, minutes_ago=0, read=False
):
    notification = Notification.objects.create(
        recipient=user, agency=user.agency, code="planning.plan.approved", text=text, url=url
    )
    created = timezone.now() - dt.timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=notification.pk).update(
        created_at=created, read_at=created if read else None
    )
    notification.refresh_from_db()
    return notification


def _notification_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "core_notification" in q["sql"]]


# --- The inbox --------------------------------------------------------------------------------


def test_inbox_lists_own_notifications_newest_first_with_unread_highlighted(login, world):
    pegawai = world.users["pegawai"]
    _notification(pegawai, "Lama dan sudah dibaca", minutes_ago=30, read=True)
    _notification(pegawai, "Terbaru dan belum dibaca", minutes_ago=1)
    _notification(world.users["rekan"], "Milik rekan")

    response = login("pegawai").get(reverse("notifications:inbox"))

    assert response.status_code == 200
    assert [n.text for n in response.context["page"].object_list] == [
        "Terbaru dan belum dibaca",
        "Lama dan sudah dibaca",
    ]
    body = response.content.decode()
    assert "Milik rekan" not in body
    assert body.count('class="notification-unread"') == 1
    assert "<strong>Terbaru dan belum dibaca</strong>" in body
    assert "Tandai semua sudah dibaca" in body


def test_inbox_is_paginated_and_filters_unread(login, world):
    pegawai = world.users["pegawai"]
    for number in range(30):
        _notification(pegawai, f"Notifikasi {number}", minutes_ago=number, read=number % 2 == 0)
    client = login("pegawai")

    first = client.get(reverse("notifications:inbox"))
    second = client.get(reverse("notifications:inbox"), {"page": 2})
    unread = client.get(reverse("notifications:inbox"), {"unread": 1})

    assert len(first.context["page"].object_list) == 25
    assert first.context["page"].object_list[0].text == "Notifikasi 0"
    assert [n.text for n in second.context["page"].object_list] == [
        f"Notifikasi {n}" for n in range(25, 30)
    ]
    assert unread.context["page"].paginator.count == 15
    assert all(n.read_at is None for n in unread.context["page"].object_list)


def test_an_empty_inbox_says_so(login, world):
    response = login("atasan").get(reverse("notifications:inbox"))
    body = response.content.decode()
    assert "Belum ada notifikasi untuk Anda." in body
    assert "Tandai semua sudah dibaca" not in body


def test_inbox_exports_xlsx(login, world):
    _notification(world.users["pegawai"], "SKP Anda telah disetujui.")
    response = login("pegawai").get(reverse("notifications:inbox"), {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Waktu", "Isi", "Dibaca")
    assert rows[1][1:] == ("SKP Anda telah disetujui.", None)
    assert len(rows) == 2


# --- Opening and marking read -----------------------------------------------------------------


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(login, world):
    notification = _notification(world.users["pegawai"])

    response = login("pegawai").get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == PLAN_URL
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://jahat.example/masuk",
        "//jahat.example/masuk",
        "/\\jahat.example/masuk",
        "javascript:alert(1)",
        "kinerja/skp/7/",
    ],
)
def test_opening_never_redirects_off_the_site(login, world, url):
    notification = _notification(world.users["pegawai"], url=url)

    response = login("pegawai").get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:inbox")


def test_notify_refuses_a_link_off_the_site(world):
    with pytest.raises(ValueError, match="local paths"):
        notify(world.users["pegawai"], code="x", text="Klik", url="https://jahat.example/")
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("persona", ["rekan", "atasan", "admin_bkpsdm", "superuser"])
def test_nobody_but_the_recipient_opens_or_marks_a_notification(login, world, persona):
    notification = _notification(world.users["pegawai"])
    client = login(persona)

    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert (
        client.post(reverse("notifications:mark-read", args=[notification.pk])).status_code == 404
    )
    client.post(reverse("notifications:mark-all-read"))

    notification.refresh_from_db()
    assert notification.read_at is None
    inbox = client.get(reverse("notifications:inbox"))
    assert list(inbox.context["page"].object_list) == []


def test_marking_one_read_keeps_the_others_unread(login, world):
    pegawai = world.users["pegawai"]
    first, second = _notification(pegawai, "Satu"), _notification(pegawai, "Dua")

    response = login("pegawai").post(
        reverse("notifications:mark-read", args=[first.pk]), {"page": "1", "unread": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:inbox") + "?page=1&unread=1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_marking_all_read_marks_only_ones_own(login, world):
    pegawai = world.users["pegawai"]
    mine = [_notification(pegawai, "Satu"), _notification(pegawai, "Dua")]
    theirs = _notification(world.users["rekan"], "Milik rekan")

    response = login("pegawai").post(reverse("notifications:mark-all-read"), follow=True)

    assert "2 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at=None).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_is_a_post(login, world):
    notification = _notification(world.users["pegawai"])
    client = login("pegawai")
    assert client.get(reverse("notifications:mark-read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("notifications:mark-all-read")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


# --- The unread badge -------------------------------------------------------------------------


def test_the_top_bar_shows_the_unread_count_in_one_query(login, world):
    pegawai = world.users["pegawai"]
    _notification(pegawai, "Satu")
    _notification(pegawai, "Dua")
    _notification(pegawai, "Sudah dibaca", read=True)
    client = login("pegawai")

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("insight:home"))

    assert response.status_code == 200
    assert response.context["unread_notifications"] == "2"
    assert 'class="badge badge-bad topbar-count">2<' in response.content.decode()
    assert len(_notification_queries(captured)) == 1


def test_no_badge_without_unread_notifications(login, world):
    _notification(world.users["pegawai"], read=True)
    body = login("pegawai").get(reverse("insight:home")).content.decode()
    assert "topbar-count" not in body
    assert reverse("notifications:inbox") in body


def test_the_badge_caps_at_99_plus(login, world):
    pegawai = world.users["pegawai"]
    Notification.objects.bulk_create(
        Notification(recipient=pegawai, code="x", text=f"N{n}") for n in range(120)
    )
    response = login("pegawai").get(reverse("insight:home"))
    assert response.context["unread_notifications"] == "99+"


def test_anonymous_pages_make_no_notification_query(client, world):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("core:login"))
    assert response.status_code == 200
    assert "unread_notifications" not in response.context
    assert _notification_queries(captured) == []


# --- API --------------------------------------------------------------------------------------


def test_api_lists_only_the_callers_notifications(login, world):
    pegawai = world.users["pegawai"]
    older = _notification(pegawai, "Lama", minutes_ago=5, read=True)
    newer = _notification(pegawai, "Baru", minutes_ago=1)
    _notification(world.users["rekan"], "Milik rekan")
    client = login("pegawai")

    everything = client.get(reverse("api-notification-list")).json()
    unread = client.get(reverse("api-notification-list"), {"unread": "true"}).json()

    assert everything["count"] == 2
    assert [(n["id"], n["text"], n["is_read"]) for n in everything["results"]] == [
        (newer.pk, "Baru", False),
        (older.pk, "Lama", True),
    ]
    assert everything["results"][0]["url"] == PLAN_URL
    assert [n["id"] for n in unread["results"]] == [newer.pk]


def test_api_never_hands_out_a_link_off_the_site(login, world):
    _notification(world.users["pegawai"], url="//jahat.example/")
    results = login("pegawai").get(reverse("api-notification-list")).json()["results"]
    assert results[0]["url"] == ""


def test_api_marks_one_and_all_read(login, world):
    pegawai = world.users["pegawai"]
    first, second, third = (_notification(pegawai, text) for text in ("Satu", "Dua", "Tiga"))
    client = login("pegawai")

    one = client.post(reverse("api-notification-read", args=[first.pk]))
    rest = client.post(reverse("api-notification-read-all"))

    assert one.status_code == 200
    assert one.json()["is_read"] is True
    assert rest.json() == {"marked": 2}
    assert Notification.objects.filter(pk__in=[second.pk, third.pk], read_at=None).count() == 0


def test_api_answers_404_for_someone_elses_notification(login, world):
    notification = _notification(world.users["pegawai"])
    response = login("rekan").post(reverse("api-notification-read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


# --- Email on commit --------------------------------------------------------------------------


def test_notification_email_goes_out_once_after_commit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kinerja.palembang.go.id/"
    pegawai = world.users["pegawai"]
    pegawai.email = "budi@palembang.go.id"
    pegawai.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify(
            pegawai, code="planning.plan.approved", text="SKP Anda telah disetujui.", url=PLAN_URL
        )
        assert mail.outbox == []  # nothing before the commit

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@palembang.go.id"]
    assert message.subject == "[Kinerja] SKP Anda telah disetujui."
    assert message.body == (
        "SKP Anda telah disetujui.\n\nhttps://kinerja.palembang.go.id/kinerja/skp/7/\n\n— Kinerja"
    )
    assert notification is not None
    notification.refresh_from_db()
    assert notification.emailed_at is not None

    send_notification_email(notification.pk)  # a retried task
    assert len(mail.outbox) == 1


def test_no_email_when_the_write_rolls_back(world, django_capture_on_commit_callbacks):
    pegawai = world.users["pegawai"]
    pegawai.email = "budi@palembang.go.id"
    pegawai.save(update_fields=["email"])

    def write_that_fails():
        with transaction.atomic():
            notify(pegawai, code="x", text="Tidak jadi")
            raise RuntimeError("gagal")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        write_that_fails()

    assert mail.outbox == []
    assert Notification.objects.count() == 0


def test_no_email_without_an_address_and_none_to_oneself(world, django_capture_on_commit_callbacks):
    pegawai = world.users["pegawai"]
    with django_capture_on_commit_callbacks(execute=True):
        told = notify(pegawai, code="x", text="Tanpa email")
        own = notify(pegawai, code="x", text="Diri sendiri", actor=pegawai)

    assert told is not None
    assert own is None
    assert mail.outbox == []
    assert list(Notification.objects.values_list("text", flat=True)) == ["Tanpa email"]
