"""In the browser: the agency admin imports potential scores from Excel, recomputes the 9-box,
opens the grid and drills into box 9; on a phone the grid's table view is readable."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser
from tests.talent.conftest import final_evaluation

pytestmark = skip_without_browser


def _predicates(world):
    for year in (2025, 2026):
        final_evaluation(world.pegawai, year, "Sangat Baik")
        final_evaluation(world.rekan, year, "Baik")
        final_evaluation(world.atasan, year, "Butuh Perbaikan")


def _sheet(tmp_path, world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Skor", "Tanggal Asesmen", "Penyelenggara"])
    sheet.append([world.pegawai.nip, "88,5", "10-03-2026", "UPT Penilaian Kompetensi"])
    sheet.append([world.rekan.nip, "66", "10-03-2026", "UPT Penilaian Kompetensi"])
    sheet.append([world.atasan.nip, "41", "10-03-2026", "UPT Penilaian Kompetensi"])
    buffer = BytesIO()
    workbook.save(buffer)
    path = tmp_path / "skor-potensial.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def test_admin_imports_scores_recomputes_and_drills_into_box_nine(page, world, tmp_path):
    _predicates(world)
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)

    page.goto("/talenta/")
    expect(page.get_by_role("heading", name="Manajemen talenta: 9-box")).to_be_visible()
    page.get_by_role("link", name="Skor potensial").first.click()
    page.get_by_role("link", name="Impor dari Excel").click()
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(_sheet(tmp_path, world)))
    page.get_by_role("button", name="Periksa dan impor").click()
    expect(page.get_by_text("3 skor potensial diimpor")).to_be_visible()
    expect(page.locator("#potential-table")).to_contain_text("Budi Santoso")

    page.goto("/talenta/")
    page.get_by_role("button", name="Hitung ulang pemetaan").click()
    expect(page.locator(".message-success")).to_contain_text("3 pegawai dipetakan")
    expect(page.locator('.ninebox-cell[data-box="9"] .ninebox-count')).to_have_text("1")
    expect(page.locator('.ninebox-cell[data-box="5"] .ninebox-count')).to_have_text("1")
    expect(page.locator('.ninebox-cell[data-box="1"] .ninebox-count')).to_have_text("1")

    page.locator("#box-table").get_by_role("link", name="Kotak 9").click()
    expect(page.get_by_role("heading", name="Kotak 9")).to_be_visible()
    table = page.locator("#placement-table")
    expect(table).to_contain_text("Budi Santoso")
    expect(table).to_contain_text("Sangat Baik (evaluasi tahunan)")
    expect(table).to_contain_text("UPT Penilaian Kompetensi")
    expect(table).not_to_contain_text("Dewi Lestari")
    expect(page.locator("#box-actions")).to_contain_text("Dipromosikan dan dipertahankan")


def test_a_bad_sheet_is_refused_row_by_row_on_a_phone(phone, world, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Skor", "Tanggal Asesmen"])
    sheet.append([world.pegawai.nip, "70", "10-03-2026"])
    sheet.append(["199001012015011999", "70", "10-03-2026"])
    path = tmp_path / "salah.xlsx"
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    sign_in(phone, world.users["admin_bkpsdm"].username, PASSWORD)

    phone.goto("/talenta/potensial/impor/")
    phone.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(path))
    phone.get_by_role("button", name="Periksa dan impor").click()

    errors = phone.locator("#import-errors")
    expect(errors).to_contain_text("1 baris bermasalah")
    expect(errors).to_contain_text("Baris 3")
    phone.goto("/talenta/potensial/")
    expect(phone.locator("#potential-table")).to_contain_text("Belum ada skor potensial")
    phone.goto("/talenta/")
    expect(phone.locator("#box-table")).to_be_visible()
