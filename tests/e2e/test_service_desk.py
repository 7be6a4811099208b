"""In the browser, at phone size: the service-desk officer records a request at the desk,
marks it completed with one tap, and the turnaround page counts it."""

from __future__ import annotations

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.citizen.services_fixtures import make_service
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def test_desk_officer_records_and_completes_a_request_on_a_phone(phone, world):
    with scopes_disabled():
        make_service(world.kelurahan, name="KTP Elektronik", code="ktp-el", standard=60)
        make_service(world.kelurahan, name="Surat Pengantar", code="pengantar", standard=15)

    sign_in(phone, world.users["petugas_layanan"].username, PASSWORD)
    menu = phone.get_by_role("navigation", name="Menu utama")
    menu.get_by_text("Menu").click()
    menu.get_by_role("link", name="Loket layanan").click()
    phone.get_by_role("heading", name="Loket layanan").wait_for()

    phone.get_by_label("Layanan").select_option(label="Surat Pengantar")
    phone.get_by_label("Nomor antrean").fill("B-07")
    expect(phone.get_by_label("Petugas yang menangani")).to_have_value(
        str(world.users["petugas_layanan"].employee.pk)
    )
    phone.get_by_role("button", name="Catat permohonan").click()
    expect(phone.get_by_text("Permohonan B-07 untuk Surat Pengantar dicatat.")).to_be_visible()
    expect(phone.get_by_role("heading", name="1 permohonan belum selesai")).to_be_visible()

    done = phone.get_by_role("button", name="Selesai: B-07")
    box = done.bounding_box()
    assert box is not None
    assert box["height"] >= 44  # a thumb-sized target
    done.click()
    expect(phone.get_by_text("Permohonan B-07 selesai dalam")).to_be_visible()
    expect(phone.get_by_text("(sesuai standar)")).to_be_visible()
    expect(phone.get_by_role("heading", name="0 permohonan belum selesai")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.goto("/layanan/waktu-penyelesaian/")
    summary = phone.locator("#turnaround-summary")
    expect(summary).to_contain_text("Permohonan selesai")
    expect(summary.locator(".stat").first).to_have_text("1")
    expect(summary).to_contain_text("100,00%")
    row = phone.locator("#turnaround-services tr", has_text="Surat Pengantar")
    expect(row).to_contain_text("100,00%")
