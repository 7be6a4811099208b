"""In the browser: the agency admin posts angka kredit from the final predicates, opens a
functional employee's ledger and sees two months Baik as Ahli Pertama add 2,08 to the opening
18,75 (BKN's example), then opens a vacant position and exports the candidate ranking as XLSX."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django_scopes import scopes_disabled
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import sign_in, skip_without_browser

pytestmark = skip_without_browser


def _setup(world):
    """Rudi entered Analis Kebijakan Ahli Pertama on 1 November 2026 with an opening balance of
    18,75; his 2026 annual evaluation is final (Baik). Analis Kebijakan Ahli Muda is vacant."""
    from kinerja.career.services.credits import record_opening_balance
    from kinerja.org.models import Employee, PositionKind
    from tests import factories
    from tests.career.conftest import make_final, make_functional, make_period

    with scopes_disabled():
        rudi = make_functional(world, "Rudi Hartono", since=dt.date(2026, 11, 1))
        Employee.objects.filter(pk=rudi.pk).update(rank_since=dt.date(2024, 4, 1))
        record_opening_balance(
            rudi,
            actor=None,
            amount=Decimal("18.75"),
            effective_date=dt.date(2026, 10, 31),
            note="PAK integrasi",
        )
        make_final(rudi, make_period(world.agency), "Baik")
        factories.make_position(
            world.kecamatan, "Analis Kebijakan Ahli Muda", PositionKind.FUNGSIONAL, "ahli_muda"
        )


def test_admin_posts_credits_reads_the_ledger_and_exports_a_ranking(page, world):
    _setup(world)
    sign_in(page, world.users["admin_bkpsdm"].username, PASSWORD)

    page.goto("/karier/")
    page.get_by_role("link", name="Bukukan angka kredit").click()
    page.get_by_role("button", name="Bukukan").click()
    expect(page.get_by_text("1 entri angka kredit dibukukan (jumlah 2,08)")).to_be_visible()

    page.get_by_role("link", name="Rudi Hartono").click()
    entries = page.locator("#ledger-entries")
    expect(entries).to_contain_text("Predikat tahunan Tahun 2026")
    expect(entries).to_contain_text("2/12 × 100% × 12,50 (Ahli Pertama)")
    row = entries.locator("tr", has_text="Predikat tahunan")
    expect(row).to_contain_text("2,08")
    expect(row).to_contain_text("20,83")
    expect(page.locator("#credit-total")).to_have_text("20,83")
    expect(page.locator("#rank-progress")).to_contain_text("20,83 dari 50,00")
    expect(page.locator("#level-progress")).to_contain_text(
        "uji kompetensi dan formasi jabatan yang lowong"
    )

    page.get_by_role("link", name="Jabatan lowong & merit").click()
    page.get_by_role("link", name="Analis Kebijakan Ahli Muda").click()
    expect(page.locator("#ranking-table")).to_contain_text("Rudi Hartono")
    expect(page.locator("#ranking-table")).to_contain_text("20,83 dari 100,00")
    with page.expect_download() as download_info:
        page.locator("#ranking-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "peringkat-kandidat-analis-kebijakan-ahli-muda.xlsx"
    with open(download.path(), "rb") as handle:
        rows = list(load_workbook(BytesIO(handle.read())).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Peringkat", "NIP", "Nama")
    assert rows[1][2] == "Rudi Hartono"
    assert rows[1][12] == "Belum memenuhi: 20,83 dari 100,00"
