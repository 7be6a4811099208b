"""In the browser: an employee with a low predicate gets a recommendation that names it, proposes
a plan with an internal trainer (a colleague whose level is high enough), the direct supervisor
agrees it and records completion with the certificate, and the employee's JP total updates."""

from __future__ import annotations

from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.development import builders
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser

YEAR = builders.YEAR


def _setup(world):
    """pegawai's final predicate Butuh Perbaikan; the internal communication course of the
    catalogue; rekan (level 5) and pegawai themself (level 5) registered as its trainers."""
    from kinerja.appraisal.predicate import Predicate

    with scopes_disabled():
        builders.final_evaluation(world.pegawai, Predicate.BUTUH_PERBAIKAN)
        komunikasi = builders.competency(world.agency)
        builders.training(world.agency, title="Komunikasi Efektif (kelas internal)", of=komunikasi)
        builders.training(world.agency, title="Pelayanan Prima", internal=False, cost="4200000")
        builders.trainer(world.rekan, komunikasi, at_level=5)
        builders.trainer(world.pegawai, komunikasi, at_level=5)


def test_a_low_predicate_leads_to_an_agreed_plan_and_completed_jp(
    browser, live_server, world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _setup(world)

    # The agency admin refreshes the recommendations of the agency.
    admin = browser.new_page(base_url=live_server.url)
    sign_in(admin, world.users["admin_bkpsdm"].username, PASSWORD)
    admin.goto("/pengembangan/rekomendasi/")
    admin.get_by_role("button", name="Perbarui rekomendasi instansi").click()
    expect(admin.locator("#recommendation-list")).to_contain_text(
        f"Predikat {YEAR}: Butuh Perbaikan"
    )

    # The employee sees it on their page and proposes a plan with an internal trainer.
    employee = browser.new_page(base_url=live_server.url)
    sign_in(employee, world.users["pegawai"].username, PASSWORD)
    employee.get_by_role("link", name="Pengembangan saya").first.click()
    expect(employee.locator("#recommendations")).to_contain_text(
        f"Predikat {YEAR}: Butuh Perbaikan"
    )
    expect(employee.locator("#jp-total")).to_have_text("0 JP")
    employee.get_by_role("button", name="Susun rencana").click()
    expect(employee.locator("#plan-status")).to_have_text("Draf")
    employee.get_by_role("link", name="Tambah pelatihan").click()
    employee.get_by_label("Komunikasi Efektif (kelas internal)", exact=False).check()
    employee.get_by_label("Mulai").fill(f"{YEAR}-03-02")
    employee.get_by_label("Selesai").fill(f"{YEAR}-03-04")
    employee.get_by_label(f"Predikat {YEAR}: Butuh Perbaikan").check()
    employee.get_by_role("button", name="Cari pengajar").click()
    choices = employee.locator("#trainer-choices")
    expect(choices).to_contain_text("Dewi Lestari")
    expect(choices).not_to_contain_text("Budi Santoso")  # never their own trainer
    expect(employee.locator("#saving")).to_contain_text("hemat Rp3.250.000")
    employee.get_by_role("button", name="Tambahkan ke rencana").click()
    expect(employee.locator("#plan-items")).to_contain_text("Dewi Lestari")
    employee.get_by_role("button", name="Ajukan kepada atasan").click()
    expect(employee.locator("#plan-status")).to_have_text("Diajukan")

    # The direct supervisor agrees the plan and records completion with the certificate.
    supervisor = browser.new_page(base_url=live_server.url)
    sign_in(supervisor, world.users["atasan"].username, PASSWORD)
    supervisor.goto("/pengembangan/rencana/")
    supervisor.get_by_role("link", name="Budi Santoso").click()
    supervisor.get_by_role("button", name="Setujui rencana").click()
    expect(supervisor.locator("#plan-status")).to_have_text("Disetujui atasan")
    supervisor.get_by_role("link", name="Catat selesai").click()
    supervisor.get_by_label("Tanggal selesai").fill(f"{YEAR}-03-04")
    certificate = tmp_path / "sertifikat.pdf"
    certificate.write_bytes(builders.PDF_BYTES)
    supervisor.get_by_label("Sertifikat").set_input_files(str(certificate))
    supervisor.get_by_role("button", name="Simpan penyelesaian").click()
    expect(supervisor.locator("#plan-status")).to_have_text("Selesai")
    expect(supervisor.locator("#plan-items")).to_contain_text("Sertifikat")

    # The employee's JP total has grown by the course's 12 JP.
    employee.goto("/pengembangan/")
    expect(employee.locator("#jp-total")).to_have_text("12 JP")
    expect(employee.locator("#records")).to_contain_text("Komunikasi Efektif (kelas internal)")
