"""The forum search: titles and texts of threads, replies and announcements the user may read;
hidden content is never matched for others, and a draft only for those who manage it."""

from __future__ import annotations

from django.urls import reverse

from kinerja.forum.services import threads as services


def _search(client, q: str) -> str:
    return client.get(reverse("forum:search"), {"q": q}).content.decode()


def test_the_search_finds_threads_replies_and_announcements(world, login, unscoped, announce):
    announce(units=[world.kelurahan], title="Presensi daring", body="Mulai Januari.")
    opened = services.start_thread(
        world.agency, actor=world.users["rekan"], title="Soal presensi", body="Kapan mulai?"
    )
    services.reply(opened, actor=world.users["kepala"], body="Presensi mulai Januari.")
    services.start_thread(world.agency, actor=world.users["rekan"], title="Cuti", body="?")

    body = _search(login("pegawai"), "PRESENSI")

    assert "3 hasil untuk “PRESENSI”" in body
    assert "Presensi daring" in body
    assert "Soal presensi" in body
    assert "Presensi mulai Januari." in body
    assert "Cuti" not in body


def test_hidden_content_is_not_found_by_others(world, login, unscoped, thread):
    post = services.reply(thread, actor=world.users["rekan"], body="Nomor KTP warga 1671")
    services.hide_post(post, actor=world.users["admin_bkpsdm"], reason="Data pribadi")

    assert "0 hasil" in _search(login("atasan"), "KTP warga")
    assert "1 hasil" in _search(login("rekan"), "KTP warga")
    assert "1 hasil" in _search(login("admin_bkpsdm"), "KTP warga")


def test_announcements_outside_ones_reach_are_not_found(world, login, unscoped, announce):
    announce(units=[world.kelurahan], title="Uji coba kelurahan")
    announce(units=[world.kelurahan], title="Uji coba draf", publish=False)

    outside = _search(login("inspektur"), "Uji coba")
    manager = _search(login("kepala"), "Uji coba")
    reader = _search(login("pegawai"), "Uji coba")

    assert "0 hasil" in outside
    assert "2 hasil" in manager
    assert "1 hasil" in reader
    assert "Uji coba draf" not in reader


def test_a_one_letter_search_returns_nothing(world, login, unscoped, thread):
    body = _search(login("pegawai"), "a")

    assert "Ketik sekurang-kurangnya 2 huruf." in body
    assert thread.title not in body


def test_the_thread_list_search_looks_in_titles_and_questions(world, login, unscoped, thread):
    services.start_thread(world.agency, actor=world.users["rekan"], title="Cuti", body="Bersama?")
    client = login("atasan")

    by_body = client.get(reverse("forum:thread-list"), {"q": "satu per satu"}).content.decode()
    by_title = client.get(reverse("forum:thread-list"), {"q": "cuti"}).content.decode()

    assert thread.title in by_body
    assert "Cuti" not in by_body
    assert "1 utas" in by_title
