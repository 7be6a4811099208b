"""A citizen checks a sealed PDF on the public verification page in a real browser (the
form posts back to the page, so its referrer policy must let the CSRF origin check pass)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from kinerja.core.models import IssuedDocument
from kinerja.planning import services
from tests.e2e.conftest import skip_without_browser
from tests.planning.conftest import fill_plan

pytestmark = skip_without_browser


def test_a_visitor_uploads_the_pdf_and_learns_it_is_unchanged(
    page, world, unscoped, login, tmp_path
):
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
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, "Pelayanan administrasi kelurahan yang prima")
    plan = services.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
    plan = services.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
    content = login("pegawai").get(reverse("planning:plan-pdf", args=[plan.pk])).content
    record = IssuedDocument.objects.get()
    genuine = tmp_path / "skp.pdf"
    genuine.write_bytes(content)
    forged = tmp_path / "skp-ubahan.pdf"
    forged.write_bytes(content + b"\n% diubah setelah diterbitkan\n")

    page.goto(reverse("verification", kwargs={"token": record.token}))
    page.get_by_text("Dokumen asli.").wait_for()
    page.locator("input[type=file]").set_input_files(str(genuine))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_text("Dokumen asli dan tidak berubah.").wait_for()

    page.locator("input[type=file]").set_input_files(str(forged))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_text("Berkas ini BERBEDA dari dokumen yang diterbitkan.").wait_for()
