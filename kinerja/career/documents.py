"""PDFs of the career area (reportlab, on `kinerja.core.pdf`): an employee's angka kredit
statement, and the lists (awards, sanction path, candidate ranking, functional employees) as
tables for the committee's file."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table, TableStyle

from kinerja.career.exports import format_credit
from kinerja.career.selectors.credits import Ledger
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import Agency
from kinerja.core.pdf import (
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    LINE,
    MARGIN,
    Footer,
    NumberedCanvas,
    Styles,
    fonts,
    grid,
    no_decoration,
    place_of,
)

STATEMENT_NOTE = (
    "Angka kredit dihitung dari predikat kinerja: bulan/12 × persentase predikat × koefisien "
    "jenjang (PermenPANRB 1/2023; PerBKN 3/2023), dibulatkan dua desimal per entri. Dokumen ini "
    "adalah rekapitulasi dari Kinerja dan bukan pengganti Penetapan Angka Kredit (PAK) yang "
    "ditetapkan pejabat yang berwenang."
)


class _WideFooter(Footer):
    """The shared footer (page numbers) placed for a landscape page."""

    def draw(self, canvas: Any, page: int, total: int) -> None:
        width = landscape(A4)[0]
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 20 * mm, width - MARGIN, 20 * mm)
        canvas.setFont(self.font, 7.5)
        canvas.drawRightString(width - MARGIN, 15 * mm, f"Halaman {page} dari {total}")
        canvas.drawString(
            MARGIN, 15 * mm, "Dicetak dari Kinerja; bahan pertimbangan, bukan keputusan."
        )
        canvas.restoreState()


def _build(story: list[Flowable], title: str, *, wide: bool = False) -> bytes:
    regular, _bold = fonts()
    buffer = BytesIO()
    pagesize = landscape(A4) if wide else A4
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="Kinerja",
        invariant=True,
    )
    footer = _WideFooter(regular, None, False) if wide else Footer(regular, None, False)
    document.build(
        story,
        onFirstPage=no_decoration,
        onLaterPages=no_decoration,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return indonesian_date(value)
    if hasattr(value, "quantize"):
        return format_credit(value)
    return str(value)


def ledger_pdf(ledger: Ledger, agency: Agency) -> bytes:
    """An employee's angka kredit statement: identity, every entry with the running total, the
    totals and progress, and the signature block of the agency's BKPSDM."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    employee = ledger.employee
    today = timezone.localdate()
    identity = [
        ("Nama", employee.full_name),
        ("NIP", employee.nip_display),
        ("Pangkat/golongan", f"{employee.rank_name} ({employee.rank})" if employee.rank else "–"),
        ("Jabatan", employee.position.name if employee.position else "–"),
        ("Jenjang", ledger.level_label or "–"),
        ("Unit kerja", employee.unit.name),
        ("Instansi", agency.name),
    ]
    story: list[Flowable] = [
        s.text(agency.name.upper(), 10, bold=True, center=True),
        s.text("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", 9, center=True),
        Spacer(1, 3 * mm),
        s.text("REKAPITULASI ANGKA KREDIT JABATAN FUNGSIONAL", 12, bold=True, center=True),
        s.text(f"Keadaan per {indonesian_date(today)}", 8.5, center=True),
        Spacer(1, 4 * mm),
        grid(
            [[s.text(k, 8.5, bold=True), s.text(v)] for k, v in identity],
            [45 * mm, CONTENT_WIDTH - 45 * mm],
            header_rows=0,
        ),
        Spacer(1, 4 * mm),
    ]
    headers = ["No", "Tanggal", "Uraian", "Predikat", "%", "Koef.", "Bln", "AK", "Kumulatif"]
    rows: list[list[Any]] = [[s.text(h, 7.5, bold=True, center=True) for h in headers]]
    for number, line in enumerate(ledger.lines, start=1):
        entry = line.entry
        rows.append(
            [
                s.text(str(number), 7.5, center=True),
                s.text(indonesian_date(entry.effective_date), 7.5),
                s.text(entry.label + (f" — {entry.note}" if entry.note else ""), 7.5),
                s.text(entry.predicate or "–", 7.5),
                s.text(f"{entry.percent:.0f}" if entry.percent is not None else "–", 7.5),
                s.text(_cell(entry.coefficient) if entry.coefficient is not None else "–", 7.5),
                s.text(str(entry.months or "–"), 7.5, center=True),
                s.text(format_credit(entry.amount), 7.5),
                s.text(
                    format_credit(line.running_total)
                    if line.running_total is not None
                    else "digantikan",
                    7.5,
                ),
            ]
        )
    if len(rows) == 1:
        rows.append([s.text("Belum ada entri angka kredit.", 7.5), *[""] * 8])
    widths = [8 * mm, 26 * mm, 0.0, 24 * mm, 12 * mm, 12 * mm, 9 * mm, 16 * mm, 18 * mm]
    widths[2] = CONTENT_WIDTH - sum(widths)
    story += [grid(rows, widths), Spacer(1, 3 * mm)]
    summary = [("Jumlah angka kredit", format_credit(ledger.total))]
    if ledger.rank_progress is not None:
        rank = ledger.rank_progress
        summary.append(
            (
                "Untuk kenaikan pangkat",
                "pangkat puncak jenjang: memerlukan kenaikan jenjang"
                if rank.is_top
                else f"{format_credit(rank.earned)} dari {format_credit(rank.needed)} "
                f"(kurang {format_credit(rank.remaining)})",
            )
        )
    if ledger.level_progress is not None:
        level = ledger.level_progress
        summary.append(
            (
                "Untuk kenaikan jenjang",
                "jenjang tertinggi"
                if level.is_top
                else f"{format_credit(level.earned)} dari {format_credit(level.needed)} ke "
                f"{ledger.next_level_label} (kurang {format_credit(level.remaining)}); juga "
                "memerlukan uji kompetensi dan formasi jabatan yang lowong",
            )
        )
    story += [
        grid(
            [[s.text(k, 8.5, bold=True), s.text(v, 8.5)] for k, v in summary],
            [45 * mm, CONTENT_WIDTH - 45 * mm],
            header_rows=0,
        ),
        Spacer(1, 3 * mm),
        s.text(STATEMENT_NOTE, 7),
        Spacer(1, 8 * mm),
    ]
    signature = Table(
        [
            [
                "",
                s.text(f"{place_of(agency.region, agency.name)}, {indonesian_date(today)}", 8.5),
            ],
            ["", s.text("Kepala Badan Kepegawaian dan Pengembangan SDM", 8.5)],
            ["", Spacer(1, 18 * mm)],
            ["", s.text("(.......................................)", 8.5)],
            ["", s.text("NIP.", 8.5)],
        ],
        colWidths=[CONTENT_WIDTH - 75 * mm, 75 * mm],
    )
    signature.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(signature)
    return _build(story, f"Angka kredit {employee.name}")


def table_pdf(
    title: str,
    subtitle_lines: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    agency_name: str,
) -> bytes:
    """A list as a landscape table with a heading (for the committee's file)."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    wide_width = landscape(A4)[0] - 2 * MARGIN
    scale = wide_width / sum(widths)
    story: list[Flowable] = [
        s.text(agency_name.upper(), 9, bold=True, center=True),
        s.text(title.upper(), 12, bold=True, center=True),
        s.text(f"Dicetak {indonesian_date(timezone.localdate())}", 8, center=True),
        Spacer(1, 3 * mm),
        *[s.text(line, 8) for line in subtitle_lines],
        Spacer(1, 3 * mm),
    ]
    table: list[list[Any]] = [[s.text(h, 7, bold=True, center=True) for h in headers]]
    table += [[s.text(_cell(value), 7) for value in row] for row in rows]
    if len(table) == 1:
        table.append([s.text("Tidak ada data.", 7), *[""] * (len(headers) - 1)])
    story.append(grid(table, [w * scale for w in widths]))
    return _build(story, title, wide=True)
