"""In the browser, the whole performance cycle: the employee drafts and submits the SKP, the
supervisor returns it, the employee fixes and resubmits, the supervisor approves; the employee
records a realisation with a PDF as evidence, the supervisor gives feedback and evaluates, the
predicate appears, and the evaluation PDF downloads with the employee's name, NIP and predicate."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser

# Realisation is recorded for a sub-period that has started: the period is this year's.
YEAR = timezone.localdate().year


def _setup(world):
    import datetime as dt

    from kinerja.planning import services
    from tests.planning.conftest import fill_plan

    with scopes_disabled():
        period = services.create_period(
            world.agency,
            actor=None,
            year=YEAR,
            name=f"Tahun {YEAR}",
            frequency="triwulanan",
            approach="kuantitatif",
            start_date=dt.date(YEAR, 1, 1),
            end_date=dt.date(YEAR, 12, 31),
        )
        leader = services.start_plan(world.atasan, actor=None, period=period)
        fill_plan(world, leader, "Pelayanan administrasi kelurahan prima")
        leader = services.submit_plan(leader, actor=world.users["atasan"], expected_version=None)
        services.approve_plan(leader, actor=world.users["kepala"], expected_version=None)


def test_the_whole_performance_cycle(browser, live_server, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _setup(world)
    employee = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    employee.set_default_timeout(10_000)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="SKP saya"
    ).click()
    employee.locator("#id_period").select_option(label=f"Tahun {YEAR}")
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

    # The employee records this sub-period's realisation with a PDF as evidence.
    from pypdf import PdfReader

    from kinerja.planning.models import Indicator
    from tests.appraisal.conftest import pdf_bytes

    with scopes_disabled():
        indicator = Indicator.objects.get(
            result__plan__employee=world.pegawai, result__plan__is_current=True
        )
    employee.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Kinerja saya"
    ).click()
    employee.get_by_role("link", name="Catat realisasi").click()
    row = employee.locator(f"#indicator-{indicator.pk}")
    row.get_by_label("Realisasi", exact=True).fill("48")
    row.get_by_label("Catatan").fill("Surat pengantar terbit tepat waktu")
    row.get_by_role("button", name="Simpan realisasi").click()
    expect(employee.get_by_text("Realisasi disimpan.")).to_be_visible()
    row = employee.locator(f"#indicator-{indicator.pk}")
    row.get_by_text("Tambah bukti dukung").click()
    row.get_by_label("Berkas bukti dukung").set_input_files(
        {"name": "rekap-surat.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    row.get_by_role("button", name="Unggah berkas").click()
    expect(employee.get_by_role("link", name="rekap-surat.pdf")).to_be_visible()
    sheet_url = employee.url.split("#")[0]

    # The supervisor gives feedback on it, then evaluates the year.
    rater.goto(sheet_url)
    feedback = rater.locator("#feedback-form")
    feedback.get_by_label("Tentang").select_option(label=str(indicator))
    feedback.get_by_label("Umpan balik").fill("Capaian baik, lengkapi arsip digitalnya.")
    feedback.get_by_role("button", name="Kirim umpan balik").click()
    expect(rater.get_by_text("Umpan balik disimpan dan pegawai diberi tahu.")).to_be_visible()

    rater.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Evaluasi").click()
    to_open = rater.locator("#to-open tr", has_text=world.pegawai.name)
    to_open.get_by_label("Periode evaluasi").select_option(label="Tahunan")
    to_open.get_by_role("button", name="Buka evaluasi").click()
    rater.get_by_role("heading", name="Evaluasi Kinerja Pegawai").wait_for()
    expect(rater.locator("#suggestion")).to_contain_text("Saran sistem")
    rater.get_by_label("Rating hasil kerja").select_option("Sesuai Ekspektasi")
    rater.get_by_label("Rating perilaku kerja").select_option("Di Atas Ekspektasi")
    rater.get_by_role("button", name="Simpan penilaian").click()
    expect(rater.locator("#predicate")).to_contain_text("Baik")

    # The evaluation PDF downloads and names the employee, their NIP and the predicate.
    with rater.expect_download() as download_info:
        rater.locator("#evaluation-pdf").click()
    content = download_info.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split()
    )
    assert world.pegawai.name in text
    assert world.pegawai.nip_display in text
    assert "Predikat Kinerja Pegawai" in text
    # The form prints the predicate in capitals after its heading; a draft is watermarked.
    after_heading = text.split("Predikat Kinerja Pegawai", 1)[1].split()
    assert after_heading[0] == "BAIK"
    assert "DRAF" in text
