"""In the browser: the agency admin imports an XLSX of assessment results; the employee's
profile then shows the new level and the gap closing."""

from __future__ import annotations

from io import BytesIO

from django_scopes import scopes_disabled
from openpyxl import Workbook

from kinerja.competency.services.dictionary import load_standard_dictionary
from kinerja.competency.services.requirements import set_position_requirements
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _results(tmp_path, rows) -> str:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["NIP", "Kode Kompetensi", "Level", "Tanggal Asesmen", "Catatan"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "hasil-asesmen.xlsx"
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_admin_imports_assessment_results_and_the_profile_shows_them(
    page, browser, live_server, world, tmp_path
):
    with scopes_disabled():
        standard = {c.code: c for c in load_standard_dictionary(world.agency, actor=None)}
        set_position_requirements(
            world.pegawai.position,
            actor=None,
            levels={standard["M-03"].pk: 3, standard["M-05"].pk: 2},
        )
    bad = _results(tmp_path, [[world.pegawai.nip, "M-03", 9, "2026-04-01", ""]])
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Impor hasil asesmen"
    ).click()

    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(bad)
    page.get_by_role("button", name="Periksa berkas").click()
    errors = page.locator("#import-errors").inner_text()
    assert "Level 9 di luar rentang 1 sampai 5." in errors
    assert page.get_by_role("button", name="Impor 1 hasil asesmen").count() == 0

    good = _results(
        tmp_path,
        [
            [world.pegawai.nip, "M-03", 2, "2026-04-01", "Assessment center"],
            [world.pegawai.nip, "M-05", 3, "2026-04-01", ""],
        ],
    )
    page.get_by_role("link", name="Unggah berkas lain").click()
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(good)
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("button", name="Impor 2 hasil asesmen").click()
    page.locator("#import-done").wait_for()
    assert "2 level baru" in page.locator("#import-done").inner_text()

    employee = browser.new_context(base_url=live_server.url, locale="id-ID").new_page()
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Kompetensi saya"
    ).click()
    komunikasi = employee.locator('tr[data-code="M-03"]')
    assert komunikasi.locator("td").nth(2).inner_text().strip() == "2"
    assert "kurang 1 level" in komunikasi.inner_text()
    assert "memenuhi" in employee.locator('tr[data-code="M-05"]').inner_text()
    assert employee.locator("#shortfall-count").inner_text() == "1"
