"""The public satisfaction survey: the page of a unit and of a service, without an account, and
the JSON endpoint for kiosks — a flood gets 429, a bot 400, bad answers 400 with a reason, a
ticket surveyed twice a clear message; nothing is stored when an answer is refused."""

# ruff: noqa: F811  (pytest fixtures imported from the survey fixture module)

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kinerja.citizen.models import ResponseSource, SurveyResponse
from tests.citizen.survey_fixtures import (  # noqa: F401  (fixtures)
    _fresh_rate_limits,
    answers,
    form_data,
    kk,
    ktp,
    make_service,
)

API = "/api/v1/citizen/survey/responses/"


def service_url(world, service) -> str:
    return reverse(
        "public:survey-service",
        kwargs={
            "agency_code": world.agency.code,
            "unit_pk": world.kelurahan.pk,
            "service_code": service.code,
        },
    )


def unit_url(world) -> str:
    return reverse(
        "public:survey-unit",
        kwargs={"agency_code": world.agency.code, "unit_pk": world.kelurahan.pk},
    )


# --- The page ------------------------------------------------------------------------------------


def test_the_service_page_asks_the_nine_elements_in_order_with_their_own_answers(
    world, ktp, client
):
    body = client.get(service_url(world, ktp)).content.decode()

    assert "Perekaman KTP-el" in body
    assert "Kelurahan Plaju Ulu" in body
    assert "Pemerintah Kota Palembang" in body
    positions = [
        body.index(label)
        for label in (
            "1. Persyaratan",
            "2. Sistem, Mekanisme, dan Prosedur",
            "3. Waktu Penyelesaian",
            "4. Biaya/Tarif",
            "5. Produk Spesifikasi Jenis Pelayanan",
            "6. Kompetensi Pelaksana",
            "7. Perilaku Pelaksana",
            "8. Penanganan Pengaduan, Saran dan Masukan",
            "9. Sarana dan Prasarana",
        )
    ]
    assert positions == sorted(positions)
    assert "kewajaran biaya/tarif" in body
    assert "Sangat mahal" in body
    assert "Gratis" in body
    assert "Dikelola dengan baik" in body
    assert body.count("Tidak menjawab") == 9
    assert 'name="website"' in body
    assert "Keluar" not in body  # no signed-in chrome


def test_a_citizen_answers_a_service_and_is_thanked(world, ktp, client, unscoped):
    data = form_data(
        **answers(4, 3, 3, 4, 2, 3, 4, 1, 3),
        age="34",
        sex="P",
        education="s1",
        occupation="swasta",
        comment="Antrean sudah rapi, ruang tunggu panas.",
        ticket_code=" a-017 ",
    )
    data = {key: str(value) for key, value in data.items()}

    response = client.post(service_url(world, ktp), data)

    thanks = reverse(
        "public:survey-thanks",
        kwargs={"agency_code": "palembang", "unit_pk": world.kelurahan.pk},
    )
    assert response.status_code == 302
    assert response["Location"] == thanks
    stored = SurveyResponse.objects.get()
    assert (stored.agency_id, stored.unit_id, stored.service_id) == (
        world.agency.pk,
        world.kelurahan.pk,
        ktp.pk,
    )
    assert [getattr(stored, key) for key in answers(0)] == [4, 3, 3, 4, 2, 3, 4, 1, 3]
    assert (stored.age, stored.sex, stored.education, stored.occupation) == (
        34,
        "P",
        "s1",
        "swasta",
    )
    assert stored.comment == "Antrean sudah rapi, ruang tunggu panas."
    assert stored.ticket_code == "A-017"
    assert stored.source == ResponseSource.WEB
    page = client.get(thanks).content.decode()
    assert "Terima kasih!" in page
    assert "Kelurahan Plaju Ulu" in page


def test_tidak_menjawab_is_stored_as_a_blank(world, ktp, client, unscoped):
    client.post(service_url(world, ktp), form_data(answer_biaya="0", answer_sarana="0"))

    stored = SurveyResponse.objects.get()
    assert stored.answer_biaya is None
    assert stored.answer_sarana is None
    assert stored.answer_persyaratan == 3


def test_the_unit_page_lets_the_citizen_pick_the_service(world, ktp, kk, client, unscoped):
    url = unit_url(world)
    page = client.get(url).content.decode()
    missing = client.post(url, form_data())
    chosen = client.post(url, form_data(service=str(kk.pk)))

    assert "Layanan yang Anda terima" in page
    assert "Perekaman KTP-el" in page
    assert "Kartu Keluarga" in page
    assert missing.status_code == 400
    assert "Pilih layanan yang Anda terima." in missing.content.decode()
    assert chosen.status_code == 302
    assert SurveyResponse.objects.get().service == kk


def test_the_ticket_code_is_prefilled_from_the_address(world, ktp, client):
    body = client.get(service_url(world, ktp) + "?tiket=B-204").content.decode()

    assert 'value="B-204"' in body


