"""The talent lists as PDF (reportlab on `kinerja.core.pdf`): landscape A4, a title block with
the agency, the filter and the date, then the same columns as the XLSX. An internal working
document (numbered pages), not a sealed official one."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from kinerja.core.formatting import indonesian_date
from kinerja.core.pdf import (
    BOTTOM_MARGIN,
    MARGIN,
    Footer,
    NumberedCanvas,
    Styles,
    fonts,
    grid,
    no_decoration,
)

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
BASIS_NOTE = (
    "Pemetaan 9-box menurut PermenPANRB 3/2020 tentang Manajemen Talenta ASN: kinerja dari "
    "predikat kinerja tahun-tahun terakhir, potensial dari skor asesmen terakhir, dengan batas "
    "yang ditetapkan instansi."
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def list_pdf(
    *,
    title: str,
    agency_name: str,
    subtitle: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[float],
) -> bytes:
    """A list as landscape A4 pages; `widths` are relative and scaled to the page."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    total = sum(widths)
    scaled = [WIDTH * width / total for width in widths]
    body = [[s.text(h, 7.5, bold=True) for h in headers]]
    body += [[s.text(_cell(value), 7) for value in row] for row in rows]
    story: list[Flowable] = [
        s.text(title.upper(), 12, bold=True, center=True),
        s.text(agency_name, 9, bold=True, center=True),
        Spacer(1, 2 * mm),
        s.text(f"{subtitle} · dicetak {indonesian_date(timezone.localdate())}", 8),
        s.text(BASIS_NOTE, 7),
        Spacer(1, 3 * mm),
    ]
    if len(body) == 1:
        story.append(s.text("Tidak ada data.", 9))
    else:
        story.append(grid(body, scaled))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="Kinerja",
        invariant=True,
    )
    footer = Footer(regular, None, False)
    document.build(
        story,
        onFirstPage=no_decoration,
        onLaterPages=no_decoration,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer, pagesize=PAGE),
    )
    return buffer.getvalue()
