"""In the browser: the agency admin opens the compliance monitor from the menu, reads a count
of a period and drills from a unit's figure to the employees behind it."""

from __future__ import annotations

import datetime as dt

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from kinerja.planning import services as planning
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def test_the_admin_drills_from_a_units_count_to_the_employees_behind_it(page, world):
    with scopes_disabled():
        planning.create_period(
            world.agency,
            actor=None,
            year=2026,
            name="Tahun 2026",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 12, 31),
            plan_deadline=dt.date(2026, 1, 31),
        )
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.get_by_role("link", name="Pemantauan kepatuhan").click()
    expect(page.get_by_role("heading", name="Pemantauan kepatuhan")).to_be_visible()
    card = page.locator(".card", has_text="SKP belum disetujui sampai batas waktu")
    # No SKP was approved: every active employee of the agency (seven in the test world).
    expect(card.locator(".stat")).to_have_text("7")
    row = page.locator("table.compliance-units tr", has_text="Kelurahan Plaju Ulu")
    row.locator("td").nth(1).get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="SKP belum disetujui sampai batas waktu")
    ).to_be_visible()
    expect(page.get_by_text("Kelurahan Plaju Ulu").first).to_be_visible()
    for name in ("Budi Santoso", "Dewi Lestari", "Siti Aminah"):
        expect(page.get_by_role("cell", name=name)).to_be_visible()
    expect(page.get_by_role("cell", name="Hendra Saputra")).to_have_count(0)
