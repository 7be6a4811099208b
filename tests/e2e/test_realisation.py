"""In the browser: the employee records a realisation with a PDF as evidence, the supervisor
gives feedback on it, and the employee reads the feedback on "Kinerja saya"."""

from __future__ import annotations

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _setup(world):
    import datetime as dt

    from django.utils import timezone

    from kinerja.planning import services
    from tests.appraisal.conftest import build_plan

    with scopes_disabled():
        today = timezone.localdate()
        period = services.create_period(
            world.agency,
            actor=None,
            year=today.year,
            name=f"Tahun {today.year}",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(today.year, 1, 1),
            end_date=dt.date(today.year, 12, 31),
        )
        plan = build_plan(world, world.pegawai, period)
        target = plan.results.get(kind="utama").indicators.get(aspect="kuantitas")
        return plan, target


def test_employee_documents_and_supervisor_gives_feedback(
    browser, live_server, world, settings, tmp_path
):
    from tests.appraisal.conftest import pdf_bytes

    settings.MEDIA_ROOT = tmp_path / "media"
    _plan, target = _setup(world)

    employee = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    employee.set_default_timeout(10_000)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Kinerja saya"
    ).click()
    employee.get_by_role("link", name="Catat realisasi").click()
    employee.get_by_role("heading", name="Realisasi kinerja").wait_for()

    row = employee.locator(f"#indicator-{target.pk}")
    row.get_by_label("Realisasi", exact=True).fill("3")
    row.get_by_label("Catatan").fill("Tiga surat pengantar terbit")
    row.get_by_role("button", name="Simpan realisasi").click()
    expect(employee.get_by_text("Realisasi disimpan.")).to_be_visible()
    row = employee.locator(f"#indicator-{target.pk}")
    expect(row.locator(".achievement")).to_contain_text("100,00%")

    row.get_by_text("Tambah bukti dukung").click()
    row.get_by_label("Berkas bukti dukung").set_input_files(
        {"name": "laporan-triwulan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    row.get_by_role("button", name="Unggah berkas").click()
    expect(employee.get_by_text("Bukti dukung diunggah.")).to_be_visible()
    expect(employee.get_by_role("link", name="laporan-triwulan.pdf")).to_be_visible()
    sheet_url = employee.url.split("#")[0]

    rater = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    rater.set_default_timeout(10_000)
    sign_in(rater, world.users["atasan"].username, PASSWORD)
    rater.goto(sheet_url)
    expect(rater.get_by_role("link", name="laporan-triwulan.pdf")).to_be_visible()
    form = rater.locator("#feedback-form")
    form.get_by_label("Tentang").select_option(label=str(target))
    form.get_by_label("Umpan balik").fill("Bagus, pertahankan ketepatan waktunya.")
    form.get_by_role("button", name="Kirim umpan balik").click()
    expect(rater.get_by_text("Umpan balik disimpan dan pegawai diberi tahu.")).to_be_visible()

    employee.goto("/penilaian/saya/")
    feedback = employee.locator("#feedback-received")
    expect(feedback).to_contain_text("Bagus, pertahankan ketepatan waktunya.")
    expect(feedback).to_contain_text("Jumlah surat pengantar")
