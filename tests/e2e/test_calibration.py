"""In the browser: the supervisor rates two employees, the head above sets the unit's
organisation predicate, sees the distribution breach, confirms it with a reason and finalises;
the evaluation page then shows no form."""

from __future__ import annotations

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _setup(world):
    import datetime as dt

    from kinerja.planning import services
    from tests.planning.conftest import fill_plan, user_of

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
        for employee in (world.pegawai, world.rekan):
            plan = services.start_plan(employee, actor=None, period=period)
            fill_plan(world, plan, "Surat pengantar terlayani")
            plan = services.submit_plan(plan, actor=user_of(world, employee), expected_version=None)
            services.approve_plan(plan, actor=world.users["atasan"], expected_version=None)


def _new_page(browser, live_server):
    page = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    page.set_default_timeout(10_000)
    return page


def test_supervisor_rates_head_confirms_breach_and_finalises(browser, live_server, world):
    _setup(world)
    rater = _new_page(browser, live_server)
    sign_in(rater, world.users["atasan"].username, PASSWORD)
    rater.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Evaluasi").click()
    evaluation_urls = []
    for name in ("Budi Santoso", "Dewi Lestari"):
        row = rater.locator("#to-open tr", has_text=name)
        row.get_by_label("Periode evaluasi").select_option(label="Tahunan")
        row.get_by_role("button", name="Buka evaluasi").click()
        rater.get_by_role("heading", name="Evaluasi Kinerja Pegawai").wait_for()
        expect(rater.locator("#suggestion")).to_contain_text("Saran sistem")
        rater.get_by_label("Rating hasil kerja").select_option("Di Atas Ekspektasi")
        rater.get_by_label("Rating perilaku kerja").select_option("Di Atas Ekspektasi")
        rater.get_by_role("button", name="Simpan penilaian").click()
        expect(rater.locator("#predicate")).to_contain_text("Sangat Baik")
        expect(rater.locator("#evaluation-status")).to_contain_text("Dinilai")
        evaluation_urls.append(rater.url)
        rater.goto("/penilaian/evaluasi/")

    head = _new_page(browser, live_server)
    sign_in(head, world.users["kepala"].username, PASSWORD)
    head.goto("/penilaian/kalibrasi/")
    head.get_by_role("link", name="Kelurahan Plaju Ulu").click()
    form = head.locator("#predicate-form")
    form.get_by_label("Predikat kinerja organisasi").select_option("Baik")
    form.get_by_label("Dasar penetapan").fill("Capaian perjanjian kinerja kelurahan 2026.")
    form.get_by_role("button", name="Simpan predikat organisasi").click()

    warning = head.locator("#breach-warning")
    expect(warning).to_contain_text("Sebaran predikat menyimpang dari pola distribusi")
    expect(warning).to_contain_text("0 dari 2 pegawai (0,0%), padahal harus ada")
    expect(head.locator("#distribution-chart")).to_be_visible()
    head.get_by_role("button", name="Finalkan predikat unit").click()
    expect(head.locator(".message-error")).to_contain_text("Konfirmasi penyimpangan")

    confirm = head.locator("#confirm-form")
    confirm.get_by_label("Alasan").fill("Dua pegawai ini memang melampaui target tahun ini.")
    confirm.get_by_role("button", name="Konfirmasi penyimpangan").click()
    expect(head.locator("#breach-warning")).to_contain_text("Dikonfirmasi pada")
    head.get_by_role("button", name="Finalkan predikat unit").click()
    expect(head.locator("#assessment-status")).to_contain_text("Final")

    for url in evaluation_urls:
        rater.goto(url)
        expect(rater.locator("#evaluation-status")).to_contain_text("Final")
        expect(rater.locator("#final-note")).to_be_visible()
        expect(rater.locator("#rate-form")).to_have_count(0)
