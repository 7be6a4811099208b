"""Announcement pages as the personas use them: the admin writes and publishes, an employee
reads and confirms (the menu badge counts what is left), text is always escaped, and a head
only addresses their subtree."""

from __future__ import annotations

from django.urls import reverse

from kinerja.forum.models import Announcement, AnnouncementStatus, ReadConfirmation
from kinerja.forum.services import announcements as services


def test_the_admin_writes_and_publishes_an_announcement_through_the_pages(world, login, unscoped):
    client = login("admin_bkpsdm")

    created = client.post(
        reverse("forum:announcement-create"),
        {
            "title": "Sosialisasi e-Kinerja",
            "body": "Baris pertama.\nBaris kedua.",
            "units": [world.kelurahan.pk],
            "requires_confirmation": "on",
            "remind_after_days": 3,
        },
    )
    announcement = Announcement.objects.get()
    assert created.status_code == 302
    assert created.url == reverse("forum:announcement-detail", kwargs={"pk": announcement.pk})
    published = client.post(
        reverse("forum:announcement-publish", kwargs={"pk": announcement.pk}),
        {"version": announcement.version},
    )

    announcement.refresh_from_db()
    assert published.status_code == 302
    assert announcement.status == AnnouncementStatus.PUBLISHED
    page = client.get(created.url).content.decode()
    assert "<p>Baris pertama.<br>Baris kedua.</p>" in page
    assert "0 dari 4 sudah membaca" in page