def test_a_missing_answer_is_named_and_nothing_is_stored(world, ktp, client, unscoped):
    data = form_data()
    del data["answer_waktu"]

    response = client.post(service_url(world, ktp), data)

    body = response.content.decode()
    assert response.status_code == 400
    assert "Pilih salah satu jawaban, atau “Tidak menjawab”." in body
    assert body.count("Pilih salah satu jawaban") == 1
    assert 'id="block-waktu"' in body
    assert 'survey-block survey-block-error" id="block-waktu"' in body
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize("bad", ["5", "-1", "sangat puas", "3.5"])
def test_an_answer_outside_the_choices_is_refused(world, ktp, client, unscoped, bad):
    response = client.post(service_url(world, ktp), form_data(answer_perilaku=bad))

    assert response.status_code == 400
    assert "Pilih salah satu jawaban" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_questionnaire_with_no_answer_at_all_is_refused(world, ktp, client, unscoped):
    response = client.post(service_url(world, ktp), form_data(**answers(0)))

    assert response.status_code == 400
    assert "Jawab setidaknya satu unsur pelayanan." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_an_impossible_age_is_refused(world, ktp, client, unscoped):
    response = client.post(service_url(world, ktp), form_data(age="7"))

    assert response.status_code == 400
    assert "10" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(world, ktp, client, unscoped):
    response = client.post(service_url(world, ktp), form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert "Permintaan ini tidak dapat diproses." in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_a_flood_from_one_client_gets_429_after_ten_answers(world, ktp, client, unscoped):
    url = service_url(world, ktp)
    statuses = [client.post(url, form_data()).status_code for _ in range(11)]

    assert statuses == [302] * 10 + [429]
    assert SurveyResponse.objects.count() == 10
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.post(url, form_data()).status_code == 302  # another client is not blocked


def test_the_limit_does_not_count_reading_the_page(world, ktp, client):
    statuses = {client.get(service_url(world, ktp)).status_code for _ in range(12)}

    assert statuses == {200}


def test_a_ticket_surveyed_twice_gets_a_clear_message(world, ktp, kk, client, unscoped):
    first = client.post(service_url(world, ktp), form_data(ticket_code="A-001"))
    again = client.post(service_url(world, ktp), form_data(ticket_code="a-001"))
    other_service = client.post(service_url(world, kk), form_data(ticket_code="A-001"))

    assert first.status_code == 302
    assert again.status_code == 400
    assert "Survei untuk nomor tiket ini sudah diisi. Terima kasih." in again.content.decode()
    assert other_service.status_code == 302  # tickets are per service
    assert SurveyResponse.objects.filter(ticket_code="A-001").count() == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"agency_code": "tidak-ada", "unit_pk": 1},
        {"agency_code": "palembang", "unit_pk": 999_999},
        {"agency_code": "subulussalam", "unit_pk": "KELURAHAN"},  # another agency's unit
    ],
)
def test_an_unknown_address_answers_the_public_404_page(world, client, kwargs):
    if kwargs["unit_pk"] == "KELURAHAN":
        kwargs = {**kwargs, "unit_pk": world.kelurahan.pk}
    response = client.get(reverse("public:survey-unit", kwargs=kwargs))

    assert response.status_code == 404
    assert "Survei tidak ditemukan" in response.content.decode()


def test_an_inactive_or_unknown_service_answers_404(world, ktp, client, unscoped):
    closed = make_service(world.kelurahan, "izin-keramaian", "Izin keramaian", is_active=False)
    elsewhere = make_service(world.kecamatan, "paten", "PATEN")

    for service in (closed, elsewhere):
        response = client.get(service_url(world, service))
        assert response.status_code == 404
        assert client.post(service_url(world, service), form_data()).status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_an_inactive_unit_takes_no_answers(world, ktp, client, unscoped):
    world.kelurahan.is_active = False
    world.kelurahan.save(update_fields=["is_active"])

    assert client.get(service_url(world, ktp)).status_code == 404


def test_a_signed_in_officer_can_answer_too(world, ktp, login, unscoped):
    response = login("pegawai").post(service_url(world, ktp), form_data())

    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 1


# --- The JSON endpoint -----------------------------------------------------------------------------


def payload(world, service=None, **overrides):
    body = {
        "agency": world.agency.code,
        "unit": world.kelurahan.pk,
        "service": service.code if service else "",
        "answers": {
            "persyaratan": 4,
            "prosedur": 3,
            "waktu": 3,
            "biaya": 4,
            "produk": 3,
            "kompetensi": 4,
            "perilaku": 4,
            "pengaduan": None,
            "sarana": 2,
        },
        "sex": "L",
        "age": 51,
    }
    body.update(overrides)
    return body


def post_json(client: Client, body, **extra):
    return client.post(API, json.dumps(body), content_type="application/json", **extra)


@pytest.fixture
def kiosk() -> Client:
    """An anonymous JSON client that enforces CSRF like a browser would."""
    return Client(enforce_csrf_checks=True, HTTP_ACCEPT="application/json")


