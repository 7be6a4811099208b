"""The page furniture the appraisal documents share with the SKP (kinerja/planning/documents.py):
fonts, the DRAF watermark, the footer with page numbers and the verification QR code, the
header table of the people, and the title block; here only what differs for appraisal."""

from __future__ import annotations

import datetime as dt
import functools
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kinerja.core.formatting import indonesian_date
from kinerja.core.pdf import (
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    LINE,
    MARGIN,
    SHADE,
    Footer,
    NumberedCanvas,
    Styles,
    fonts,
    no_decoration,
    place_of,
    watermark,
)
from kinerja.core.tenancy import Agency

UNDATED = "...................."

__all__ = [
    "CONTENT_WIDTH",
    "LINE",
    "SHADE",
    "Styles",
    "build_pdf",
    "label_table",
    "place_and_date",
    "signature_block",
    "signatures",
    "styles",
    "title_block",
]


def styles() -> Styles:
    regular, bold = fonts()
    return Styles(regular, bold)


def place_and_date(agency: Agency, moment: dt.datetime | None) -> str:
    """`Palembang, 22 November 2026`; dots in place of the date while it is not fixed."""
    place = place_of(agency.region, agency.name)
    day = indonesian_date(timezone.localtime(moment).date()) if moment else UNDATED
    return f"{place}, {day}"


def title_block(
    s: Styles, agency: Agency, title: str, subtitles: list[str], period_text: str
) -> list[Flowable]:
    """The centred title, its sub-lines and the agency / period line under it."""
    flowables: list[Flowable] = [s.text(title, 13, bold=True, center=True), Spacer(1, 1 * mm)]
    flowables += [s.text(line, 9, bold=True, center=True) for line in subtitles]
    meta = Table(
        [[s.text(agency.name.upper(), 9, bold=True), s.text(period_text, 9)]],
        colWidths=[CONTENT_WIDTH * 0.45, CONTENT_WIDTH * 0.55],
    )
    meta.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [*flowables, Spacer(1, 4 * mm), meta, Spacer(1, 2 * mm)]


def label_table(s: Styles, rows: list[tuple[str, Any]], *, label_width: float = 55 * mm) -> Table:
    """Label | value rows in a grid, labels shaded (the rating and predicate blocks)."""
    cells = [
        [s.text(label, 8.5, bold=True), s.text(value) if isinstance(value, str) else value]
        for label, value in rows
    ]
    table = Table(cells, colWidths=[label_width, CONTENT_WIDTH - label_width])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def signature_block(s: Styles, heading: str, person: dict[str, str]) -> list[Any]:
    """One signatory: the heading, room to sign, the underlined name and the NIP."""
    name = escape(person.get("name") or "")
    return [
        s.text(heading, 9, center=True),
        Spacer(1, 18 * mm),
        Paragraph(f"<u>{name}</u>", s.style(9, bold=True, center=True)),
        s.text(f"NIP. {person.get('nip') or '-'}", 9, center=True),
    ]


def signatures(
    s: Styles, date_line: str, left: list[Any] | str, right: list[Any]
) -> list[Flowable]:
    """The place and date over the right column, two signatories side by side (to be kept
    together with what precedes them, so that they never stand alone on a page)."""
    table = Table(
        [["", s.text(date_line, 9, center=True)], [left, right]],
        colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 6 * mm), table]


def build_pdf(
    story: list[Flowable], *, title: str, is_draft: bool, verification_url: str | None
) -> bytes:
    """A4 pages with the shared furniture; DRAF watermark and note while `is_draft`."""
    regular, bold = fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="Kinerja",
        invariant=True,  # deterministic bytes: an unchanged document keeps its seal
    )
    decorate = watermark(bold) if is_draft else no_decoration
    footer = Footer(
        regular,
        None if is_draft else verification_url,
        is_draft,
        draft_note="DRAF — belum ditetapkan, tidak berlaku sebagai dokumen resmi.",
    )
    document.build(
        story,
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()