def test_an_empty_form_shows_the_field_errors(world, login, unscoped):
    response = login("admin_bkpsdm").post(
        reverse("forum:announcement-create"),
        {"title": "", "body": "", "remind_after_days": 3},
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Pilih seluruh instansi atau sekurang-kurangnya satu unit" in body
    assert body.count("field-error") == 3  # title, body, units
    assert Announcement.objects.count() == 0


def test_a_head_is_offered_only_the_units_of_their_subtree(world, login, unscoped):
    from kinerja.org.models import UnitKind
    from tests import factories

    factories.make_unit(world.agency, "Kecamatan Kertapati", UnitKind.KECAMATAN)

    body = login("kepala").get(reverse("forum:announcement-create")).content.decode()

    assert "Kelurahan Plaju Ulu" in body
    assert "Kecamatan Kertapati" not in body


def test_an_employee_reads_and_confirms_and_the_badge_goes(world, login, announce, unscoped):
    published = announce(units=[world.kelurahan])
    client = login("pegawai")
    detail = reverse("forum:announcement-detail", kwargs={"pk": published.pk})

    before = client.get(detail).content.decode()
    client.post(reverse("forum:announcement-confirm", kwargs={"pk": published.pk}))
    after = client.get(detail).content.decode()

    assert "Saya sudah membaca" in before
    assert 'title="belum dikonfirmasi">1<' in before  # the menu badge
    assert "Anda sudah mengonfirmasi membaca pengumuman ini." in after
    assert "belum dikonfirmasi" not in after
    assert ReadConfirmation.objects.filter(employee=world.pegawai).count() == 1


def test_the_list_for_an_employee_shows_what_is_unconfirmed(world, login, announce, unscoped):
    first = announce(units=[world.kelurahan], title="Presensi daring")
    announce(units=[world.kelurahan], title="Cuti bersama")
    announce(units=[world.kecamatan], title="Draf rahasia", publish=False)
    services.confirm_read(first, actor=world.users["pegawai"])

    body = login("pegawai").get(reverse("forum:announcement-list")).content.decode()

    assert "Presensi daring" in body
    assert "Cuti bersama" in body
    assert "Draf rahasia" not in body
    assert body.count("Sudah dibaca</span>") == 1
    assert body.count("Belum dikonfirmasi</span>") == 1
    assert "Yang saya kelola" not in body


def test_an_employee_outside_the_audience_does_not_see_it(world, login, announce, unscoped):
    published = announce(units=[world.kelurahan])

    client = login("inspektur")

    assert (
        client.get(reverse("forum:announcement-list")).content.decode().count(published.title) == 0
    )
    detail = reverse("forum:announcement-detail", kwargs={"pk": published.pk})
    assert client.get(detail).status_code == 404
    confirm = reverse("forum:announcement-confirm", kwargs={"pk": published.pk})
    assert client.post(confirm).status_code == 404
    assert ReadConfirmation.objects.count() == 0


def test_a_draft_is_seen_only_by_those_who_manage_it(world, login, announce, unscoped):
    draft = announce(units=[world.kelurahan], publish=False)
    url = reverse("forum:announcement-detail", kwargs={"pk": draft.pk})

    assert login("pegawai").get(url).status_code == 404
    assert login("kepala").get(url).status_code == 200


def test_a_script_in_the_text_is_shown_escaped(world, login, announce, unscoped):
    published = announce(
        units=[world.kelurahan],
        title="<img src=x onerror=alert(1)>",
        body="<script>alert('xss')</script>\nBaris dua",
    )

    body = (
        login("pegawai")
        .get(reverse("forum:announcement-detail", kwargs={"pk": published.pk}))
        .content.decode()
    )

    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;<br>Baris dua" in body
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_a_withdrawn_announcement_shows_the_reason_and_no_confirm_button(
    world, login, announce, unscoped
):
    published = announce(units=[world.kelurahan])
    services.withdraw_announcement(
        published,
        actor=world.users["admin_bkpsdm"],
        expected_version=None,
        reason="Diganti surat edaran baru.",
    )

    body = (
        login("pegawai")
        .get(reverse("forum:announcement-detail", kwargs={"pk": published.pk}))
        .content.decode()
    )

    assert "Diganti surat edaran baru." in body
    assert "Saya sudah membaca" not in body


def test_withdrawing_through_the_page_without_a_reason_changes_nothing(
    world, login, announce, unscoped
):
    published = announce(units=[world.kelurahan])

    response = login("admin_bkpsdm").post(
        reverse("forum:announcement-withdraw", kwargs={"pk": published.pk}),
        {"reason": "", "version": published.version},
    )

    assert response.status_code == 302
    assert Announcement.objects.get(pk=published.pk).status == AnnouncementStatus.PUBLISHED


def test_an_employee_cannot_publish_or_read_the_unread_list(world, login, announce, unscoped):
    draft = announce(units=[world.kelurahan], publish=False)
    client = login("atasan")

    publish = client.post(
        reverse("forum:announcement-publish", kwargs={"pk": draft.pk}), {"version": 1}
    )
    readers = client.get(reverse("forum:announcement-readers", kwargs={"pk": draft.pk}))

    assert publish.status_code == 404
    assert readers.status_code == 404
    assert Announcement.objects.get(pk=draft.pk).status == AnnouncementStatus.DRAFT


def test_another_agencys_announcement_is_not_found(world, login, unscoped):
    other = services.create_announcement(
        world.other_agency,
        actor=world.users["admin_agensi_lain"],
        title="Pengumuman Subulussalam",
        body="Isi",
        whole_agency=True,
    )
    other = services.publish_announcement(
        other, actor=world.users["admin_agensi_lain"], expected_version=None
    )
    client = login("admin_bkpsdm")

    for name in ("forum:announcement-detail", "forum:announcement-readers"):
        assert client.get(reverse(name, kwargs={"pk": other.pk})).status_code == 404
    assert (
        "Pengumuman Subulussalam"
        not in client.get(reverse("forum:announcement-list") + "?tab=kelola").content.decode()
    )


def test_a_head_manages_only_announcements_wholly_inside_their_subtree(
    world, login, announce, unscoped
):
    announce(units=[world.kelurahan], title="Untuk kelurahan")
    whole = announce(title="Untuk seluruh instansi")
    client = login("kepala")

    managed = client.get(reverse("forum:announcement-list"), {"tab": "kelola"}).content.decode()
    readers = client.get(reverse("forum:announcement-readers", kwargs={"pk": whole.pk}))
    detail = client.get(reverse("forum:announcement-detail", kwargs={"pk": whole.pk}))

    assert "Untuk kelurahan" in managed
    assert "Untuk seluruh instansi" not in managed
    assert readers.status_code == 404
    assert detail.status_code == 200  # a reader of it: kepala works in the agency
    assert "Siapa yang belum membaca" not in detail.content.decode()


def test_a_thread_about_an_announcement_is_opened_from_it(world, login, announce, unscoped):
    from kinerja.forum.models import Thread

    published = announce(units=[world.kelurahan])
    client = login("pegawai")
    url = reverse("forum:thread-create") + f"?pengumuman={published.pk}"

    form = client.get(url).content.decode()
    created = client.post(
        url,
        {"title": "Soal presensi", "body": "Mulai kapan?", "announcement": published.pk},
    )

    assert "Tentang pengumuman:" in form
    thread = Thread.objects.get()
    assert created.status_code == 302
    assert thread.announcement == published
    detail = client.get(reverse("forum:announcement-detail", kwargs={"pk": published.pk}))
    assert "Soal presensi" in detail.content.decode()
