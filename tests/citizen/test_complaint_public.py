"""The public complaint pages and endpoints: no account; a ticket code on filing; the status by
that code shows nothing personal and nothing of other complaints; floods get 429, bad payloads
400 with the reason; the resolution is rated once, only after it is resolved."""

from __future__ import annotations

import re

from django.urls import reverse

from kinerja.citizen.models import Complaint, ComplaintStatus, Service
from kinerja.citizen.public.complaint_views import LOOKUP_LIMIT, SUBMIT_LIMIT
from kinerja.citizen.services import complaints as services
from tests.citizen.complaint_fixtures import clear_rate_limits, complaint_in, fresh

__all__ = ["clear_rate_limits"]

FORM = {
    "subject": "Jalan berlubang di depan kantor lurah",
    "description": "Lubang besar sejak dua minggu, sudah ada pengendara jatuh.",
    "complainant_name": "Andi Wijaya",
    "complainant_contact": "andi@example.id",
}


def _form_url(world) -> str:
    return reverse("public:complaint-form", args=[world.agency.code])


def _status(client, ticket):
    return client.get(reverse("public:complaint-status"), {"tiket": ticket})


def _resolved(world, **fields):
    complaint = complaint_in(world.kelurahan, **fields)
    return services.resolve_complaint(
        complaint, actor=None, expected_version=None, resolution="Lubang sudah ditambal."
    )


# --- Filing ------------------------------------------------------------------------------------


def test_a_citizen_files_a_complaint_and_gets_the_ticket_code(
    world, client, clear_rate_limits, unscoped
):
    page = client.get(_form_url(world))
    assert page.status_code == 200
    assert "Kelurahan Plaju Ulu" in page.content.decode()
    assert "Dinas Kesehatan" not in page.content.decode()  # another agency's unit

    response = client.post(_form_url(world), {**FORM, "unit": world.kelurahan.pk})

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "public:complaint-sent", args=[world.agency.code, complaint.ticket_code]
    )
    assert (complaint.channel, complaint.unit, complaint.agency) == (
        "web",
        world.kelurahan,
        world.agency,
    )
    assert complaint.complainant_name == "Andi Wijaya"
    sent = client.get(response["Location"]).content.decode()
    assert re.search(rf'id="ticket-code">{complaint.ticket_code}<', sent)
    assert "Simpan kode ini" in sent
    assert "Andi Wijaya" not in sent


