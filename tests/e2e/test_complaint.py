"""In the browser: a citizen files a complaint on a phone and keeps the ticket code; the desk
assigns it, the employee answers and resolves it; the citizen follows it by the code on the
phone-sized status page and rates the resolution."""

from __future__ import annotations

import re

from django.core.cache import cache
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from kinerja.citizen.models import Complaint
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _staff_page(browser, live_server):
    page = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900}
    ).new_page()
    page.set_default_timeout(10_000)
    return page


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_complaint_goes_from_the_public_form_to_the_citizens_rating(
    browser, live_server, phone, world
):
    cache.clear()
    # The citizen, on a phone, without an account.
    phone.goto(f"/publik/pengaduan/{world.agency.code}/")
    expect(phone.get_by_role("heading", name="Sampaikan pengaduan")).to_be_visible()
    phone.get_by_label("Unit/kantor yang diadukan").select_option(label="— Kelurahan Plaju Ulu")
    phone.get_by_label("Judul pengaduan").fill("Antrean surat pengantar terlalu lama")
    phone.get_by_label("Isi pengaduan").fill("Saya menunggu tiga jam tanpa kepastian di loket.")
    phone.get_by_label("Nama (boleh dikosongkan)").fill("Rahmat Hidayat")
    assert _fits_the_screen(phone)
    phone.get_by_role("button", name="Kirim pengaduan").click()

    ticket = phone.locator("#ticket-code")
    expect(ticket).to_have_text(re.compile(r"^ADU-[A-Z2-9]{8}$"))
    expect(phone.get_by_text("Simpan kode ini")).to_be_visible()
    code = ticket.inner_text()
    assert _fits_the_screen(phone)

    # The desk assigns it to the employee.
    desk = _staff_page(browser, live_server)
    sign_in(desk, world.users["petugas_layanan"].username, PASSWORD)
    desk.goto("/layanan/pengaduan/")
    desk.get_by_role("link", name=code).click()
    expect(desk.locator("#complaint-status")).to_contain_text("Diterima")
    desk.get_by_label("Tugaskan kepada").select_option(
        label="Budi Santoso, Pengadministrasi Umum · Kelurahan Plaju Ulu"
    )
    desk.get_by_role("button", name="Tugaskan").click()
    expect(desk.get_by_text("Pengaduan ditugaskan.")).to_be_visible()

    # The employee answers and resolves it.
    employee = _staff_page(browser, live_server)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.goto("/notifikasi/")
    employee.get_by_role("link", name=re.compile(rf"Pengaduan {code} ")).click()
    employee.get_by_label("Tanggapan untuk pelapor").fill("Kami sedang memeriksa antrean loket.")
    employee.get_by_role("button", name="Kirim tanggapan").click()
    expect(employee.locator("#complaint-status")).to_contain_text("Diproses")
    employee.get_by_label("Penyelesaian").fill("Loket kedua dibuka setiap pagi mulai pekan ini.")
    employee.get_by_role("button", name="Tandai selesai").click()
    expect(employee.locator("#complaint-status")).to_contain_text("Selesai")
    expect(employee.locator("#complaint-status")).to_contain_text("Tepat waktu")

    # The citizen follows it by the code and rates the resolution.
    phone.get_by_role("link", name="Lihat status pengaduan").click()
    expect(phone.locator("#public-status")).to_have_text("Selesai")
    expect(phone.get_by_text("Loket kedua dibuka setiap pagi mulai pekan ini.")).to_be_visible()
    expect(phone.get_by_text("Rahmat Hidayat")).to_have_count(0)
    phone.get_by_label("5 — Sangat puas").check()
    phone.get_by_label("Komentar (boleh dikosongkan)").fill("Terima kasih, cepat ditangani.")
    phone.get_by_role("button", name="Kirim penilaian").click()
    expect(phone.get_by_text("Terima kasih, penilaian Anda sudah kami terima.")).to_be_visible()
    expect(phone.locator("#rated")).to_contain_text("5 dari 5")
    expect(phone.locator("#rate")).to_have_count(0)

    with scopes_disabled():
        complaint = Complaint.objects.get(ticket_code=code)
    assert (complaint.status, complaint.rating, complaint.resolved_on_time) == ("selesai", 5, True)


def test_the_status_page_fits_a_phone_and_says_so_for_an_unknown_code(phone, world):
    cache.clear()
    phone.goto("/publik/pengaduan/status/")
    phone.get_by_label("Kode tiket").fill("ADU-ZZZZZZZZ")
    phone.get_by_role("button", name="Lihat status").click()

    expect(phone.locator("#not-found")).to_contain_text("Tiket tidak ditemukan.")
    assert _fits_the_screen(phone)
