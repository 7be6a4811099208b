"""The forum REST API: the same services and permissions as the pages, 4xx with a reason."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.test import APIClient

from kinerja.forum.models import Post, ReadConfirmation, Thread
from kinerja.forum.services import announcements, threads


def api(world, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users[persona])
    return client


def test_the_list_addressed_to_me_says_whether_i_confirmed(world, unscoped, announce):
    first = announce(units=[world.kelurahan], title="Presensi daring")
    announce(units=[world.kelurahan], title="Cuti bersama")
    announcements.confirm_read(first, actor=world.users["pegawai"])

    response = api(world, "pegawai").get(reverse("api-forum-announcement-list"))

    assert response.status_code == 200
    assert {row["title"]: row["is_confirmed"] for row in response.json()["results"]} == {
        "Presensi daring": True,
        "Cuti bersama": False,
    }


def test_the_managed_list_is_for_publishers_only(world, unscoped, announce):
    announce(units=[world.kelurahan], publish=False)

    denied = api(world, "pegawai").get(reverse("api-forum-announcement-list"), {"scope": "managed"})
    managed = api(world, "kepala").get(reverse("api-forum-announcement-list"), {"scope": "managed"})

    assert denied.status_code == 403
    assert "mengelola pengumuman" in denied.json()["detail"]
    assert [row["status"] for row in managed.json()["results"]] == ["draft"]


def test_confirming_through_the_api(world, unscoped, announce):
    published = announce(units=[world.kelurahan])
    url = reverse("api-forum-announcement-confirm", kwargs={"pk": published.pk})

    confirmed = api(world, "pegawai").post(url)
    detail = api(world, "pegawai").get(
        reverse("api-forum-announcement-detail", kwargs={"pk": published.pk})
    )

    assert confirmed.status_code == 200
    assert confirmed.json()["employee"] == world.pegawai.pk
    assert detail.json()["is_confirmed"] is True
    assert ReadConfirmation.objects.count() == 1


def test_confirming_outside_the_audience_or_a_withdrawn_one_is_refused(world, unscoped, announce):
    published = announce(units=[world.kelurahan])
    outside = api(world, "inspektur").post(
        reverse("api-forum-announcement-confirm", kwargs={"pk": published.pk})
    )
    announcements.withdraw_announcement(
        published, actor=world.users["admin_bkpsdm"], expected_version=None, reason="Keliru"
    )
    withdrawn = api(world, "pegawai").post(
        reverse("api-forum-announcement-confirm", kwargs={"pk": published.pk})
    )

    assert outside.status_code == 404
    assert withdrawn.status_code == 400
    assert withdrawn.json() == {"non_field_errors": ["Pengumuman ini tidak sedang terbit."]}
    assert ReadConfirmation.objects.count() == 0


def test_the_unread_list_shrinks_and_carries_the_counts(world, unscoped, announce):
    published = announce(units=[world.kelurahan])
    url = reverse("api-forum-announcement-unread", kwargs={"pk": published.pk})
    client = api(world, "admin_bkpsdm")

    before = client.get(url).json()
    announcements.confirm_read(published, actor=world.users["pegawai"])
    after = client.get(url).json()
    searched = client.get(url, {"q": "dewi"}).json()

    assert before["count"] == 4
    assert after["count"] == 3
    assert after["reading"] == {"read": 1, "total": 4, "unread": 3, "percent": 25}
    assert world.pegawai.pk not in [row["id"] for row in after["results"]]
    assert [row["full_name"] for row in searched["results"]] == ["Dewi Lestari"]


def test_an_employee_cannot_read_the_unread_list(world, unscoped, announce):
    published = announce(units=[world.kelurahan])

    response = api(world, "pegawai").get(
        reverse("api-forum-announcement-unread", kwargs={"pk": published.pk})
    )

    assert response.status_code == 404


def test_opening_and_replying_to_a_thread_through_the_api(world, unscoped):
    created = api(world, "pegawai").post(
        reverse("api-forum-thread-list"),
        {"title": "Laporan harian", "body": "Wajib setiap hari?"},
        format="json",
    )
    pk = created.json()["id"]
    replied = api(world, "kepala").post(
        reverse("api-forum-thread-reply", kwargs={"pk": pk}), {"body": "Ya."}, format="json"
    )
    detail = api(world, "atasan").get(reverse("api-forum-thread-detail", kwargs={"pk": pk}))

    assert created.status_code == 201
    assert replied.status_code == 201
    assert replied.json()["is_leader_answer"] is True
    assert detail.json()["reply_count"] == 1
    assert [p["body"] for p in detail.json()["posts"]] == ["Ya."]


def test_an_empty_thread_or_reply_answers_400_with_the_field(world, unscoped, thread):
    empty_thread = api(world, "pegawai").post(
        reverse("api-forum-thread-list"), {"title": "", "body": "x"}, format="json"
    )
    empty_reply = api(world, "pegawai").post(
        reverse("api-forum-thread-reply", kwargs={"pk": thread.pk}), {"body": ""}, format="json"
    )

    assert empty_thread.status_code == 400
    assert "title" in empty_thread.json()
    assert empty_reply.status_code == 400
    assert "body" in empty_reply.json()
    assert Thread.objects.count() == 1


def test_replying_to_a_locked_thread_answers_400_with_the_reason(world, unscoped, thread):
    threads.set_locked(
        thread, actor=world.users["admin_bkpsdm"], expected_version=None, locked_state=True
    )

    response = api(world, "rekan").post(
        reverse("api-forum-thread-reply", kwargs={"pk": thread.pk}), {"body": "Halo"}, format="json"
    )

    assert response.status_code == 400
    assert "dikunci" in response.json()["non_field_errors"][0]
    assert Post.objects.count() == 0


def test_hidden_text_is_withheld_from_others_in_the_api(world, unscoped, thread):
    post = threads.reply(thread, actor=world.users["rekan"], body="Data pribadi warga")
    threads.hide_post(post, actor=world.users["admin_bkpsdm"], reason="Data pribadi")
    url = reverse("api-forum-thread-detail", kwargs={"pk": thread.pk})

    other = api(world, "atasan").get(url).json()["posts"][0]
    author = api(world, "rekan").get(url).json()["posts"][0]

    assert other["body"] == ""
    assert other["hidden_note"] == "Disembunyikan oleh moderator: Data pribadi"
    assert author["body"] == "Data pribadi warga"


def test_the_thread_list_api_does_not_grow_queries_with_rows(
    world, unscoped, thread, django_assert_max_num_queries
):
    client = api(world, "atasan")
    url = reverse("api-forum-thread-list")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(10):
        threads.start_thread(world.agency, actor=world.users["rekan"], title=f"U{n}", body="?")

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).json()["count"] == 11


def test_another_agencys_objects_answer_404(world, unscoped):
    other = announcements.publish_announcement(
        announcements.create_announcement(
            world.other_agency,
            actor=world.users["admin_agensi_lain"],
            title="Lain",
            body="Isi",
            whole_agency=True,
        ),
        actor=world.users["admin_agensi_lain"],
        expected_version=None,
    )
    client = api(world, "admin_bkpsdm")

    for name in (
        "api-forum-announcement-detail",
        "api-forum-announcement-unread",
    ):
        assert client.get(reverse(name, kwargs={"pk": other.pk})).status_code == 404
    confirm = client.post(reverse("api-forum-announcement-confirm", kwargs={"pk": other.pk}))
    assert confirm.status_code == 404
