"""Signing in: NIP or username, throttling, security headers."""

from django.urls import reverse

from tests.conftest import PASSWORD


def test_an_employee_signs_in_with_the_nip_typed_with_spaces(client, world):
    response = client.post(
        reverse("core:login"), {"username": world.pegawai.nip_display, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("insight:home")
    home = client.get(reverse("insight:home"))
    assert "Budi Santoso" in home.content.decode()


def test_a_wrong_password_gives_a_clear_message(client, world):
    response = client.post(reverse("core:login"), {"username": "pemantau", "password": "salah"})
    assert response.status_code == 200
    assert "NIP/nama pengguna atau kata sandi salah." in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("core:login"), {"username": "pemantau", "password": "salah"})
    locked = client.post(reverse("core:login"), {"username": "pemantau", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, world):
    response = client.get(reverse("core:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert "<script>" not in body
    assert "csrfmiddlewaretoken" in body


def test_the_login_form_refuses_a_post_without_csrf_token(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("core:login"), {"username": "pemantau", "password": PASSWORD})
    assert response.status_code == 403


def test_the_interface_switches_to_english(client, world):
    client.force_login(world.users["pegawai"], backend="kinerja.core.auth.NipOrUsernameBackend")
    indonesian = client.get(reverse("insight:home")).content.decode()
    assert "Profil saya" in indonesian
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("insight:home")).content.decode()
    assert 'lang="en"' in english
    assert "My profile" in english


def test_indonesian_is_the_default_whatever_the_browser_language(client, world):
    response = client.get(reverse("core:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in response.content.decode()
    assert "Masuk ke Kinerja" in response.content.decode()
