"""POST /api/v1/token/: a token for a NIP or username and password, with login throttling."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kinerja.core.models import User
from tests.conftest import PASSWORD

URL = reverse("api-token")
WRONG = {"detail": "NIP/nama pengguna atau kata sandi salah."}


def obtain(client: Client, username: str, password: str = PASSWORD):
    return client.post(
        URL, {"username": username, "password": password}, content_type="application/json"
    )


def test_a_nip_typed_with_spaces_and_the_password_give_a_token(world, client, unscoped):
    response = obtain(client, world.pegawai.nip_display)

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=world.users["pegawai"]).key}


def test_the_same_token_is_returned_on_the_next_sign_in(world, client):
    first = obtain(client, "pemantau").json()["token"]

    assert obtain(client, "pemantau").json()["token"] == first


def test_a_token_caller_gets_the_tenant_scope_and_permissions_of_its_user(world, unscoped):
    token = obtain(Client(), world.atasan.nip).json()["token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")

    employees = api.get(reverse("api-employee-list"))
    me = api.get(reverse("api-me"))
    other_agency = api.get(reverse("api-employee-detail", kwargs={"pk": world.pegawai_lain.pk}))

    assert [row["name"] for row in employees.json()["results"]] == [
        "Budi Santoso",
        "Dewi Lestari",
        "Siti Aminah",
    ]
    assert me.json()["username"] == world.atasan.nip
    assert other_agency.status_code == 404


def test_a_token_caller_cannot_write_without_the_permission(world, unscoped):
    token = obtain(Client(), "pemantau").json()["token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")

    response = api.patch(
        reverse("api-employee-detail", kwargs={"pk": world.pegawai.pk}),
        {"name": "Diubah", "version": 1},
        content_type="application/json",
    )

    assert response.status_code == 403
    world.pegawai.refresh_from_db()
    assert world.pegawai.name == "Budi Santoso"


def test_a_user_who_must_change_their_password_cannot_use_a_token(world, unscoped):
    token = obtain(Client(), "pemantau").json()["token"]
    User.objects.filter(username="pemantau").update(must_change_password=True)

    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get(reverse("api-me"))

    assert response.status_code == 403
    assert response.json() == {"detail": "Ganti kata sandi Anda terlebih dahulu."}


def test_a_wrong_password_is_a_400_not_a_500(world, client, unscoped):
    response = obtain(client, world.pegawai.nip, "salah-sekali")

    assert response.status_code == 400
    assert response.json() == WRONG
    assert not Token.objects.exists()


def test_an_unknown_user_is_the_same_400(world, client):
    response = obtain(client, "tidak-ada")

    assert (response.status_code, response.json()) == (400, WRONG)


def test_missing_fields_are_named(world, client):
    response = client.post(URL, {}, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "username": ["Bidang ini harus diisi."],
        "password": ["Bidang ini harus diisi."],
    }


def test_a_deactivated_account_gets_no_token(world, client, unscoped):
    User.objects.filter(pk=world.users["rekan"].pk).update(is_active=False)

    assert obtain(client, world.rekan.nip).json() == WRONG


def test_repeated_failures_lock_the_account_out_with_a_429(world, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    failures = [obtain(client, "pemantau", "salah").status_code for _attempt in range(3)]

    locked = obtain(client, "pemantau")

    assert failures == [400, 400, 429]
    assert locked.status_code == 429
    assert locked.json() == {
        "detail": "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
    }


def test_a_wrong_token_is_refused(world):
    response = Client(HTTP_AUTHORIZATION="Token 0123456789abcdef").get(reverse("api-me"))

    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid token."}  # DRF has no Indonesian text for it
