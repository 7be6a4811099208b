"""The agency performance report as an A4 PDF (reportlab, on the fonts, styles and grid of
`kinerja.core.pdf`): the title block (agency, scope, period, when it was made), a summary with
one line per section, then each section with its chart (bars, pie or the 9-box grid) and the
table of its figures; a section with nothing to show says so instead.

Long tables (a province has thousands of units) are cut at PDF_ROWS rows with a note; the
workbook holds every row.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, SimpleDocTemplate, Spacer
from reportlab.platypus import Table as PdfTable

from kinerja.core.formatting import indonesian_date, indonesian_number
from kinerja.core.pdf import (
    CONTENT_WIDTH,
    LINE,
    MARGIN,
    PAGE_WIDTH,
    Footer,
    NumberedCanvas,
    Styles,
    fonts,
    grid,
)
from kinerja.insight.reports.sections import About, Chart, Section, Table
from kinerja.talent.boxes import GRID_ROWS, POOL_BOXES

PDF_ROWS = 40
KEEP_TOGETHER_ROWS = 15  # a table this short is never split over two pages
BAR = colors.HexColor("#0F5C8C")
MUTED = colors.HexColor("#5B6877")
POOL = colors.HexColor("#DCEAF5")
LOW = colors.HexColor("#F6E3E1")
# Pie slices in the order of their labels: "no SKP" grey, draft to approved from light to dark.
PIE_COLOURS = {
    "plans": ["#9AA5B1", "#C9DDEE", "#E0A526", "#4F8FBF", "#0F5C8C"],
    "learning": ["#0F5C8C", "#C9DDEE"],
}


@dataclass(frozen=True)
class ReportFooter(Footer):
    """A line, the report's name on the left and "Halaman x dari y" on the right."""

    caption: str = ""

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, 14 * mm, PAGE_WIDTH - MARGIN, 14 * mm)
        canvas.setFont(self.font, 7.5)
        canvas.drawString(MARGIN, 10 * mm, self.caption)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, f"Halaman {page} dari {total}")
        canvas.restoreState()


# --- Figures as text ---------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A figure as the page writes it: `1.234`, `66,7`, `–` for none."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | Decimal):
        return indonesian_number(Decimal(value))
    if isinstance(value, float):
        return indonesian_number(Decimal(str(value)))
    return str(value)


def _value_label(chart: Chart) -> Any:
    def label(value: float | None) -> str:
        if value is None:
            return ""
        text = indonesian_number(Decimal(str(round(value, 1))))
        return f"{text}%" if chart.percent else text

    return label


def _axis(chart: Chart) -> tuple[float, float]:
    """The value axis: 0–100 for percentages and indexes, else a step above the tallest."""
    if chart.percent:
        return 100.0, 20.0
    if chart.top is not None:
        return chart.top, chart.top / 5
    return _nice_top(chart.values)


