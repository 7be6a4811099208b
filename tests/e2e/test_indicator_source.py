"""In the browser: an SKP indicator fed by a service's completed requests. The desk officer
records and completes requests at the desk; the employee's realisation sheet and "Indikator
dari data" page show the new value without anyone typing it, and the manual form refuses to
change it without a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser

COUNT = "Jumlah surat pengantar diselesaikan"


def _setup(world):
    from django.utils import timezone

    from kinerja.citizen.models import Metric
    from kinerja.citizen.services import sources
    from kinerja.planning import services as planning
    from tests.citizen.sources_fixtures import approved_plan_with, indicator, make_service

    with scopes_disabled():
        today = timezone.localdate()
        period = planning.create_period(
            world.agency,
            actor=None,
            year=today.year,
            name=f"Tahun {today.year}",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(today.year, 1, 1),
            end_date=dt.date(today.year, 12, 31),
        )
        plan = approved_plan_with(
            world, world.pegawai, period, [("kuantitas", COUNT, Decimal(120), "permohonan")]
        )
        surat = make_service(world.kelurahan, "surat-pengantar", "Surat Pengantar", 30)
        sources.bind_indicator_source(
            indicator(plan, COUNT),
            actor=world.users["admin_bkpsdm"],
            metric=Metric.SERVICE_COMPLETED,
            service=surat,
        )
        return plan, indicator(plan, COUNT)


def _record_and_complete(desk, ticket: str) -> None:
    desk.get_by_label("Layanan").select_option(label="Surat Pengantar")
    desk.get_by_label("Nomor antrean").fill(ticket)
    desk.get_by_role("button", name="Catat permohonan").click()
    expect(desk.get_by_text(f"Permohonan {ticket} untuk Surat Pengantar dicatat.")).to_be_visible()
    desk.get_by_role("button", name=f"Selesai: {ticket}").click()
    expect(desk.get_by_text(f"Permohonan {ticket} selesai dalam")).to_be_visible()


@pytest.fixture
def two_people(browser, live_server):
    """Two signed-out browser pages (the employee, the desk officer), closed afterwards."""
    contexts = [browser.new_context(base_url=live_server.url, locale="id-ID") for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(10_000)
    yield pages
    for context in contexts:
        context.close()


def test_a_service_indicator_follows_the_requests_recorded_at_the_desk(two_people, world):
    plan, target = _setup(world)
    employee, desk = two_people

    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.goto(f"/penilaian/skp/{plan.pk}/realisasi/")
    row = employee.locator(f"#indicator-{target.pk}")
    expect(row.locator(".realisation-value")).to_contain_text("0 permohonan")  # none yet

    sign_in(desk, world.users["petugas_layanan"].username, PASSWORD)
    desk.goto("/layanan/loket/")
    _record_and_complete(desk, "B-01")
    _record_and_complete(desk, "B-02")

    employee.reload()
    row = employee.locator(f"#indicator-{target.pk}")
    expect(row.locator(".realisation-value")).to_contain_text("2 permohonan")
    expect(row.locator(".realisation-value")).to_contain_text("Dihitung otomatis dari data")
    expect(row.get_by_label("Realisasi", exact=True)).to_have_attribute("readonly", "")

    _record_and_complete(desk, "B-03")
    employee.reload()
    expect(employee.locator(f"#indicator-{target.pk} .realisation-value")).to_contain_text(
        "3 permohonan"
    )

    employee.get_by_role("link", name="Indikator dari data").first.click()
    employee.get_by_role("heading", name="Indikator dari data").wait_for()
    section = employee.locator(f"#indicator-{target.pk}")
    expect(section).to_contain_text("Jumlah permohonan layanan yang diselesaikan")
    current = section.locator("tbody tr").last
    expect(current.locator(".computed-value")).to_contain_text("3 permohonan")
    expect(current.locator(".used-value")).to_have_text("3")

    # A manual value needs a reason: without one the form is refused and nothing changes.
    current.get_by_text("Pakai nilai lain (dengan alasan)").click()
    current.get_by_label("Nilai yang dipakai").fill("5")
    current.get_by_label("Alasan").fill("   ")
    current.get_by_role("button", name="Simpan nilai manual").click()
    current = employee.locator(f"#indicator-{target.pk} tbody tr").last
    expect(current.locator(".used-value")).to_have_text("3")
    current.get_by_label("Alasan").fill("Dua surat dicatat di buku saat listrik padam.")
    current.get_by_label("Nilai yang dipakai").fill("5")
    current.get_by_role("button", name="Simpan nilai manual").click()
    expect(employee.get_by_text("Nilai manual dipakai; alasannya dicatat.")).to_be_visible()
    current = employee.locator(f"#indicator-{target.pk} tbody tr").last
    expect(current.locator(".used-value")).to_have_text("5")
    expect(current).to_contain_text("Alasan: Dua surat dicatat di buku saat listrik padam.")
