"""The SKM report (PermenPANRB 14/2017, Lampiran: laporan hasil survei) as a PDF and an XLSX.

The PDF: the subject and period, the summary (respondents, IKM 1–4 and 25–100, grade, the
sample against the Krejcie–Morgan minimum), the table of elements with NRR and NRR × 1/9, a
bar chart of the NRR per element, the services' IKM, the improvement priorities, the
respondent profile, the trend per quarter and the latest comments. The XLSX holds the same
figures on the sheets Unsur, Layanan, Profil and Tren, and every response on Jawaban.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table

from kinerja.citizen.ikm import ELEMENTS, GRADE_FLOORS, grade_of
from kinerja.citizen.models import SurveyResponse
from kinerja.citizen.selectors.survey import WEIGHT_TEXT, Figures, SurveyReport, fixed
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
)
from kinerja.core.spreadsheets import safe_cell

BAR = colors.HexColor("#0F5C8C")
MUTED = colors.HexColor("#5B6877")
PDF_COMMENTS = 50


def report_filename(report: SurveyReport, extension: str) -> str:
    subject = report.service.code if report.service else f"unit-{report.unit.pk}"
    return f"laporan-skm-{subject}-{report.period.code}.{extension}"


def _yes_no(reached: bool | None) -> str:
    if reached is None:
        return "tidak dapat ditentukan (belum ada permohonan tercatat)"
    return "tercapai" if reached else "belum tercapai"


def summary_rows(figures: Figures) -> list[tuple[str, str]]:
    """The summary figures as (label, value) pairs, shared by the PDF and the XLSX."""
    result, sample = figures.result, figures.sample
    grade = result.grade
    return [
        ("Jumlah responden", str(result.respondents)),
        ("Bobot setiap unsur", WEIGHT_TEXT),
        ("IKM (1–4)", figures.index_text),
        ("IKM unit pelayanan (25–100)", figures.value_text),
        ("Mutu pelayanan", grade.value if grade else "–"),
        ("Kinerja unit pelayanan", str(grade.label) if grade else "–"),
        ("Populasi (permohonan diterima pada periode)", str(sample.population)),
        ("Sampel minimum (Krejcie–Morgan)", str(sample.minimum or "–")),
        ("Sampel minimum", _yes_no(sample.reached)),
    ]


# --- PDF -------------------------------------------------------------------------------------


def _nrr_chart(report: SurveyReport) -> Drawing:
    """The NRR of each element as horizontal bars on 0–4, grade floors marked."""
    rows = report.figures.elements
    width, height = CONTENT_WIDTH, 10 * mm + len(rows) * 7.5 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 68 * mm, 8 * mm
    chart.width, chart.height = width - 81 * mm, height - 10 * mm
    # reportlab draws the first category at the bottom: reverse to read 1 → 9 downwards.
    chart.data = [[float(row.score.nrr or 0) for row in reversed(rows)]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4, 1
    regular, _bold = fonts()
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [f"{row.number}. {row.label}" for row in reversed(rows)]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda value: fixed_value(value)
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    for floor, grade in GRADE_FLOORS[:-1]:
        x = chart.x + chart.width * float(floor) / 100
        drawing.add(
            Line(x, chart.y, x, chart.y + chart.height, strokeColor=MUTED, strokeDashArray=[2, 2])
        )
        drawing.add(String(x - 1.5, chart.y + chart.height + 1.5, grade.value, fontSize=7))
    return drawing


def fixed_value(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def _elements_table(s: Styles, figures: Figures) -> Table:
    rows: list[list[Any]] = [
        [
            s.text("No", bold=True),
            s.text("Unsur pelayanan", bold=True),
            s.text("Menjawab", bold=True),
            s.text("NRR", bold=True),
            s.text(f"NRR × bobot {WEIGHT_TEXT}", bold=True),
        ]
    ]
    for row in figures.elements:
        rows.append(
            [
                str(row.number),
                s.text(row.label),
                str(row.score.answered),
                row.nrr_text,
                row.weighted_text,
            ]
        )
    rows.append(["", s.text("IKM (Σ NRR × bobot)", bold=True), "", "", figures.index_text])
    rows.append(["", s.text("IKM unit pelayanan (× 25)", bold=True), "", "", figures.value_text])
    table = grid(rows, [10 * mm, 85 * mm, 22 * mm, 25 * mm, CONTENT_WIDTH - 142 * mm])
    table.setStyle([("ALIGN", (2, 1), (-1, -1), "RIGHT")])
    return table


def _services_table(s: Styles, report: SurveyReport) -> Table:
    rows: list[list[Any]] = [
        [s.text(text, bold=True) for text in ("Layanan", "Responden", "IKM", "Mutu", "Sampel")]
    ]
    for item in report.per_service:
        sample = item.figures.sample
        rows.append(
            [
                s.text(item.service.name),
                str(item.figures.result.respondents),
                item.figures.value_text,
                item.figures.result.grade.value if item.figures.result.grade else "–",
                f"{sample.minimum or '–'} ({_yes_no(sample.reached)})",
            ]
        )
    return grid(rows, [70 * mm, 22 * mm, 20 * mm, 15 * mm, CONTENT_WIDTH - 127 * mm])


def _profile_tables(s: Styles, report: SurveyReport) -> Table:
    """The profile tables two by two (age and sex, then education and occupation)."""
    half = CONTENT_WIDTH / 2 - 2 * mm
    tables = []
    for table in report.profile:
        rows: list[list[Any]] = [
            [s.text(table.title, bold=True), s.text("Jumlah", bold=True), s.text("%", bold=True)]
        ]
        rows += [[s.text(row.label), str(row.count), row.share_text] for row in table.rows]
        inner = grid(rows, [half - 36 * mm, 18 * mm, 18 * mm])
        inner.setStyle([("ALIGN", (1, 1), (-1, -1), "RIGHT")])
        tables.append(inner)
    pairs = [tables[index : index + 2] for index in range(0, len(tables), 2)]
    layout = Table(
        [pair + [""] * (2 - len(pair)) for pair in pairs],
        colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2],
    )
    layout.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]
    )
    return layout


def build_report_pdf(
    report: SurveyReport, *, comments: Sequence[SurveyResponse], generated: dt.datetime
) -> bytes:
    """The SKM report of `report` as A4 pages with page numbers."""
    regular, bold = fonts()
    s = Styles(regular, bold)
    figures = report.figures
    heading: list[Flowable] = [
        s.text("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM)", 13, bold=True, center=True),
        s.text(report.unit.agency.name, 10, center=True),
        Spacer(1, 4 * mm),
    ]
    about = [
        ("Unit pelayanan", report.unit.name),
        ("Layanan", report.service.name if report.service else "Semua layanan (gabungan)"),
        (
            "Periode",
            f"{report.period.label} ({indonesian_date(report.period.start)} – "
            f"{indonesian_date(report.period.last_day)})",
        ),
        ("Dasar", "Peraturan Menteri PANRB Nomor 14 Tahun 2017"),
        ("Dibuat", indonesian_date(timezone.localtime(generated).date())),
    ]
    story: list[Flowable] = [*heading, _facts(s, about), Spacer(1, 4 * mm)]
    story += [s.text("Ringkasan", 11, bold=True), _facts(s, summary_rows(figures))]
    story += [Spacer(1, 5 * mm), s.text("Nilai per unsur", 11, bold=True)]
    story += [_elements_table(s, figures), Spacer(1, 4 * mm)]
    story += [
        KeepTogether(
            [s.text("Grafik NRR per unsur (skala 1–4)", 11, bold=True), _nrr_chart(report)]
        ),
        Spacer(1, 4 * mm),
    ]
    if report.per_service:
        story += [s.text("IKM per layanan", 11, bold=True), _services_table(s, report)]
        story += [Spacer(1, 4 * mm)]
    priorities = [
        f"{row.number}. {row.label} — NRR {row.nrr_text}" for row in report.priorities
    ] or ["Belum ada jawaban."]
    story += [s.text("Prioritas perbaikan (unsur dengan nilai terendah)", 11, bold=True)]
    story += [s.text(line, 9) for line in priorities]
    story += [Spacer(1, 4 * mm), s.text("Profil responden", 11, bold=True)]
    story += [_profile_tables(s, report), Spacer(1, 2 * mm)]
    trend_rows: list[list[Any]] = [
        [s.text(t, bold=True) for t in ("Triwulan", "Responden", "IKM (25–100)")]
    ]
    trend_rows += [[p.period.label, str(p.respondents), p.value_text] for p in report.trend]
    story += [
        KeepTogether(
            [s.text("Tren IKM per triwulan", 11, bold=True), grid(trend_rows, [60 * mm] * 3)]
        ),
        Spacer(1, 4 * mm),
        s.text(f"Saran dan masukan ({PDF_COMMENTS} terbaru)", 11, bold=True),
    ]
    if comments:
        comment_rows: list[list[Any]] = [[s.text("Tanggal", bold=True), s.text("Saran", bold=True)]]
        comment_rows += [
            [
                indonesian_date(timezone.localtime(c.submitted_at).date()),
                s.text(c.comment),
            ]
            for c in comments
        ]
        story.append(grid(comment_rows, [32 * mm, CONTENT_WIDTH - 32 * mm]))
    else:
        story.append(s.text("Tidak ada saran pada periode ini.", 9))
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"Laporan SKM {report.subject} {report.period.label}",
        author="Kinerja",
    )
    footer = Footer(regular, None, is_draft=False)
    document.build(story, canvasmaker=functools.partial(NumberedCanvas, footer=footer))
    return buffer.getvalue()


def _facts(s: Styles, rows: Iterable[tuple[str, str]]) -> Table:
    cells = [[s.text(label, bold=True), s.text(value)] for label, value in rows]
    return grid(cells, [70 * mm, CONTENT_WIDTH - 70 * mm], header_rows=0)


# --- XLSX -------------------------------------------------------------------------------------


RESPONSE_HEADERS = [
    "Tanggal",
    "Unit",
    "Layanan",
    *(str(e.label) for e in ELEMENTS),
    "Umur",
    "Jenis kelamin",
    "Pendidikan",
    "Pekerjaan",
    "Saran",
    "Nomor tiket",
    "Sumber",
]


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Any]) -> None:
    """A streamed sheet (write-only: the responses may be many) with a bold header row."""
    sheet = workbook.create_sheet(title)
    for index, header in enumerate(headers, start=1):
        width = min(60, max(10, len(str(header)) + 4))
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])


def response_row(response: SurveyResponse) -> list[Any]:
    return [
        timezone.localtime(response.submitted_at).replace(tzinfo=None),
        response.unit.name,
        response.service.name if response.service else "",
        *(getattr(response, f"answer_{e.value}") for e in ELEMENTS),
        response.age,
        response.get_sex_display(),
        response.get_education_display(),
        response.get_occupation_display(),
        response.comment,
        response.ticket_code,
        response.get_source_display(),
    ]


def build_report_workbook(report: SurveyReport, responses: Iterable[SurveyResponse]) -> bytes:
    """Sheets Unsur (with the summary under the table), Layanan, Profil, Tren and Jawaban."""
    workbook = Workbook(write_only=True)
    figures = report.figures
    element_rows: list[list[Any]] = [
        [
            row.number,
            row.label,
            row.score.answered,
            row.score.total,
            _number(row.score.nrr, 3),
            _number(row.weighted, 4),
        ]
        for row in figures.elements
    ]
    element_rows += [[], *([None, label, value] for label, value in summary_rows(figures))]
    _sheet(
        workbook,
        "Unsur",
        ["No", "Unsur", "Menjawab", "Jumlah nilai", "NRR", f"NRR × bobot {WEIGHT_TEXT}"],
        element_rows,
    )
    _sheet(
        workbook,
        "Layanan",
        ["Layanan", "Responden", "IKM (1–4)", "IKM (25–100)", "Mutu", "Populasi", "Sampel min."],
        (
            [
                item.service.name,
                item.figures.result.respondents,
                _number(item.figures.result.index, 4),
                item.figures.result.value,
                item.figures.result.grade.value if item.figures.result.grade else "",
                item.figures.sample.population,
                item.figures.sample.minimum,
            ]
            for item in report.per_service
        ),
    )
    _sheet(
        workbook,
        "Profil",
        ["Profil", "Kategori", "Jumlah", "Persen"],
        (
            [table.title, row.label, row.count, row.share_text]
            for table in report.profile
            for row in table.rows
        ),
    )
    _sheet(
        workbook,
        "Tren",
        ["Triwulan", "Responden", "IKM (25–100)", "Mutu"],
        ([p.period.label, p.respondents, p.value, _grade(p.value)] for p in report.trend),
    )
    _sheet(workbook, "Jawaban", RESPONSE_HEADERS, (response_row(r) for r in responses))
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _number(value: Any, places: int) -> float | None:
    """A figure as a number cell, rounded as the page shows it."""
    text = fixed(value, places)
    return None if text == "–" else float(text.replace(".", "").replace(",", "."))


def _grade(value: Any) -> str:
    return grade_of(value).value if value is not None else ""
