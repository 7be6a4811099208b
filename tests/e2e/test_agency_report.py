"""In the browser: the agency admin asks for the agency performance report from the menu, sees
it finish and downloads the PDF; a report still waiting for its worker shows its progress and
the page refreshes itself when it is done; the page reads well on a phone."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect
from pypdf import PdfReader

from kinerja.insight.models import AgencyReport, ReportStatus
from kinerja.insight.reports import services as reports
from kinerja.planning import services as planning
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser
from tests.insight.conftest import _approve

pytestmark = skip_without_browser


@pytest.fixture
def year_period(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
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
        leader = _approve(world, world.atasan, period)
        _approve(world, world.pegawai, period, parent=leader.results.get())
    return period


def test_an_admin_asks_for_the_report_sees_it_finish_and_downloads_the_pdf(
    page, world, year_period
):
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Laporan kinerja instansi", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Laporan Kinerja Instansi")).to_be_visible()
    expect(page.get_by_text("Belum ada laporan yang dapat Anda buka.")).to_be_visible()
    page.get_by_label("Periode").first.select_option(label=year_period.name)
    page.get_by_label("Cakupan").first.select_option(label="Seluruh instansi")
    page.get_by_role("button", name="Buat laporan").click()

    page.wait_for_url("**/laporan-instansi/*/")
    status = page.locator("#report-status")
    expect(status).to_contain_text("Selesai")
    expect(page.get_by_text("Permintaan laporan dicatat.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    content = download.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages)
    assert "LAPORAN KINERJA INSTANSI" in text
    assert "2 dari 7 pegawai aktif memiliki SKP yang disetujui" in " ".join(text.split())

    page.get_by_role("link", name="Semua laporan").click()
    row = page.locator("main tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Seluruh instansi")
    expect(row).to_contain_text("Selesai")


def test_a_waiting_report_shows_its_progress_and_the_page_refreshes_when_it_is_done(
    page, world, year_period
):
    with scopes_disabled():
        report = AgencyReport.objects.create(
            agency=world.agency,
            period=year_period,
            unit=world.kelurahan,
            requested_by=world.users["admin_bkpsdm"],
        )
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.goto(f"/laporan-instansi/{report.pk}/")
    status = page.locator("#report-status")
    expect(status).to_contain_text("Antri")
    expect(status.locator("progress")).to_have_attribute("value", "0")
    with scopes_disabled():
        AgencyReport.objects.filter(pk=report.pk).update(
            status=ReportStatus.RUNNING, progress=38, step="Menghitung IKM per unit (4 dari 10)"
        )
    expect(status).to_contain_text("Menghitung IKM per unit (4 dari 10)")
    expect(status.locator("progress")).to_have_attribute("value", "38")
    with scopes_disabled():
        AgencyReport.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED)
        reports.build_report(report.pk)  # what the worker does
    expect(page.get_by_role("link", name="Unduh Excel")).to_be_visible()
    expect(status).to_contain_text("Selesai")


def test_the_reports_page_fits_a_phone(phone, world, year_period):
    with scopes_disabled():
        report = reports.request_report(
            year_period, actor=world.users["admin_bkpsdm"], unit=world.kelurahan
        )
        reports.build_report(report.pk)
    sign_in(phone, world.users["admin_bkpsdm"].username, PASSWORD)
    for path in ("/laporan-instansi/", f"/laporan-instansi/{report.pk}/"):
        phone.goto(path)
        expect(phone.get_by_role("heading", name="Laporan Kinerja Instansi")).to_be_visible()
        overflow = phone.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
