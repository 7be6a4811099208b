"""Every list of the development area as an A4 PDF (reportlab, `core.pdf`): title,
agency, date printed, the table with the same columns as the XLSX, page numbers."""

from __future__ import annotations

import functools
from io import BytesIO

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer

from kinerja.core.formatting import indonesian_date
from kinerja.core.pdf import (
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    MARGIN,
    Footer,
    NumberedCanvas,
    Styles,
    fonts,
    grid,
    no_decoration,
)
from kinerja.development.exports import Table, shown

MAX_PDF_ROWS = 5000


def list_pdf(table: Table, *, agency_name: str, subtitle: str = "") -> bytes:
    """The table as PDF pages (at most `MAX_PDF_ROWS` rows; the XLSX has them all)."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=table.title,
        author="Kinerja",
        invariant=True,
    )
    unit = CONTENT_WIDTH / sum(table.widths)
    rows = [[s.text(h, 8, bold=True) for h in table.headers]]
    for row in table.rows[:MAX_PDF_ROWS]:
        rows.append([s.text(shown(cell), 8) for cell in row])
    if table.total is not None:
        rows.append(
            [s.text(shown(cell) if cell is not None else "", 8, bold=True) for cell in table.total]
        )
    if len(rows) == 1:
        rows.append([s.text("Tidak ada data.", 8), *[""] * (len(table.headers) - 1)])
    story = [
        s.text(table.title, 13, bold=True),
        s.text(agency_name, 9),
        s.text(
            (subtitle + " · " if subtitle else "")
            + f"Dicetak {indonesian_date(timezone.localdate())}",
            8,
        ),
        Spacer(1, 8),
        grid(rows, [w * unit for w in table.widths]),
    ]
    if len(table.rows) > MAX_PDF_ROWS:
        story.append(
            s.text(
                f"Ditampilkan {MAX_PDF_ROWS} dari {len(table.rows)} baris; unduh Excel untuk "
                "daftar lengkap.",
                8,
            )
        )
    document.build(
        story,
        onFirstPage=no_decoration,
        onLaterPages=no_decoration,
        canvasmaker=functools.partial(NumberedCanvas, footer=Footer(regular, None, False)),
    )
    return buffer.getvalue()
