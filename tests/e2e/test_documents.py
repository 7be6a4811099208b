"""In the browser: an agency admin opens the export page and downloads the evaluations."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

from django_scopes import scopes_disabled
from openpyxl import load_workbook

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _setup(world) -> None:
    from kinerja.appraisal.models import Evaluation
    from kinerja.planning import services

    with scopes_disabled():
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
        Evaluation.objects.create(
            agency=world.agency,
            period=period,
            employee=world.pegawai,
            plan=plan,
            unit=world.pegawai.unit,
            rater=world.atasan,
            kind="periodik",
            subperiod=1,
            status="rated",
            results_rating="Sesuai Ekspektasi",
            behaviour_rating="Di Atas Ekspektasi",
            predicate="Baik",
        )


def test_admin_downloads_the_evaluations_as_excel(page, world):
    _setup(world)
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)

    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Ekspor data penilaian"
    ).click()
    page.get_by_role("heading", name="Ekspor data penilaian").wait_for()
    page.get_by_label("Data").select_option(label="Evaluasi: rating dan predikat")
    page.get_by_label("Periode").select_option(label="Tahun 2026")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh Excel").click()
    download = download_info.value

    assert download.suggested_filename == "evaluasi-2026.xlsx"
    workbook = load_workbook(BytesIO(Path(download.path()).read_bytes()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Periode", "Jenis evaluasi", "Sub-periode", "NIP", "Nama")
    assert rows[1][2:5] == ("Triwulan I 2026", world.pegawai.nip, "Budi Santoso")
    assert rows[1][10:13] == ("Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik")
