"""Shared machinery of the official PDFs (reportlab): fonts, styles, the footer with the QR code
to the verification page, page numbers "Halaman x dari y", the DRAF watermark, grid tables, and
Indonesian dates and numbers ("22 November 2026", "1.234,5")."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
AGENCY_PREFIXES = ("Pemerintah Provinsi ", "Pemerintah Kabupaten ", "Pemerintah Kota ")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
BOTTOM_MARGIN = 32 * mm  # room for the footer with its QR code
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LINE = colors.HexColor("#444444")
SHADE = colors.HexColor("#E8E8E8")


# --- Plain helpers ---------------------------------------------------------------------------


def place_of(region: str, agency_name: str) -> str:
    """The place for the signature line: the seat of the government — its name without
    "Pemerintah Kota/Kabupaten/Provinsi" ("Palembang", not the province "Sumatera Selatan");
    the region only when the name carries no such prefix."""
    for prefix in AGENCY_PREFIXES:
        if agency_name.startswith(prefix):
            return agency_name.removeprefix(prefix)
    return region.strip() or agency_name


@functools.cache
def _register_dejavu(font_dir: Path) -> bool:
    regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return False
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    # So that <b> inside a paragraph finds the bold face.
    registerFontFamily(
        "DejaVuSans",
        normal="DejaVuSans",
        bold="DejaVuSans-Bold",
        italic="DejaVuSans",
        boldItalic="DejaVuSans-Bold",
    )
    return True


def fonts() -> tuple[str, str]:
    """DejaVu Sans when installed (full Unicode), else the built-in Helvetica."""
    if _register_dejavu(FONT_DIR):
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


@dataclass(frozen=True)
class Styles:
    regular: str
    bold: str

    def style(
        self, size: float = 8.5, *, bold: bool = False, center: bool = False
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name=f"s{size}{bold}{center}",
            fontName=self.bold if bold else self.regular,
            fontSize=size,
            leading=size * 1.25,
            alignment=TA_CENTER if center else 0,
        )

    def text(
        self, value: str, size: float = 8.5, *, bold: bool = False, center: bool = False
    ) -> Paragraph:
        lines = escape(value).replace("\n", "<br/>")
        return Paragraph(lines, self.style(size, bold=bold, center=center))


# --- Page furniture: watermark, footer with page numbers and the QR code ----------------------


def qr_code(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    return drawing


@dataclass(frozen=True)
class Footer:
    """Page numbers on every page; the QR code to the verification page on an issued document,
    `draft_note` on a draft (the SKP's wording by default: a plan is approved, not set)."""

    font: str
    verification_url: str | None
    is_draft: bool
    draft_note: str = "DRAF — belum disetujui, tidak berlaku sebagai dokumen resmi."

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 28 * mm, PAGE_WIDTH - MARGIN, 28 * mm)
        canvas.setFont(self.font, 7.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 23 * mm, f"Halaman {page} dari {total}")
        if self.verification_url:
            # The QR code's own quiet zone lines its modules up with the text's margin.
            renderPDF.draw(qr_code(self.verification_url, 20 * mm), canvas, MARGIN - 2 * mm, 7 * mm)
            canvas.drawString(MARGIN + 20 * mm, 23 * mm, "Dokumen ini diterbitkan oleh Kinerja.")
            canvas.drawString(
                MARGIN + 20 * mm, 19 * mm, f"Verifikasi keaslian: {self.verification_url}"
            )
        elif self.is_draft:
            canvas.drawString(MARGIN, 23 * mm, self.draft_note)
        canvas.restoreState()


class NumberedCanvas(Canvas):
    """Holds every page until the end, so the footer can say `Halaman 1 dari 3`."""

    def __init__(self, *args: Any, footer: Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer.draw(self, number, len(self._held))
            super().showPage()
        super().save()


def watermark(font: str) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
        canvas.setFont(font, 110)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -35, "DRAF")
        canvas.restoreState()

    return draw


def no_decoration(_canvas: Canvas, _doc: Any) -> None:
    return None


# --- The sections of the form ----------------------------------------------------------------


def grid(rows: list[list[Any]], widths: Sequence[float], *, header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    table.setStyle(TableStyle(commands))
    return table