def test_a_kiosk_posts_an_answer_without_an_account(world, ktp, kiosk, unscoped):
    response = post_json(kiosk, payload(world, ktp, ticket_code="Q-9"))

    assert response.status_code == 201
    body = response.json()
    stored = SurveyResponse.objects.get()
    assert body["id"] == stored.pk
    assert body["service"] == "ktp-el"
    assert body["detail"] == "Terima kasih, jawaban Anda sudah diterima."
    assert (stored.answer_persyaratan, stored.answer_pengaduan, stored.answer_sarana) == (
        4,
        None,
        2,
    )
    assert (stored.age, stored.sex, stored.ticket_code) == (51, "L", "Q-9")


def test_the_api_names_each_bad_field(world, ktp, kiosk, unscoped):
    body = payload(world, ktp, age=3)
    body["answers"] = {**body["answers"], "waktu": 7}
    del body["answers"]["sarana"]

    response = post_json(kiosk, body)

    assert response.status_code == 400
    errors = response.json()
    assert errors["answers"]["waktu"] == ["Jawaban harus 1–4."]
    assert errors["answers"]["sarana"] == ["Isi 1–4, atau null untuk “tidak menjawab”."]
    assert set(errors) == {"answers", "age"}
    assert SurveyResponse.objects.count() == 0


def test_the_api_reads_answers_as_whole_numbers_like_a_form_would(world, ktp, kiosk, unscoped):
    body = payload(world, ktp)
    body["answers"] = {**body["answers"], "waktu": "3", "biaya": 2.0, "produk": " 4 "}
    accepted = post_json(kiosk, body)
    assert accepted.status_code == 201
    stored = SurveyResponse.objects.get()
    assert (stored.answer_waktu, stored.answer_biaya, stored.answer_produk) == (3, 2, 4)

    body["answers"] = {**body["answers"], "waktu": True, "biaya": 2.5, "produk": "empat"}
    refused = post_json(kiosk, body)
    assert refused.status_code == 400
    assert refused.json()["answers"] == {
        code: ["Jawaban harus bilangan 1–4."] for code in ("biaya", "waktu", "produk")
    }
    not_an_object = post_json(kiosk, {**payload(world, ktp), "answers": [4, 4, 4]})
    assert not_an_object.status_code == 400
    assert not_an_object.json()["answers"] == ["Jawaban harus berupa objek per unsur."]
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"agency": "tidak-ada"}, "agency", "Instansi tidak dikenal."),
        ({"unit": 999_999}, "unit", "Unit tidak dikenal di instansi ini."),
        ({"service": "sim"}, "service", "Layanan tidak dikenal di unit ini."),
    ],
)
def test_the_api_refuses_an_unknown_target(world, ktp, kiosk, unscoped, overrides, field, message):
    response = post_json(kiosk, {**payload(world, ktp), **overrides})

    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_the_api_refuses_all_blank_answers_and_malformed_json(world, ktp, kiosk, unscoped):
    body = payload(world, ktp)
    body["answers"] = dict.fromkeys(body["answers"])

    blank = post_json(kiosk, body)
    broken = kiosk.post(API, "{not json", content_type="application/json")

    assert blank.status_code == 400
    assert blank.json() == {"non_field_errors": ["Jawab setidaknya satu unsur pelayanan."]}
    assert broken.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_the_api_refuses_a_ticket_surveyed_before(world, ktp, kiosk, unscoped):
    first = post_json(kiosk, payload(world, ktp, ticket_code="K-1"))
    again = post_json(kiosk, payload(world, ktp, ticket_code="K-1"))

    assert first.status_code == 201
    assert again.status_code == 400
    assert again.json() == {
        "ticket_code": ["Survei untuk nomor tiket ini sudah diisi. Terima kasih."]
    }


def test_the_api_honeypot_refuses_and_stores_nothing(world, ktp, kiosk, unscoped):
    response = post_json(kiosk, payload(world, ktp, website="x"))

    assert response.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_a_flood_of_the_api_gets_429(world, ktp, kiosk, unscoped):
    statuses = [post_json(kiosk, payload(world, ktp)).status_code for _ in range(11)]

    assert statuses == [201] * 10 + [429]
    assert SurveyResponse.objects.count() == 10


def test_a_signed_in_browser_session_needs_the_csrf_token(world, ktp, unscoped):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(
        world.users["petugas_layanan"], backend="kinerja.core.auth.NipOrUsernameBackend"
    )

    response = post_json(browser, payload(world, ktp))

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert SurveyResponse.objects.count() == 0


def test_a_kiosk_signed_in_with_a_token_posts_beyond_the_anonymous_limit(world, ktp, unscoped):
    token = Token.objects.create(user=world.users["petugas_layanan"])
    device = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")

    statuses = {post_json(device, payload(world, ktp)).status_code for _ in range(12)}

    assert statuses == {201}
    assert SurveyResponse.objects.count() == 12