def test_an_anonymous_complaint_about_a_service_is_accepted(
    world, client, clear_rate_limits, unscoped
):
    service = Service.objects.create(
        agency=world.agency,
        unit=world.kelurahan,
        code="pengantar",
        name="Surat Pengantar",
        standard_minutes=60,
    )

    response = client.post(
        _form_url(world),
        {
            "unit": world.kelurahan.pk,
            "service": service.pk,
            "subject": "Dimintai uang",
            "description": "Petugas meminta biaya untuk surat pengantar yang seharusnya gratis.",
        },
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert (complaint.complainant_name, complaint.complainant_contact) == ("", "")
    assert complaint.service == service


def test_bad_payloads_get_400_with_the_reason_and_store_nothing(
    world, client, clear_rate_limits, unscoped
):
    other_branch = Service.objects.create(
        agency=world.agency,
        unit=world.kecamatan,
        code="imb",
        name="Rekomendasi IMB",
        standard_minutes=600,
    )
    cases = {
        "empty": ({}, ["Unit/kantor yang diadukan", "Judul pengaduan", "Isi pengaduan"]),
        "another agency's unit": (
            {**FORM, "unit": world.other_unit.pk},
            ["Masukkan pilihan yang valid"],
        ),
        "honeypot": ({**FORM, "unit": world.kelurahan.pk, "website": "http://spam"}, []),
        "too long": ({**FORM, "unit": world.kelurahan.pk, "subject": "x" * 201}, []),
    }
    for name, (data, reasons) in cases.items():
        response = client.post(_form_url(world), data)
        body = response.content.decode()
        assert response.status_code == 400, name
        for reason in reasons:
            assert reason in body, (name, reason)
    # A service of the unit above is of the same branch; the sibling check runs in the service.
    ok = client.post(
        _form_url(world), {**FORM, "unit": world.kelurahan.pk, "service": other_branch.pk}
    )
    assert ok.status_code == 302
    assert Complaint.objects.count() == 1


def test_a_service_of_another_branch_is_refused_with_the_reason(
    world, client, clear_rate_limits, unscoped
):
    from tests import factories

    sibling = factories.make_unit(world.agency, "Kelurahan Bagus Kuning", parent=world.kecamatan)
    service = Service.objects.create(
        agency=world.agency, unit=sibling, code="ktp", name="KTP-el", standard_minutes=60
    )

    response = client.post(
        _form_url(world), {**FORM, "unit": world.kelurahan.pk, "service": service.pk}
    )

    assert response.status_code == 400
    assert "Layanan ini bukan layanan unit yang dipilih." in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_flood_of_submissions_gets_429(world, client, clear_rate_limits, unscoped):
    data = {**FORM, "unit": world.kelurahan.pk}
    codes = [client.post(_form_url(world), data).status_code for _ in range(SUBMIT_LIMIT.requests)]

    flood = client.post(_form_url(world), data)

    assert codes == [302] * SUBMIT_LIMIT.requests
    assert flood.status_code == 429
    assert Complaint.objects.count() == SUBMIT_LIMIT.requests
    assert client.get(_form_url(world)).status_code == 200  # reading the form is not counted


def test_an_unknown_agency_has_no_form(world, client, unscoped):
    assert client.get(reverse("public:complaint-form", args=["tidak-ada"])).status_code == 404


def test_the_api_files_a_complaint_and_answers_bad_payloads_with_reasons(
    world, client, clear_rate_limits, unscoped
):
    url = reverse("api-public-complaint-create")
    good = client.post(
        url,
        {"agency": world.agency.code, "unit": world.kelurahan.pk, **FORM},
        content_type="application/json",
    )
    missing = client.post(url, {"agency": world.agency.code}, content_type="application/json")
    foreign = client.post(
        url,
        {"agency": world.agency.code, "unit": world.other_unit.pk, **FORM},
        content_type="application/json",
    )
    broken = client.post(url, "{not json", content_type="application/json")
    trap = client.post(
        url,
        {"agency": world.agency.code, "unit": world.kelurahan.pk, "website": "x", **FORM},
        content_type="application/json",
    )
    nowhere = client.post(
        url, {"agency": "tidak-ada", "unit": 1, **FORM}, content_type="application/json"
    )

    assert good.status_code == 201
    body = good.json()
    complaint = Complaint.objects.get()
    assert body["ticket_code"] == complaint.ticket_code
    assert body["status"] == "diterima"
    assert "complainant_name" not in body
    assert missing.status_code == 400
    assert set(missing.json()) == {"unit", "subject", "description"}
    assert foreign.status_code == 400
    assert foreign.json() == {"unit": ["Unit tidak ditemukan di instansi ini."]}
    assert broken.status_code == 400
    assert trap.status_code == 400
    assert nowhere.status_code == 404
    assert Complaint.objects.count() == 1


def test_the_api_limits_a_flood_too(world, client, clear_rate_limits, unscoped):
    from kinerja.citizen.api.complaints import PUBLIC_SUBMIT_LIMIT

    url = reverse("api-public-complaint-create")
    payload = {"agency": world.agency.code, "unit": world.kelurahan.pk, **FORM}
    for _ in range(PUBLIC_SUBMIT_LIMIT.requests):
        assert client.post(url, payload, content_type="application/json").status_code == 201

    flood = client.post(url, payload, content_type="application/json")

    assert flood.status_code == 429
    assert flood.json()["detail"].startswith("Terlalu banyak permintaan")


# --- Status by ticket --------------------------------------------------------------------------


def test_the_status_page_shows_the_complaint_and_nothing_personal_or_of_others(
    world, client, clear_rate_limits, unscoped
):
    mine = complaint_in(
        world.kelurahan, complainant_name="Andi Wijaya", complainant_contact="0812-1"
    )
    services.respond_to_complaint(
        mine, actor=None, expected_version=None, response="Petugas akan meninjau lokasi."
    )
    other = complaint_in(
        world.kelurahan,
        subject="Pungutan liar di loket",
        description="Rahasia pelapor lain",
        complainant_name="Siti Pelapor",
        complainant_contact="siti@example.id",
    )

    page = _status(client, mine.ticket_code.lower().replace("-", " "))
    api = client.get(reverse("api-public-complaint-status", args=[mine.ticket_code]))

    html = page.content.decode()
    assert page.status_code == 200
    assert mine.ticket_code in html
    assert "Antrean KTP-el terlalu lama" in html
    assert "Kelurahan Plaju Ulu" in html
    assert "Diproses" in html
    assert "Petugas akan meninjau lokasi." in html
    for secret in (
        "Andi Wijaya",
        "0812-1",
        "Saya menunggu empat jam",  # the complaint's own text stays with the staff
        other.ticket_code,
        "Pungutan liar di loket",
        "Siti Pelapor",
        "siti@example.id",
        "Rahasia pelapor lain",
    ):
        assert secret not in html, secret
        assert secret not in api.content.decode(), secret
    assert set(api.json()) == {
        "ticket_code",
        "subject",
        "unit_name",
        "status",
        "status_label",
        "received_at",
        "first_response_due",
        "first_responded_at",
        "resolution_due",
        "resolved_at",
        "response",
        "resolution",
        "rating",
        "can_rate",
    }


def test_an_unknown_ticket_is_not_found_and_reveals_nothing(
    world, client, clear_rate_limits, unscoped
):
    complaint_in(world.kelurahan)

    unknown = _status(client, "ADU-ZZZZZZZZ")
    malformed = _status(client, "12345")
    api = client.get(reverse("api-public-complaint-status", args=["ADU-ZZZZZZZZ"]))

    assert (unknown.status_code, malformed.status_code, api.status_code) == (404, 404, 404)
    assert "Tiket tidak ditemukan." in unknown.content.decode()
    strip = re.compile(r'value="[^"]*"|csrfmiddlewaretoken[^>]*')
    assert strip.sub("", unknown.content.decode()) == strip.sub("", malformed.content.decode())
    assert "Antrean KTP-el" not in unknown.content.decode()


def test_guessing_ticket_codes_is_rate_limited(world, client, clear_rate_limits, unscoped):
    half = LOOKUP_LIMIT.requests // 2
    codes = [_status(client, f"ADU-ZZZZZZ{index:02d}").status_code for index in range(half)]
    sent = reverse("public:complaint-sent", args=[world.agency.code, "ADU-ZZZZZZZZ"])
    codes += [client.get(sent).status_code for _ in range(LOOKUP_LIMIT.requests - half)]

    blocked = (_status(client, "ADU-ZZZZZZZZ"), client.get(sent))

    assert set(codes) == {404}
    assert [response.status_code for response in blocked] == [429, 429]
    assert client.get(reverse("public:complaint-status")).status_code == 200  # the empty form


# --- Rating ------------------------------------------------------------------------------------


def test_the_complainant_rates_a_resolved_complaint_once(
    world, client, clear_rate_limits, unscoped
):
    complaint = _resolved(world)
    page = _status(client, complaint.ticket_code).content.decode()
    assert 'id="rate"' in page

    rated = client.post(
        reverse("public:complaint-rate"),
        {"tiket": complaint.ticket_code, "rating": "4", "comment": "Cepat ditangani."},
    )
    again = client.post(
        reverse("public:complaint-rate"), {"tiket": complaint.ticket_code, "rating": "1"}
    )

    complaint = fresh(complaint)
    assert rated.status_code == 302
    assert (complaint.rating, complaint.rating_comment) == (4, "Cepat ditangani.")
    assert complaint.rated_at is not None
    assert again.status_code == 400
    assert "Penyelesaian pengaduan ini sudah dinilai." in again.content.decode()
    assert fresh(complaint).rating == 4
    after = _status(client, complaint.ticket_code).content.decode()
    assert 'id="rate"' not in after
    assert "Anda menilai penyelesaian ini 4 dari 5." in after


def test_a_complaint_cannot_be_rated_before_it_is_resolved_or_out_of_range(
    world, client, clear_rate_limits, unscoped
):
    open_one = complaint_in(world.kelurahan)
    resolved = _resolved(world)

    early = client.post(
        reverse("public:complaint-rate"), {"tiket": open_one.ticket_code, "rating": "5"}
    )
    out_of_range = client.post(
        reverse("public:complaint-rate"), {"tiket": resolved.ticket_code, "rating": "9"}
    )
    api_early = client.post(
        reverse("api-public-complaint-rate", args=[open_one.ticket_code]),
        {"rating": 5},
        content_type="application/json",
    )
    api_zero = client.post(
        reverse("api-public-complaint-rate", args=[resolved.ticket_code]),
        {"rating": 0},
        content_type="application/json",
    )

    assert early.status_code == 400
    assert "Penilaian dapat diberikan setelah pengaduan diselesaikan." in early.content.decode()
    assert 'id="rate"' not in early.content.decode()
    assert out_of_range.status_code == 400
    assert api_early.status_code == 400
    assert api_early.json() == {
        "non_field_errors": ["Penilaian dapat diberikan setelah pengaduan diselesaikan."]
    }
    assert api_zero.status_code == 400
    assert set(api_zero.json()) == {"rating"}
    assert fresh(open_one).rating is None
    assert fresh(resolved).rating is None
    assert fresh(open_one).status == ComplaintStatus.RECEIVED


def test_the_api_rates_once(world, client, clear_rate_limits, unscoped):
    complaint = _resolved(world)
    url = reverse("api-public-complaint-rate", args=[complaint.ticket_code])

    first = client.post(url, {"rating": 5, "comment": "Mantap"}, content_type="application/json")
    second = client.post(url, {"rating": 2}, content_type="application/json")

    assert first.status_code == 200
    assert (first.json()["rating"], first.json()["can_rate"]) == (5, False)
    assert second.status_code == 400
    assert fresh(complaint).rating == 5
