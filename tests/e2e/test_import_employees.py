"""In the browser: an admin imports a sheet with errors, reads them, then imports a good one."""

from __future__ import annotations

from django_scopes import scopes_disabled

from kinerja.org.models import Employee
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser

HEADER = "Nama;NIP;Tanggal Lahir;Jenis Kelamin;Golongan;Unit Kerja;Jabatan;NIP Atasan"


def _csv(tmp_path, name: str, rows: list[str]) -> str:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_admin_imports_a_file_with_errors_then_a_good_one(page, world, tmp_path):
    supervisor = world.atasan.nip
    bad = _csv(
        tmp_path,
        "pegawai-salah.csv",
        [
            f"Rudi Hartono;198602302015051001;30-02-1986;L;II/a;Kelurahan Plaju Ulu;;{supervisor}",
            f"Lina Marlina;199203142019032007;14-03-1992;P;III/a;Kelurahan Antah;;{supervisor}",
        ],
    )
    good = _csv(
        tmp_path,
        "pegawai-benar.csv",
        [
            f"Rudi Hartono;198602282015051001;28-02-1986;L;II/a;Kelurahan Plaju Ulu;;{supervisor}",
            f"Lina Marlina;199203142019032007;14-03-1992;P;III/a;Kelurahan Plaju Ulu;;{supervisor}",
        ],
    )
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Impor data").click()

    page.get_by_label("Jenis data").select_option("employees")
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(bad)
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_role("heading", name="Kesalahan per baris").wait_for()
    errors = page.locator("table").last.inner_text()
    assert "Tanggal lahir 30-02-1986 tidak ada." in errors
    assert 'Unit kerja "Kelurahan Antah" tidak ditemukan.' in errors
    assert page.get_by_role("button", name="Terapkan impor").count() == 0

    page.get_by_role("link", name="Impor berkas lain").click()
    page.get_by_label("Jenis data").select_option("employees")
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(good)
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_role("button", name="Terapkan impor").click()
    page.get_by_text("Selesai").first.wait_for()

    with scopes_disabled():
        imported = Employee.objects.filter(name__in=["Rudi Hartono", "Lina Marlina"])
        assert sorted(e.supervisor_id for e in imported) == [world.atasan.pk] * 2