def _nice_top(values: list[float | None]) -> tuple[float, float]:
    """An axis top a step above the tallest bar, and the step."""
    top = max([v for v in values if v is not None] + [1.0])
    magnitude = 10 ** max(0, len(str(int(top))) - 1)
    step = max(1.0, float(-(-int(top) // (5 * magnitude)) * magnitude))
    return step * (-(-top // step) + 1), step


# --- Charts ------------------------------------------------------------------------------------


def _bars(chart: Chart, font: str) -> Drawing:
    width, height = CONTENT_WIDTH, 58 * mm
    drawing = Drawing(width, height)
    bars = VerticalBarChart()
    bars.x, bars.y = 14 * mm, 14 * mm
    bars.width, bars.height = width - 20 * mm, height - 20 * mm
    bars.data = [list(chart.values)]  # None: no bar and no label (a share of nothing)
    top, step = _axis(chart)
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, top, step
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.labelTextFormat = _value_label(chart)
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.gridStrokeColor = colors.HexColor("#E3E7EC")
    bars.categoryAxis.categoryNames = chart.labels
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 7
    longest = max((len(label) for label in chart.labels), default=0)
    if longest * 3.9 > bars.width / max(1, len(chart.labels)) * 0.9:  # 7 pt: ~3.9 pt a letter
        bars.categoryAxis.labels.angle = 25
        bars.categoryAxis.labels.boxAnchor = "ne"
    bars.bars[0].fillColor = BAR
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = _value_label(chart)
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 7
    bars.barLabels.nudge = 6
    drawing.add(bars)
    return drawing


def _short(name: str, limit: int = 42) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _hbars(chart: Chart, font: str) -> Drawing:
    count = len(chart.labels)
    width, height = CONTENT_WIDTH, 12 * mm + count * 6.5 * mm
    drawing = Drawing(width, height)
    bars = HorizontalBarChart()
    bars.x, bars.y = 72 * mm, 8 * mm
    bars.width, bars.height = width - 86 * mm, height - 12 * mm
    # reportlab draws the first category at the bottom: reverse to read from the top.
    bars.data = [list(reversed(chart.values))]
    top, step = _axis(chart)
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, top, step
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.labelTextFormat = _value_label(chart)
    bars.categoryAxis.categoryNames = [_short(label) for label in reversed(chart.labels)]
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 7
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.bars[0].fillColor = BAR
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = _value_label(chart)
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 7
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 3
    drawing.add(bars)
    return drawing


def _pie(chart: Chart, font: str, key: str) -> Drawing:
    width, height = CONTENT_WIDTH, 48 * mm
    drawing = Drawing(width, height)
    palette = [colors.HexColor(c) for c in PIE_COLOURS.get(key, [])] or [BAR]
    shown = [(i, v) for i, v in enumerate(chart.values) if v]
    total = sum(v for _i, v in shown)
    pie = Pie()
    pie.x, pie.y = 8 * mm, 4 * mm
    pie.width = pie.height = height - 8 * mm
    pie.data = [v for _i, v in shown] or [1]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for slot, (index, _value) in enumerate(shown):
        pie.slices[slot].fillColor = palette[index % len(palette)]
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = pie.x + pie.width + 12 * mm, height - 6 * mm
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.deltay = 11
    legend.columnMaximum = 8
    legend.colorNamePairs = [
        (
            palette[index % len(palette)],
            f"{label}: {cell_text(int(value or 0))}"
            + (
                f" ({cell_text(round(Decimal(value or 0) * 100 / Decimal(total), 1))}%)"
                if total
                else ""
            ),
        )
        for index, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True))
    ]
    drawing.add(legend)
    return drawing


PERFORMANCE_HEADINGS = ("Di bawah ekspektasi", "Sesuai ekspektasi", "Di atas ekspektasi")
POTENTIAL_HEADINGS = ("Tinggi", "Menengah", "Rendah")


def _nine_box(chart: Chart, font: str, bold: str) -> Drawing:
    """The 9-box as drawn officially: potential rows high → low, performance columns."""
    counts = dict(zip(chart.labels, chart.values, strict=True))
    cell_w, cell_h = 40 * mm, 15 * mm
    left, bottom = 32 * mm, 10 * mm
    drawing = Drawing(CONTENT_WIDTH, bottom + 3 * cell_h + 4 * mm)
    for row, boxes in enumerate(GRID_ROWS):
        y = bottom + (2 - row) * cell_h
        drawing.add(
            String(
                left - 3 * mm,
                y + cell_h / 2 - 3,
                POTENTIAL_HEADINGS[row],
                fontName=font,
                fontSize=7.5,
                textAnchor="end",
            )
        )
        for column, box in enumerate(boxes):
            x = left + column * cell_w
            fill = POOL if box in POOL_BOXES else (LOW if box == 1 else colors.white)
            drawing.add(
                Rect(x, y, cell_w, cell_h, fillColor=fill, strokeColor=LINE, strokeWidth=0.5)
            )
            drawing.add(
                String(
                    x + 2 * mm,
                    y + cell_h - 4 * mm,
                    f"Kotak {box}",
                    fontName=font,
                    fontSize=6.5,
                    fillColor=MUTED,
                )
            )
            drawing.add(
                String(
                    x + cell_w / 2,
                    y + 3.5 * mm,
                    cell_text(int(counts.get(str(box)) or 0)),
                    fontName=bold,
                    fontSize=12,
                    textAnchor="middle",
                )
            )
    for column, heading in enumerate(PERFORMANCE_HEADINGS):
        drawing.add(
            String(
                left + column * cell_w + cell_w / 2,
                bottom - 4.5 * mm,
                heading,
                fontName=font,
                fontSize=7.5,
                textAnchor="middle",
            )
        )
    drawing.add(
        String(
            left + 3 * cell_w + 3 * mm,
            bottom + 1.5 * cell_h,
            "← Potensial",
            fontName=font,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    drawing.add(Line(left, bottom, left + 3 * cell_w, bottom, strokeColor=LINE, strokeWidth=0.8))
    return drawing


def chart_drawing(section: Section, font: str, bold: str) -> Drawing | None:
    chart = section.chart
    if chart is None or not chart.labels:
        return None
    if chart.kind == "pie":
        return _pie(chart, font, section.key)
    if chart.kind == "hbars":
        return _hbars(chart, font)
    if chart.kind == "ninebox":
        return _nine_box(chart, font, bold)
    return _bars(chart, font)


# --- Tables ------------------------------------------------------------------------------------


def _is_text(table: Table, index: int) -> bool:
    return any(isinstance(row[index], str) for row in table.rows) or not table.rows


def _widths(table: Table, columns: list[int]) -> list[float]:
    """Text columns share what the number columns (a fixed width each) leave."""
    texty = [_is_text(table, index) for index in columns]
    numbers = len(columns) - sum(texty)
    number_width = 19.5 * mm if len(columns) > 6 else 26 * mm
    left = CONTENT_WIDTH - numbers * number_width
    text_width = left / max(1, sum(texty))
    return [text_width if is_text else number_width for is_text in texty]


def _first_cell(s: Styles, row: list[Any], under: int | None, size: float) -> Any:
    if under is None or not row[under]:
        return s.text(row[0], size) if isinstance(row[0], str) else cell_text(row[0])
    return [s.text(cell_text(row[0]), size), s.text(cell_text(row[under]), size - 1.5)]


def figures_table(s: Styles, table: Table) -> list[Flowable]:
    """The table's first PDF_ROWS rows, numbers right-aligned, with its title and a note when
    rows were left out."""
    columns = [index for index in range(len(table.headers)) if index != table.under_first]
    size = 7 if len(columns) > 6 else 8
    heading = 6.5 if len(columns) > 6 else 8
    rows: list[list[Any]] = [
        [s.text(table.headers[index], heading, bold=True) for index in columns]
    ]
    for row in table.rows[:PDF_ROWS]:
        cells: list[Any] = [_first_cell(s, row, table.under_first, size)]
        for index in columns[1:]:
            value = row[index]
            cells.append(s.text(value, size) if isinstance(value, str) else cell_text(value))
        rows.append(cells)
    flowable = grid(rows, _widths(table, columns))
    numeric = [slot for slot, index in enumerate(columns) if not _is_text(table, index)]
    commands: list[tuple[Any, ...]] = [
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("FONTNAME", (0, 1), (-1, -1), s.regular),
    ]
    commands += [("ALIGN", (slot, 1), (slot, -1), "RIGHT") for slot in numeric]
    flowable.setStyle(commands)
    parts: list[Flowable] = []
    if table.title:
        parts += [s.text(table.title, 9, bold=True), Spacer(1, 1.5 * mm)]
    parts.append(flowable)
    if len(table.rows) > PDF_ROWS:
        parts += [
            Spacer(1, 1.5 * mm),
            s.text(
                f"Ditampilkan {PDF_ROWS} dari {cell_text(len(table.rows))} baris; seluruhnya "
                "ada di berkas Excel laporan ini.",
                7.5,
            ),
        ]
    return parts


# --- The document -------------------------------------------------------------------------------


def _facts(s: Styles, about: About) -> PdfTable:
    generated = f"{indonesian_date(about.generated.date())} pukul {about.generated:%H.%M}"
    rows = [
        ("Instansi", about.agency),
        ("Cakupan", about.scope),
        ("Periode", f"{about.period} ({about.period_dates})"),
        ("Dibuat", generated),
        ("Diminta oleh", about.requested_by or "–"),
    ]
    cells = [[s.text(label, 9, bold=True), s.text(value, 9)] for label, value in rows]
    table = grid(cells, [38 * mm, CONTENT_WIDTH - 38 * mm], header_rows=0)
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#B8C0C8"))])
    return table


def _summary(s: Styles, sections: list[Section]) -> PdfTable:
    rows: list[list[Any]] = [[s.text(h, 8, bold=True) for h in ("No", "Bagian", "Ringkasan")]]
    for number, section in enumerate(sections, start=1):
        rows.append(
            [
                str(number),
                s.text(section.title, 8),
                s.text(section.headline if section.has_data else section.empty_text, 8),
            ]
        )
    return grid(rows, [9 * mm, 55 * mm, CONTENT_WIDTH - 64 * mm])


def _section(s: Styles, number: int, section: Section) -> list[Flowable]:
    heading = s.text(f"{number}. {section.title}", 11, bold=True)
    if not section.has_data:
        return [
            CondPageBreak(30 * mm),
            heading,
            Spacer(1, 2 * mm),
            s.text(section.empty_text, 9),
            Spacer(1, 6 * mm),
        ]
    drawing = chart_drawing(section, s.regular, s.bold)
    opening: list[Flowable] = [heading, Spacer(1, 2 * mm)]
    if drawing is not None:
        opening += [drawing, Spacer(1, 3 * mm)]
    first, *others = section.tables
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        KeepTogether([*opening, *figures_table(s, first)]),
    ]
    for table in others:
        parts = figures_table(s, table)
        kept = len(table.rows) <= KEEP_TOGETHER_ROWS
        story += [Spacer(1, 3 * mm), *([KeepTogether(parts)] if kept else parts)]
    for note in section.notes:
        story += [Spacer(1, 1.5 * mm), s.text(note, 7.5)]
    story.append(Spacer(1, 7 * mm))
    return story


def build_pdf(about: About, sections: list[Section]) -> bytes:
    """The report as A4 pages with page numbers."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    story: list[Flowable] = [
        s.text(about.agency.upper(), 11, bold=True, center=True),
        Spacer(1, 2 * mm),
        s.text("LAPORAN KINERJA INSTANSI", 15, bold=True, center=True),
        Spacer(1, 1 * mm),
        s.text(f"{about.scope} · {about.period}", 10, center=True),
        Spacer(1, 6 * mm),
        _facts(s, about),
        Spacer(1, 6 * mm),
        s.text("Ringkasan", 11, bold=True),
        Spacer(1, 2 * mm),
        _summary(s, sections),
        Spacer(1, 8 * mm),
    ]
    for number, section in enumerate(sections, start=1):
        story += _section(s, number, section)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=20 * mm,
        title=f"Laporan Kinerja Instansi · {about.scope} · {about.period}",
        author="Kinerja",
        subject=about.agency,
    )
    footer = ReportFooter(
        regular,
        None,
        is_draft=False,
        caption=f"Laporan Kinerja Instansi · {about.agency} · {about.scope} · {about.period}",
    )
    document.build(story, canvasmaker=functools.partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()
