"""In the browser: an inspector plans an audit of Kecamatan Plaju, starts the fieldwork, records
a field visit and a finding with a recommendation owned by the unit's head; the head submits a
follow-up with an evidence file from "Rekomendasi saya"; the inspector accepts it and the
recommendation is completed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _page(browser, live_server, *, phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport=size, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    # Generous: the first request of a live server warms its URL conf and templates.
    page.set_default_timeout(30_000)
    return page


def test_inspector_records_a_finding_and_the_head_follows_it_up(
    browser, live_server, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    today = timezone.localdate()

    # The inspector plans the audit from the side menu.
    inspector = _page(browser, live_server)
    sign_in(inspector, world.users["inspektur"].username, PASSWORD)
    inspector.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Pemeriksaan"
    ).click()
    expect(inspector.locator("tbody")).to_contain_text("Belum ada pemeriksaan")
    inspector.get_by_role("link", name="Rencanakan pemeriksaan").click()
    inspector.get_by_label("Judul pemeriksaan").fill("Pemeriksaan Pelayanan Kecamatan Plaju")
    inspector.get_by_label("Nomor surat tugas").fill("700/12/ST/INSP/2026")
    inspector.get_by_label("Rencana mulai").fill(today.isoformat())
    inspector.get_by_label("Rencana selesai").fill((today + dt.timedelta(days=14)).isoformat())
    inspector.get_by_label("Tujuan pemeriksaan").fill("Menilai ketepatan waktu layanan surat.")
    inspector.get_by_label("Unit yang diperiksa").select_option(label="Kecamatan Plaju")
    inspector.get_by_role("button", name="Simpan rencana").click()
    expect(inspector.locator("#audit-status")).to_have_text("Direncanakan")

    inspector.get_by_role("button", name="Mulai pemeriksaan lapangan").click()
    expect(inspector.locator("#audit-status")).to_have_text("Pemeriksaan lapangan")

    # A field visit, then a finding in its four parts with its recommendation.
    inspector.get_by_role("link", name="Catat kunjungan").click()
    inspector.get_by_label("Unit yang dikunjungi").select_option(label="— Kelurahan Plaju Ulu")
    inspector.get_by_label("Catatan lapangan").fill("Sembilan permohonan menunggu > 3 hari.")
    inspector.get_by_role("button", name="Simpan kunjungan").click()
    expect(inspector.locator("#visits")).to_contain_text("Kelurahan Plaju Ulu")

    inspector.get_by_role("link", name="Catat temuan").click()
    inspector.get_by_label("Unit").select_option(label="Kecamatan Plaju")
    inspector.get_by_label("Kategori").select_option(label="Pelayanan publik")
    inspector.get_by_label("Judul temuan").fill("Surat keterangan melampaui standar waktu")
    inspector.get_by_label("Kondisi").fill("14 dari 40 berkas selesai lebih dari 3 hari kerja.")
    inspector.get_by_label("Kriteria").fill("Standar pelayanan: 3 hari kerja.")
    inspector.get_by_label("Sebab").fill("Register tidak dipantau.")
    inspector.get_by_label("Akibat").fill("Warga menunggu lebih lama.")
    inspector.get_by_role("button", name="Simpan temuan").click()
    expect(inspector.locator(".message-success")).to_contain_text("Temuan nomor 1 dicatat")
    inspector.get_by_label("Rekomendasi").fill("Pantau register permohonan setiap minggu.")
    inspector.get_by_label("Penanggung jawab").select_option(value=str(world.kepala.pk))
    inspector.get_by_role("button", name="Simpan rekomendasi").click()
    finding = inspector.locator("#finding-1")
    expect(finding).to_contain_text("Hendra Saputra")
    expect(finding).to_contain_text("Belum ditindaklanjuti")

    # The head finds it under "Rekomendasi saya" and submits a follow-up with a file.
    head = _page(browser, live_server, phone=True)
    sign_in(head, world.users["kepala"].username, PASSWORD)
    head.get_by_text("Menu", exact=True).click()
    head.get_by_role("link", name="Rekomendasi saya").click()
    head.get_by_role("link", name="Pantau register permohonan setiap minggu.").click()
    head.get_by_label("Uraian tindak lanjut").fill("Register kini diperiksa setiap Senin.")
    head.get_by_label("Berkas bukti").set_input_files(
        files=[{"name": "register.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    head.get_by_role("button", name="Ajukan tindak lanjut").click()
    expect(head.locator(".message-success")).to_contain_text("menunggu tinjauan")
    expect(head.locator("#recommendation-status")).to_contain_text("Dalam proses")
    expect(head.locator("#follow-ups")).to_contain_text("register.pdf")
    assert head.evaluate("document.documentElement.scrollWidth") <= 390

    # The inspector accepts it: the recommendation is completed.
    inspector.reload()
    inspector.locator("#finding-1").get_by_role(
        "link", name="Pantau register permohonan setiap minggu."
    ).click()
    review = inspector.locator("#review")
    review.get_by_label("Terima").check()
    review.get_by_role("button", name="Simpan tinjauan").click()
    expect(inspector.locator("#recommendation-status")).to_contain_text("Selesai")
    expect(inspector.locator("#follow-ups")).to_contain_text("Diterima")
    expect(inspector.locator("#review")).to_have_count(0)
