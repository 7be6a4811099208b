"""Error pages speak Indonesian and say what happened, inside the app's frame where they can."""

from django.test import Client
from django.urls import reverse


def test_a_refused_action_shows_its_reason_in_the_app(world, login):
    # Only agency admins manage periods: a plain employee is refused with the rule's text.
    response = login("pegawai").get(reverse("planning:period-create"))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Akses ditolak" in page
    assert "Anda tidak berwenang melakukan tindakan ini." in page
    assert "Kembali ke beranda" in page


def test_a_missing_page_says_so_in_indonesian(world, login):
    response = login("pegawai").get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_a_form_without_its_csrf_token_is_refused_with_a_clear_message(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["pegawai"], backend="kinerja.core.auth.NipOrUsernameBackend")

    response = client.post(reverse("core:logout"))

    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.content.decode()
