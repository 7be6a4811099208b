"""In the browser: a citizen answers the satisfaction survey on a phone (390×844) from the
service's QR address and is thanked; the agency admin then reads the IKM on the SKM report."""

from __future__ import annotations

from django_scopes import scopes_disabled

from tests.citizen.survey_fixtures import _fresh_rate_limits, make_service  # noqa: F401
from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser

# The answer picked for each element, by its own wording (1–4 = 4,3,3,4,3,4,4,2,3 → 83,33).
CHOICES = {
    "persyaratan": "Sangat sesuai",
    "prosedur": "Mudah",
    "waktu": "Cepat",
    "biaya": "Gratis",
    "produk": "Sesuai",
    "kompetensi": "Sangat kompeten",
    "perilaku": "Sangat sopan dan ramah",
    "pengaduan": "Ada tetapi tidak berfungsi",
    "sarana": "Baik",
}


def test_a_citizen_answers_on_a_phone_and_the_admin_reads_the_ikm(phone, page, world):
    with scopes_disabled():
        make_service(world.kelurahan, "ktp-el", "Perekaman KTP-el")

    phone.goto(f"/publik/survei/palembang/{world.kelurahan.pk}/ktp-el/?tiket=A-031")
    phone.get_by_role("heading", name="Survei Kepuasan Masyarakat").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    first_choice = phone.locator("#block-persyaratan label").first.bounding_box()
    assert first_choice is not None
    assert first_choice["height"] >= 44  # a thumb-sized target
    for code, answer in CHOICES.items():
        block = phone.locator(f"#block-{code}")
        block.get_by_text(answer, exact=True).click()
        assert block.get_by_role("radio", name=answer, exact=True).is_checked()
    phone.locator("#block-profile").get_by_text("Perempuan", exact=True).click()
    phone.get_by_label("Saran dan masukan").fill("Ruang tunggu nyaman.")
    assert phone.get_by_label("Nomor tiket/antrean layanan").input_value() == "A-031"
    phone.get_by_role("button", name="Kirim jawaban").click()

    phone.get_by_role("heading", name="Terima kasih!").wait_for()
    assert "Kelurahan Plaju Ulu" in phone.content()

    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Survei kepuasan (SKM)"
    ).click()
    page.get_by_role("heading", name="Survei Kepuasan Masyarakat (SKM)").wait_for()
    summary = page.locator("#ikm-summary")
    assert "83,33" in summary.inner_text()
    assert "Kinerja: Baik" in summary.inner_text()
    assert "1" in summary.locator(".stat").nth(2).inner_text()
    assert "Ruang tunggu nyaman." in page.locator(".ikm-comments").inner_text()
    rows = page.locator("#ikm-elements tbody tr")
    assert rows.nth(7).inner_text().split() == [
        "8",
        "Penanganan",
        "Pengaduan,",
        "Saran",
        "dan",
        "Masukan",
        "1",
        "2,000",
        "0,2222",
    ]
