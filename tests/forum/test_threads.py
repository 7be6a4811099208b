"""Discussion threads: staff ask, leaders answer (marked "Jawaban pimpinan"), the thread is
marked answered; the agency admin moderates — hides with a reason (others see only the reason,
the author still sees their text), locks — and every write is audited."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.models import AuditEntry, Notification
from kinerja.forum.models import Post, Thread
from kinerja.forum.services import threads as services

HIDDEN = "Disembunyikan oleh moderator: Menyebut data pribadi warga"


def test_a_member_opens_a_thread(world, unscoped):
    opened = services.start_thread(
        world.agency, actor=world.users["rekan"], title="Cuti bersama", body="Berapa hari?"
    )

    assert opened.author == world.users["rekan"]
    assert (opened.is_answered, opened.is_locked, opened.reply_count) == (False, False, 0)
    assert AuditEntry.objects.filter(action="forum.thread.created").count() == 1


def test_a_thread_needs_a_title_and_a_question(world, unscoped):
    with pytest.raises(ValidationError) as raised:
        services.start_thread(world.agency, actor=world.users["rekan"], title=" ", body="")

    assert set(raised.value.message_dict) == {"title", "body"}
    assert Thread.objects.count() == 0


def test_a_thread_cannot_be_about_an_announcement_the_author_cannot_read(world, unscoped, announce):
    elsewhere = announce(units=[world.kelurahan])

    with pytest.raises(ValidationError) as raised:
        services.start_thread(
            world.agency,
            actor=world.users["inspektur"],  # works in the kecamatan, outside the audience
            title="Tentang presensi",
            body="?",
            announcement=elsewhere,
        )

    assert "announcement" in raised.value.message_dict


def test_a_leaders_reply_is_marked_and_the_author_is_told(world, unscoped, thread):
    staff = services.reply(thread, actor=world.users["rekan"], body="Saya juga bertanya.")
    head = services.reply(thread, actor=world.users["kepala"], body="Cukup satu per hari.")
    admin = services.reply(thread, actor=world.users["admin_bkpsdm"], body="Benar.")

    assert (staff.is_leader_answer, head.is_leader_answer, admin.is_leader_answer) == (
        False,
        True,
        True,
    )
    assert Thread.objects.get(pk=thread.pk).reply_count == 3
    texts = list(
        Notification.objects.filter(recipient=world.users["pegawai"])
        .order_by("pk")
        .values_list("text", flat=True)
    )
    assert texts[0].startswith("Balasan baru pada utas Anda")
    assert texts[1].startswith("Pimpinan menjawab utas Anda")


def test_the_author_or_a_leader_marks_it_answered_but_not_a_colleague(world, unscoped, thread):
    with pytest.raises(PermissionDenied):
        services.mark_answered(thread, actor=world.users["rekan"], expected_version=None)
    answered = services.mark_answered(
        thread, actor=world.users["pegawai"], expected_version=thread.version
    )

    assert answered.is_answered is True
    with pytest.raises(ValidationError):
        services.mark_answered(answered, actor=world.users["kepala"], expected_version=None)


def test_a_locked_thread_refuses_replies_until_unlocked(world, unscoped, thread):
    admin = world.users["admin_bkpsdm"]
    services.set_locked(thread, actor=admin, expected_version=None, locked_state=True)

    with pytest.raises(ValidationError) as raised:
        services.reply(thread, actor=world.users["rekan"], body="Halo?")
    assert "dikunci" in raised.value.messages[0]
    services.set_locked(thread, actor=admin, expected_version=None, locked_state=False)
    services.reply(thread, actor=world.users["rekan"], body="Halo?")

    assert Post.objects.filter(thread=thread).count() == 1
    assert list(
        AuditEntry.objects.filter(action__startswith="forum.thread.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["forum.thread.created", "forum.thread.locked", "forum.thread.unlocked"]


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "kepala", "inspektur"])
def test_only_the_agency_admin_moderates(world, unscoped, thread, persona):
    post = services.reply(thread, actor=world.users["rekan"], body="Balasan")

    with pytest.raises(PermissionDenied):
        services.hide_post(post, actor=world.users[persona], reason="Alasan")
    with pytest.raises(PermissionDenied):
        services.set_locked(
            thread, actor=world.users[persona], expected_version=None, locked_state=True
        )

    assert Post.objects.get(pk=post.pk).is_hidden is False
    assert Thread.objects.get(pk=thread.pk).is_locked is False


def test_hiding_needs_a_reason(world, unscoped, thread):
    with pytest.raises(ValidationError) as raised:
        services.hide_thread(thread, actor=world.users["admin_bkpsdm"], reason=" ")

    assert "reason" in raised.value.message_dict
    assert Thread.objects.get(pk=thread.pk).is_hidden is False


def test_a_hidden_reply_shows_only_the_reason_to_others(world, login, unscoped, thread):
    post = services.reply(
        thread, actor=world.users["rekan"], body="Alamat warga itu di Jalan Mawar 12."
    )
    services.hide_post(
        post, actor=world.users["admin_bkpsdm"], reason="Menyebut data pribadi warga"
    )
    url = reverse("forum:thread-detail", kwargs={"pk": thread.pk})

    to_colleague = login("atasan").get(url).content.decode()

    assert HIDDEN in to_colleague
    assert "Jalan Mawar" not in to_colleague
    assert AuditEntry.objects.get(action="forum.post.hidden").note == "Menyebut data pribadi warga"


def test_the_author_and_the_moderator_still_see_the_hidden_text(world, client, unscoped, thread):
    post = services.reply(
        thread, actor=world.users["rekan"], body="Alamat warga itu di Jalan Mawar 12."
    )
    services.hide_post(
        post, actor=world.users["admin_bkpsdm"], reason="Menyebut data pribadi warga"
    )
    url = reverse("forum:thread-detail", kwargs={"pk": thread.pk})

    for persona in ("rekan", "admin_bkpsdm"):
        client.force_login(world.users[persona])
        body = client.get(url).content.decode()
        assert HIDDEN in body
        assert "Jalan Mawar" in body


def test_a_hidden_thread_shows_its_reason_in_the_list_and_cannot_be_replied_to(
    world, login, unscoped, thread
):
    services.hide_thread(
        thread, actor=world.users["admin_bkpsdm"], reason="Menyebut data pribadi warga"
    )
    client = login("atasan")

    listing = client.get(reverse("forum:thread-list")).content.decode()
    replied = client.post(reverse("forum:thread-reply", kwargs={"pk": thread.pk}), {"body": "Halo"})

    assert HIDDEN in listing
    assert thread.title not in listing
    assert replied.status_code == 302
    assert Post.objects.count() == 0


def test_a_restored_reply_is_shown_again(world, login, unscoped, thread):
    post = services.reply(thread, actor=world.users["rekan"], body="Isi balasan asli")
    services.hide_post(post, actor=world.users["admin_bkpsdm"], reason="Keliru")

    login("admin_bkpsdm").post(reverse("forum:post-restore", kwargs={"pk": post.pk}))

    body = login("atasan").get(reverse("forum:thread-detail", kwargs={"pk": thread.pk}))
    assert "Isi balasan asli" in body.content.decode()
    assert AuditEntry.objects.filter(action="forum.post.restored").count() == 1


def test_replying_through_the_page_marks_the_leaders_answer(world, login, unscoped, thread):
    client = login("kepala")

    response = client.post(
        reverse("forum:thread-reply", kwargs={"pk": thread.pk}),
        {"body": "Cukup satu catatan per kegiatan."},
    )
    post = Post.objects.get()
    page = client.get(reverse("forum:thread-detail", kwargs={"pk": thread.pk})).content.decode()

    assert response.status_code == 302
    assert response.url.endswith(f"#post-{post.pk}")
    assert post.is_leader_answer is True
    assert "Jawaban pimpinan" in page
    assert "forum-post-leader" in page


def test_the_lock_button_locks_through_the_page(world, login, unscoped, thread):
    response = login("admin_bkpsdm").post(
        reverse("forum:thread-lock", kwargs={"pk": thread.pk}),
        {"lock": "1", "version": thread.version},
    )

    assert response.status_code == 302
    assert Thread.objects.get(pk=thread.pk).is_locked is True
    page = login("pegawai").get(reverse("forum:thread-detail", kwargs={"pk": thread.pk}))
    assert "tidak dapat dibalas lagi" in page.content.decode()
    assert "Kirim balasan" not in page.content.decode()


def test_a_script_in_a_thread_is_shown_escaped(world, login, unscoped):
    opened = services.start_thread(
        world.agency,
        actor=world.users["pegawai"],
        title="<b>Judul</b>",
        body="<script>alert(1)</script>",
    )
    services.reply(opened, actor=world.users["rekan"], body="<iframe src=//evil></iframe>")

    body = login("atasan").get(reverse("forum:thread-detail", kwargs={"pk": opened.pk}))
    text = body.content.decode()

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<iframe" not in text
    assert "&lt;b&gt;Judul&lt;/b&gt;" in text


def test_the_thread_list_filters_and_pages(world, login, unscoped, thread):
    services.mark_answered(thread, actor=world.users["pegawai"], expected_version=None)
    for n in range(30):
        services.start_thread(
            world.agency, actor=world.users["rekan"], title=f"Pertanyaan {n}", body="?"
        )
    client = login("atasan")
    url = reverse("forum:thread-list")

    first = client.get(url).content.decode()
    fifty = client.get(url, {"per_page": "50"}).content.decode()
    answered = client.get(url, {"status": "terjawab"}).content.decode()
    unanswered = client.get(url, {"status": "belum-terjawab"}).content.decode()

    assert first.count('<td data-label="Utas">') == 25
    assert "Halaman 1 dari 2" in first
    assert fifty.count("Pertanyaan ") == 30
    assert "31 utas" in first
    assert thread.title in answered
    assert "Pertanyaan 3" not in answered
    assert thread.title not in unanswered


def test_the_thread_list_queries_do_not_grow_with_rows(
    world, login, unscoped, thread, django_assert_max_num_queries
):
    client = login("atasan")
    url = reverse("forum:thread-list")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(10):
        opened = services.start_thread(
            world.agency, actor=world.users["rekan"], title=f"Utas {n}", body="?"
        )
        services.reply(opened, actor=world.users["kepala"], body="Jawab")

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_thread_detail_queries_do_not_grow_with_replies(
    world, login, unscoped, thread, django_assert_max_num_queries
):
    client = login("atasan")
    url = reverse("forum:thread-detail", kwargs={"pk": thread.pk})
    services.reply(thread, actor=world.users["rekan"], body="Satu")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(10):
        services.reply(thread, actor=world.users["kepala"], body=f"Balasan {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_only_the_admin_exports_the_thread_list(world, login, unscoped, thread):
    services.hide_thread(thread, actor=world.users["admin_bkpsdm"], reason="Tidak pantas")
    url = reverse("forum:thread-list")

    denied = login("atasan").get(url, {"format": "xlsx"})
    exported = login("admin_bkpsdm").get(url, {"format": "xlsx"})

    assert denied.status_code == 403
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Judul"
    assert rows[1][0] == thread.title
    assert rows[1][7:9] == ("ya", "Tidak pantas")


def test_another_agencys_thread_is_not_found(world, login, unscoped):
    from kinerja.org import services as org
    from tests.conftest import PASSWORD

    author = org.create_account(world.pegawai_lain, actor=None, password=PASSWORD).user
    other = services.start_thread(
        world.other_agency, actor=author, title="Rahasia Subulussalam", body="?"
    )
    client = login("admin_bkpsdm")

    assert client.get(reverse("forum:thread-detail", kwargs={"pk": other.pk})).status_code == 404
    reply = client.post(reverse("forum:thread-reply", kwargs={"pk": other.pk}), {"body": "x"})
    assert reply.status_code == 404
    assert "Rahasia Subulussalam" not in client.get(reverse("forum:thread-list")).content.decode()
    assert Post.objects.count() == 0
