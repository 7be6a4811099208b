"""In the browser: the SKP cycle — draft, submit, return with a note, fix, resubmit, approve."""

from __future__ import annotations

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _setup(world):
    import datetime as dt

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
        services.approve_plan(leader, actor=world.users["kepala"], expected_version=None)


def test_employee_drafts_supervisor_returns_then_approves(browser, live_server, world):
    _setup(world)
    employee = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    employee.set_default_timeout(10_000)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="SKP saya"
    ).click()
    employee.locator("#id_period").select_option(label="Tahun 2026")
    employee.get_by_role("button", name="Mulai SKP").click()
    employee.get_by_role("heading", name="Sasaran Kinerja Pegawai").wait_for()

    form = employee.locator("#result-form")
    form.get_by_label("Rencana hasil kerja").fill("Surat pengantar warga terlayani")
    form.get_by_label("RHK pimpinan yang diintervensi").select_option(
        label="Pelayanan administrasi kelurahan prima"
    )
    form.get_by_role("button", name="Tambah RHK").click()
    employee.get_by_text("Tambah indikator").click()
    employee.get_by_label("Indikator kinerja individu").fill("Jumlah surat pengantar")
    employee.get_by_label("Target").fill("5")
    employee.get_by_label("Satuan").fill("surat")
    employee.get_by_role("button", name="Simpan indikator").click()
    employee.get_by_role("button", name="Ajukan SKP").click()
    expect(employee.locator("#plan-status")).to_contain_text("Diajukan")
    plan_url = employee.url

    rater = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    rater.set_default_timeout(10_000)
    sign_in(rater, world.users["atasan"].username, PASSWORD)
    rater.goto(plan_url)
    rater.get_by_label("Catatan perbaikan").fill("Target terlalu rendah, naikkan.")
    rater.get_by_role("button", name="Kembalikan SKP").click()
    expect(rater.locator("#plan-status")).to_contain_text("Dikembalikan")

    employee.reload()
    expect(employee.get_by_role("alert")).to_contain_text("Target terlalu rendah")
    employee.get_by_role("button", name="Hapus indikator").click()
    employee.get_by_text("Tambah indikator").click()
    employee.get_by_label("Indikator kinerja individu").fill("Jumlah surat pengantar")
    employee.get_by_label("Target").fill("50")
    employee.get_by_label("Satuan").fill("surat")
    employee.get_by_role("button", name="Simpan indikator").click()
    employee.get_by_role("button", name="Ajukan SKP").click()
    expect(employee.locator("#plan-status")).to_contain_text("Diajukan")

    rater.reload()
    rater.get_by_role("button", name="Setujui SKP").click()
    expect(rater.locator("#plan-status")).to_contain_text("Disetujui")
    employee.reload()
    expect(employee.locator("#plan-status")).to_contain_text("Disetujui")
    expect(employee.get_by_text("50 surat")).to_be_visible()
