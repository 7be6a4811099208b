"""In the browser: sign in, browse and search employees, open the org chart, switch language."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def test_admin_signs_in_searches_an_employee_and_opens_the_profile(page, world):
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Pegawai", exact=True
    ).click()
    page.get_by_label("Cari nama atau NIP").fill("Budi")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Budi Santoso").click()
    page.get_by_role("heading", name="Budi Santoso").wait_for()
    assert page.get_by_text("Siti Aminah").first.is_visible()


def test_employee_signs_in_with_nip_and_sees_their_profile_and_org_chart(page, world):
    sign_in(page, world.pegawai.nip_display, PASSWORD)
    assert page.get_by_role("heading", name="Profil saya").is_visible()
    page.get_by_role("link", name="Kelurahan Plaju Ulu").first.click()
    page.get_by_role("heading", name="Kelurahan Plaju Ulu").wait_for()
    assert page.get_by_text("Siti Aminah").first.is_visible()


def test_the_language_switch_turns_the_interface_english(page, world):
    sign_in(page, world.users["atasan"].username, PASSWORD)
    assert page.get_by_role("heading", name="Profil saya").is_visible()
    page.get_by_label("Bahasa").select_option("en")
    page.get_by_role("heading", name="My profile").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_home_page_works_on_a_phone(phone, world):
    sign_in(phone, world.users["kepala"].username, PASSWORD)
    assert phone.get_by_role("heading", name="Unit yang Anda pimpin").is_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
