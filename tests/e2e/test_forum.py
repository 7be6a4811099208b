"""In the browser: the agency admin writes an announcement to Kelurahan Plaju Ulu and publishes
it; two of its four employees sign in (one on a phone-sized screen), see the unread badge and
confirm; the admin's list of who has not read it shrinks from 4 to 2."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _page(browser, live_server, *, phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport=size, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())  # "Terbitkan …?" confirmation
    return context, page


def _confirm(browser, live_server, user, *, phone: bool) -> None:
    context, page = _page(browser, live_server, phone=phone)
    sign_in(page, user.username, PASSWORD)
    page.goto("/forum/pengumuman/")
    if not phone:  # the side menu is folded away on a phone
        expect(page.locator("#menu-announcements .badge")).to_have_text("1 belum dikonfirmasi")
    page.get_by_role("link", name="Sosialisasi e-Kinerja").click()
    page.get_by_role("button", name="Saya sudah membaca").click()
    expect(page.locator("#confirm")).to_contain_text("Anda sudah mengonfirmasi")
    context.close()


def test_the_unread_list_shrinks_as_employees_read(browser, live_server, world):
    admin_context, admin = _page(browser, live_server)
    sign_in(admin, world.users["admin_bkpsdm"].username, PASSWORD)
    admin.goto("/forum/pengumuman/baru/")
    admin.get_by_label("Judul").fill("Sosialisasi e-Kinerja")
    admin.get_by_label("Isi pengumuman").fill(
        "Mulai periode ini SKP disusun di aplikasi.\n<script>alert(1)</script>"
    )
    admin.get_by_label("Unit kerja sasaran").select_option(label="— Kelurahan Plaju Ulu")
    admin.get_by_role("button", name="Simpan draf").click()
    admin.get_by_role("button", name="Terbitkan").click()
    expect(admin.locator("#announcement-status")).to_contain_text("Terbit")
    expect(admin.locator("#announcement-body")).to_contain_text("<script>alert(1)</script>")
    admin.get_by_role("link", name="Siapa yang belum membaca").click()
    expect(admin.locator("#reading-count")).to_have_text("0 dari 4 sudah membaca")
    expect(admin.locator("#unread tbody tr")).to_have_count(4)

    _confirm(browser, live_server, world.users["pegawai"], phone=False)
    _confirm(browser, live_server, world.users["rekan"], phone=True)

    admin.reload()
    expect(admin.locator("#reading-count")).to_have_text("2 dari 4 sudah membaca")
    expect(admin.locator("#unread tbody tr")).to_have_count(2)
    expect(admin.locator("#unread")).not_to_contain_text("Budi Santoso")
    expect(admin.locator("#unread")).not_to_contain_text("Dewi Lestari")
    expect(admin.locator("#unread")).to_contain_text("Siti Aminah")
    admin_context.close()
