"""The SKP as a PDF laid out like the official form (PermenPANRB 6/2022, Lampiran: format SKP).

`build_plan_pdf` draws a plan (with its results, indicators and expectations prefetched) into
A4 pages: header with the employee and the rater, A. Utama / B. Tambahan results, the BerAKHLAK
behaviours with the leader's expectations, the appendix and the signature blocks. Unapproved
plans carry a DRAF watermark; approved ones are sealed by `issue_plan_pdf` with a QR code to the
public verification page. Output is deterministic so that an unchanged SKP keeps its seal.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
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
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kinerja.core.documents import issue_document
from kinerja.core.models import IssuedDocument, User
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Indicator, PerformancePlan, PlannedResult, PlanStatus
from kinerja.planning.services import person_snapshot

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
AGENCY_PREFIXES = ("Pemerintah Provinsi ", "Pemerintah Kabupaten ", "Pemerintah Kota ")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
BOTTOM_MARGIN = 32 * mm  # room for the footer with its QR code
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LINE = colors.HexColor("#444444")
SHADE = colors.HexColor("#E8E8E8")


# --- Plain helpers ---------------------------------------------------------------------------


def indonesian_date(day: dt.date) -> str:
    """`14 Februari 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def indonesian_number(value: Decimal) -> str:
    """`1250.50` → `1.250,5`; whole numbers without decimals."""
    normalized = value.normalize()
    if normalized == normalized.to_integral():
        return f"{int(normalized):,}".replace(",", ".")
    whole, _, fraction = f"{normalized:f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def place_of(region: str, agency_name: str) -> str:
    """The place for the signature line: the agency's region, else its name without the prefix."""
    if region.strip():
        return region.strip()
    for prefix in AGENCY_PREFIXES:
        if agency_name.startswith(prefix):
            return agency_name.removeprefix(prefix)
    return agency_name


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


def _fonts() -> tuple[str, str]:
    """DejaVu Sans when installed (full Unicode), else the built-in Helvetica."""
    if _register_dejavu(FONT_DIR):
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


@dataclass(frozen=True)
class _Styles:
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


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    return drawing


@dataclass(frozen=True)
class _Footer:
    font: str
    verification_url: str | None
    is_draft: bool

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 28 * mm, PAGE_WIDTH - MARGIN, 28 * mm)
        canvas.setFont(self.font, 7.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 23 * mm, f"Halaman {page} dari {total}")
        if self.verification_url:
            # The QR code's own quiet zone lines its modules up with the text's margin.
            renderPDF.draw(_qr(self.verification_url, 20 * mm), canvas, MARGIN - 2 * mm, 7 * mm)
            canvas.drawString(MARGIN + 20 * mm, 23 * mm, "Dokumen ini diterbitkan oleh Kinerja.")
            canvas.drawString(
                MARGIN + 20 * mm, 19 * mm, f"Verifikasi keaslian: {self.verification_url}"
            )
        elif self.is_draft:
            canvas.drawString(
                MARGIN, 23 * mm, "DRAF — belum disetujui, tidak berlaku sebagai dokumen resmi."
            )
        canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds every page until the end, so the footer can say `Halaman 1 dari 3`."""

    def __init__(self, *args: Any, footer: _Footer, **kwargs: Any) -> None:
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


def _watermark(font: str) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.75, 0.75, 0.75, alpha=0.35))
        canvas.setFont(font, 110)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -35, "DRAF")
        canvas.restoreState()

    return draw


def _no_decoration(_canvas: Canvas, _doc: Any) -> None:
    return None


# --- The sections of the form ----------------------------------------------------------------


def _grid(rows: list[list[Any]], widths: Sequence[float], *, header_rows: int = 1) -> Table:
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


def _heading(s: _Styles, plan: PerformancePlan, title: str) -> list[Flowable]:
    period = f"{indonesian_date(plan.segment_start)} s.d. {indonesian_date(plan.segment_end)}"
    approach = plan.period.get_approach_display().upper()
    flowables: list[Flowable] = [
        s.text(title, 13, bold=True, center=True),
        Spacer(1, 1 * mm),
        s.text(f"PENDEKATAN HASIL KERJA {approach}", 9, bold=True, center=True),
        Spacer(1, 4 * mm),
    ]
    revision = f" · Revisi ke-{plan.revision}" if plan.revision else ""
    meta = Table(
        [
            [
                s.text(plan.agency.name.upper(), 9, bold=True),
                s.text(f"Periode Penilaian: {period}{revision}", 9),
            ]
        ],
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
    meta.hAlign = "LEFT"
    flowables += [meta, Spacer(1, 2 * mm)]
    return flowables


def _people(s: _Styles, employee: dict[str, str], rater: dict[str, str]) -> Table:
    labels = ("Nama", "NIP", "Pangkat/Gol. Ruang", "Jabatan", "Unit Kerja")
    keys = ("name", "nip", "rank", "position", "unit")
    rows: list[list[Any]] = [
        [
            s.text("No", bold=True, center=True),
            s.text("PEGAWAI YANG DINILAI", bold=True),
            "",
            s.text("No", bold=True, center=True),
            s.text("PEJABAT PENILAI KINERJA", bold=True),
            "",
        ]
    ]
    for number, (label, key) in enumerate(zip(labels, keys, strict=True), start=1):
        rows.append(
            [
                s.text(str(number), center=True),
                s.text(label),
                s.text(employee.get(key) or "-"),
                s.text(str(number), center=True),
                s.text(label),
                s.text(rater.get(key) or "-"),
            ]
        )
    table = _grid(rows, [7 * mm, 26 * mm, 57 * mm, 7 * mm, 26 * mm, 57 * mm])
    table.setStyle(TableStyle([("SPAN", (1, 0), (2, 0)), ("SPAN", (4, 0), (5, 0))]))
    return table


def _target(indicator: Indicator) -> str:
    if indicator.target_value is not None:
        number = indonesian_number(indicator.target_value)
        return f"{number} {indicator.unit_of_measure}".strip()
    return indicator.target_text


RESULT_WIDTHS = (8 * mm, 36 * mm, 40 * mm, 18 * mm, 48 * mm, 30 * mm)


def _results(s: _Styles, results: list[PlannedResult]) -> Table:
    """A. Utama and B. Tambahan: one group of rows per RHK, one row per indicator."""
    header = [
        "No",
        "Rencana Hasil Kerja Pimpinan yang Diintervensi",
        "Rencana Hasil Kerja",
        "Aspek",
        "Indikator Kinerja Individu",
        "Target",
    ]
    rows: list[list[Any]] = [[s.text(label, 8, bold=True, center=True) for label in header]]
    commands: list[tuple[Any, ...]] = []
    sections = (("A. UTAMA", "utama"), ("B. TAMBAHAN", "tambahan"))
    for label, kind in sections:
        commands += [
            ("SPAN", (0, len(rows)), (-1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE),
            ("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.5, LINE),
        ]
        rows.append([s.text(label, bold=True), "", "", "", "", ""])
        own = [r for r in results if r.kind == kind]
        if not own:
            commands.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.5, LINE))
            rows.append([s.text("-", center=True), s.text("-"), s.text("-"), "", "", ""])
        for number, result in enumerate(own, start=1):
            indicators: list[Indicator | None] = list(result.indicators.all()) or [None]
            first_row, last_row = len(rows), len(rows) + len(indicators) - 1
            # The RHK spans its indicators' rows; reportlab never splits a page inside a span.
            commands += [("SPAN", (column, first_row), (column, last_row)) for column in (0, 1, 2)]
            for index, indicator in enumerate(indicators):
                first = index == 0
                commands.append(
                    ("LINEABOVE", (0 if first else 3, len(rows)), (-1, len(rows)), 0.5, LINE)
                )
                rows.append(
                    [
                        s.text(str(number), center=True) if first else "",
                        s.text(result.parent.text if result.parent else "-") if first else "",
                        s.text(result.text) if first else "",
                        s.text(indicator.get_aspect_display()) if indicator else "",
                        s.text(indicator.text) if indicator else "",
                        s.text(_target(indicator)) if indicator else "",
                    ]
                )
    table = Table(rows, colWidths=list(RESULT_WIDTHS), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, LINE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, LINE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, LINE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *commands,
            ]
        )
    )
    return table


def _behaviours(s: _Styles, expectations: dict[str, str]) -> tuple[Table, Table]:
    """The seven values in two tables that read as one: the last two rows are kept with the
    signatures that follow, so a page break never leaves the signatures alone on a page."""
    rows: list[list[Any]] = [
        [
            s.text("No", 8, bold=True, center=True),
            s.text("Perilaku Kerja", 8, bold=True, center=True),
            s.text("Ekspektasi Khusus Pimpinan", 8, bold=True, center=True),
        ]
    ]
    for number, value in enumerate(CORE_VALUES, start=1):
        behaviours = "".join(f"<br/>- {escape(text)}" for text in value.behaviours)
        rows.append(
            [
                s.text(str(number), center=True),
                Paragraph(f"<b>{escape(value.name)}</b>{behaviours}", s.style()),
                s.text(expectations.get(value.code) or "-"),
            ]
        )
    widths = [8 * mm, 107 * mm, 65 * mm]
    return _grid(rows[:-2], widths), _grid(rows[-2:], widths, header_rows=0)


def _appendix(s: _Styles, plan: PerformancePlan) -> Table:
    sections = (
        ("DUKUNGAN SUMBER DAYA", plan.resources),
        ("SKEMA PERTANGGUNGJAWABAN", plan.accountability),
        ("KONSEKUENSI", plan.consequences),
    )
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    for label, text in sections:
        commands += [
            ("SPAN", (0, len(rows)), (-1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE),
        ]
        rows.append([s.text(label, bold=True), ""])
        items = [line.strip() for line in text.splitlines() if line.strip()] or ["-"]
        for number, item in enumerate(items, start=1):
            rows.append([s.text(f"{number}.", center=True), s.text(item)])
    table = _grid(rows, [10 * mm, CONTENT_WIDTH - 10 * mm], header_rows=0)
    table.setStyle(TableStyle(commands))
    return table


def _signatures(
    s: _Styles, place_and_date: str, employee: dict[str, str], rater: dict[str, str]
) -> Flowable:
    def block(heading: str, person: dict[str, str]) -> list[Any]:
        name = escape(person.get("name") or "")
        return [
            s.text(heading, 9, center=True),
            Spacer(1, 18 * mm),
            Paragraph(f"<u>{name}</u>", s.style(9, bold=True, center=True)),
            s.text(f"NIP. {person.get('nip') or '-'}", 9, center=True),
        ]

    table = Table(
        [
            ["", s.text(place_and_date, 9, center=True)],
            [
                block("Pegawai yang Dinilai", employee),
                block("Pejabat Penilai Kinerja", rater),
            ],
        ],
        colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 6 * mm), table])


# --- The document ----------------------------------------------------------------------------


def header_people(plan: PerformancePlan) -> tuple[dict[str, str], dict[str, str]]:
    """The employee and the rater as frozen on submission/approval; live data for a draft."""
    employee = plan.snapshot.get("employee") or person_snapshot(plan.employee)
    rater = plan.snapshot.get("rater") or person_snapshot(plan.rater)
    return employee, rater


def build_plan_pdf(plan: PerformancePlan, *, verification_url: str | None = None) -> bytes:
    """The SKP as PDF bytes; DRAF watermark unless approved, QR code when a URL is given."""
    regular, bold = _fonts()
    s = _Styles(regular, bold)
    employee, rater = header_people(plan)
    is_draft = plan.status != PlanStatus.APPROVED
    place = place_of(plan.agency.region, plan.agency.name)
    approved_on = (
        indonesian_date(timezone.localtime(plan.approved_at).date())
        if plan.approved_at and not is_draft
        else "...................."
    )
    place_and_date = f"{place}, {approved_on}"
    expectations = {e.value: e.text for e in plan.expectations.all()}
    behaviours, closing_behaviours = _behaviours(s, expectations)
    story: list[Flowable] = [
        *_heading(s, plan, "SASARAN KINERJA PEGAWAI"),
        _people(s, employee, rater),
        Spacer(1, 5 * mm),
        s.text("HASIL KERJA", 10, bold=True),
        Spacer(1, 1.5 * mm),
        _results(s, list(plan.results.all())),
        Spacer(1, 5 * mm),
        s.text("PERILAKU KERJA", 10, bold=True),
        Spacer(1, 1.5 * mm),
        behaviours,
        KeepTogether([closing_behaviours, _signatures(s, place_and_date, employee, rater)]),
        PageBreak(),
        *_heading(s, plan, "LAMPIRAN SASARAN KINERJA PEGAWAI"),
        _appendix(s, plan),
        _signatures(s, place_and_date, employee, rater),
    ]
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"SKP {employee.get('name', '')} {plan.period.year}",
        author="Kinerja",
        invariant=True,  # no timestamp or random ID: unchanged content gives identical bytes
    )
    decorate = _watermark(bold) if is_draft else _no_decoration
    footer = _Footer(regular, verification_url if not is_draft else None, is_draft)
    document.build(
        story,
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=functools.partial(_NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()


def plan_pdf_filename(plan: PerformancePlan) -> str:
    return f"SKP-{plan.employee.nip}-{plan.period.year}.pdf"


def issue_plan_pdf(
    plan: PerformancePlan, *, actor: User, verification_url: Callable[[str], str]
) -> bytes:
    """The SKP's PDF; an approved plan is sealed (IssuedDocument) with a QR code to
    `verification_url(token)`, a draft is only watermarked."""
    if plan.status != PlanStatus.APPROVED:
        return build_plan_pdf(plan)
    employee, rater = header_people(plan)
    approver = rater.get("name") or (plan.approved_by.get_full_name() if plan.approved_by else "")
    revision = f" (Revisi ke-{plan.revision})" if plan.revision else ""
    sealed = issue_document(
        plan,
        actor=actor,
        kind=IssuedDocument.Kind.SKP,
        title=f"Sasaran Kinerja Pegawai Tahun {plan.period.year}{revision}",
        subject_name=employee.get("name", ""),
        subject_nip=employee.get("nip", ""),
        approved_by_name=approver,
        approved_at=plan.approved_at,
        render=lambda token: build_plan_pdf(plan, verification_url=verification_url(token)),
    )
    return sealed.content
