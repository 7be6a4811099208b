"""In the browser: the employee submits the SKP; the supervisor sees the bell's count, opens the
inbox, clicks the notification and lands on the plan (also on a phone)."""

from __future__ import annotations

import re

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _draft(world):
    """Pegawai's complete draft SKP, cascaded from atasan's approved one; no notifications."""
    import datetime as dt

    from kinerja.core.models import Notification
    from kinerja.planning import services
    from tests.planning.conftest import fill_plan

    with scopes_disabled():
        period = services.create_period(
            world.agency,
            actor=None,
            year=2026,
            name="Tahun 2026",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31),
        )
        leader = services.start_plan(world.atasan, actor=None, period=period)
        fill_plan(world, leader, "Pelayanan administrasi kelurahan prima")
        leader = services.submit_plan(leader, actor=world.users["atasan"], expected_version=None)
        leader = services.approve_plan(leader, actor=world.users["kepala"], expected_version=None)
        plan = services.start_plan(world.pegawai, actor=None, period=period)
        fill_plan(world, plan, "Surat pengantar warga terlayani", parent=leader.results.get())
        Notification.objects.all().delete()
        return plan


def _new_page(browser, live_server, **options):
    page = browser.new_context(base_url=live_server.url, locale="id-ID", **options).new_page()
    page.set_default_timeout(10_000)
    return page


def test_supervisor_follows_the_notification_of_a_submitted_plan(browser, live_server, world):
    plan = _draft(world)
    employee = _new_page(browser, live_server)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.goto(f"/kinerja/skp/{plan.pk}/")
    employee.get_by_role("button", name="Ajukan SKP").click()
    expect(employee.locator("#plan-status")).to_contain_text("Diajukan")
    expect(employee.locator(".topbar-count")).to_have_count(0)  # nobody is told of their own act

    rater = _new_page(browser, live_server)
    sign_in(rater, world.users["atasan"].username, PASSWORD)
    bell = rater.locator(".topbar-notifications")
    expect(bell.locator(".topbar-count")).to_have_text("1belum dibaca")
    bell.click()
    expect(rater.get_by_role("heading", name="Notifikasi")).to_be_visible()
    rater.get_by_role(
        "link", name="SKP Budi Santoso menunggu persetujuan Anda (Tahun 2026)."
    ).click()

    expect(rater).to_have_url(re.compile(rf"/kinerja/skp/{plan.pk}/$"))
    expect(rater.locator("#plan-status")).to_contain_text("Diajukan")
    expect(rater.get_by_role("button", name="Setujui SKP")).to_be_visible()
    expect(rater.locator(".topbar-count")).to_have_count(0)  # opened: read

    rater.goto("/notifikasi/")
    expect(rater.get_by_text("Sudah dibaca")).to_be_visible()


def test_the_inbox_fits_a_phone_and_marks_all_read(browser, live_server, world):
    from kinerja.core.notifications import notify

    for number in range(3):
        notify(
            world.users["atasan"],
            code="planning.plan.submitted",
            text=f"SKP pegawai {number} menunggu persetujuan Anda (Tahun 2026).",
            url="/kinerja/skp/",
        )
    phone = _new_page(
        browser, live_server, viewport={"width": 380, "height": 800}, is_mobile=True, has_touch=True
    )
    sign_in(phone, world.users["atasan"].username, PASSWORD)
    phone.goto("/notifikasi/")
    expect(phone.locator(".notification-unread")).to_have_count(3)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380

    phone.get_by_role("button", name="Tandai semua sudah dibaca").click()

    expect(phone.get_by_text("3 notifikasi ditandai sudah dibaca.")).to_be_visible()
    expect(phone.locator(".notification-unread")).to_have_count(0)
    expect(phone.locator(".topbar-count")).to_have_count(0)
