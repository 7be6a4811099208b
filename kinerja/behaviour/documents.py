"""A person's 360° report as a PDF (reportlab, on the shared machinery of `kinerja.core.pdf`):
who was rated and in which round, the radar of the seven values (the same geometry as the page,
`radar.py`), the table per value and rater group with the gap, the comments without names, and
the groups not shown. Advisory: it informs the rater's behaviour rating, it does not set it."""

from __future__ import annotations

import functools
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils import timezone
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, TableStyle

from kinerja.behaviour.aggregation import relation_label
from kinerja.behaviour.radar import Radar
from kinerja.behaviour.selectors.reports import SubjectReport
from kinerja.core.formatting import indonesian_date
from kinerja.core.pdf import (
    BOTTOM_MARGIN,
    CONTENT_WIDTH,
    MARGIN,
    SHADE,
    Footer,
    NumberedCanvas,
    Styles,
    fonts,
    grid,
    no_decoration,
)

ADVISORY = (
    "Umpan balik 360° bersifat masukan bagi pejabat penilai dalam menetapkan rating perilaku "
    "kerja (PermenPANRB 6/2022); tidak menggantikan penilaian pejabat penilai. Jawaban rekan "
    "kerja dan bawahan ditampilkan sebagai rata-rata, tanpa nama, hanya bila sekurang-kurangnya "
    "{n} penilai kelompok itu menjawab."
)


def _mean(value: Decimal | None) -> str:
    """A mean as the pages show it: two decimals, a decimal comma ("3,50")."""
    return f"{value:.2f}".replace(".", ",") if value is not None else "–"


def _gap(value: Decimal | None) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + _mean(abs(value))


def chart_drawing(chart: Radar, font: str, width: float) -> Drawing:
    """The radar as reportlab shapes (y grows upwards in PDF: flipped)."""
    scale = width / chart.width
    height = chart.height * scale
    drawing = Drawing(width, height)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, height - y * scale

    def points(polygon: str) -> list[float]:
        flat: list[float] = []
        for pair in polygon.split():
            x, y = (float(part) for part in pair.split(","))
            flat += at(x, y)
        return flat

    for step, ring, _label_y in chart.rings:
        drawing.add(
            Polygon(
                points(ring),
                strokeColor=colors.HexColor("#c5ced8"),
                fillColor=None,
                strokeWidth=0.5,
            )
        )
        x, y = at(chart.center_x + 3, _label_y)
        drawing.add(String(x, y, str(step), fontName=font, fontSize=6, fillColor=colors.grey))
    for spoke in chart.spokes:
        drawing.add(
            Line(
                *at(chart.center_x, chart.center_y),
                *at(spoke.x, spoke.y),
                strokeColor=colors.HexColor("#c5ced8"),
                strokeWidth=0.5,
            )
        )
        for number, line in enumerate(spoke.label.lines):
            x, y = at(spoke.label.x, spoke.label.y + 12 * number)
            drawing.add(
                String(x, y, line, fontName=font, fontSize=7.5, textAnchor=spoke.label.anchor)
            )
    legend_y = 6.0
    for position, series in enumerate(chart.series):
        colour = colors.HexColor(series.colour)
        dash = [float(part) for part in series.dash.split()] if series.dash != "none" else None
        left = 8 + position * width / 3
        drawing.add(
            Line(
                left,
                legend_y,
                left + 22,
                legend_y,
                strokeColor=colour,
                strokeWidth=1.6,
                strokeDashArray=dash,
            )
        )
        drawing.add(String(left + 26, legend_y - 2.5, series.name, fontName=font, fontSize=7.5))
    for series in chart.series:
        colour = colors.HexColor(series.colour)
        dash = [float(part) for part in series.dash.split()] if series.dash != "none" else None
        flat = points(series.points)
        drawing.add(
            PolyLine(
                [*flat, flat[0], flat[1]],
                strokeColor=colour,
                strokeWidth=1.4,
                strokeDashArray=dash,
            )
        )
        for dot in series.dots:
            x, y = at(dot.x, dot.y)
            drawing.add(Circle(x, y, 1.6, fillColor=colour, strokeColor=colour))
    return drawing


def _table(s: Styles, found: SubjectReport) -> Any:
    header = [
        "Nilai dasar / perilaku",
        *(f"{column.label} (n={column.count})" for column in found.columns),
        "Penilai lain",
        "Selisih",
    ]
    rows: list[list[Any]] = [[s.text(label, 7.5, bold=True, center=True) for label in header]]
    value_rows: list[int] = []
    for row in found.rows:
        value_rows.append(len(rows))
        rows.append(
            [
                s.text(f"{row.number}. {row.value.name}", 8, bold=True),
                *(s.text(_mean(m), 8, bold=True, center=True) for _label, m in row.cells),
                s.text(_mean(row.others), 8, bold=True, center=True),
                s.text(_gap(row.gap), 8, bold=True, center=True),
            ]
        )
        for behaviour in row.behaviours:
            rows.append(
                [
                    s.text(f"{behaviour.letter}. {behaviour.text}", 7),
                    *(s.text(_mean(m), 7, center=True) for _label, m in behaviour.cells),
                    s.text(_mean(behaviour.others), 7, center=True),
                    s.text("", 7),
                ]
            )
    number_width = 17 * mm
    first = CONTENT_WIDTH - number_width * (len(header) - 1)
    table = grid(rows, [first, *([number_width] * (len(header) - 1))])
    table.setStyle(TableStyle([("BACKGROUND", (0, r), (-1, r), SHADE) for r in value_rows]))
    return table


def report_story(found: SubjectReport) -> list[Flowable]:
    regular, bold = fonts()
    s = Styles(regular, bold)
    subject = found.subject
    closed = (
        indonesian_date(timezone.localtime(found.round.closed_at).date())
        if found.round.closed_at
        else "-"
    )
    story: list[Flowable] = [
        s.text("LAPORAN UMPAN BALIK PERILAKU 360°", 13, bold=True, center=True),
        s.text("Nilai Dasar ASN BerAKHLAK", 9, bold=True, center=True),
        Spacer(1, 4 * mm),
        grid(
            [
                [s.text("Pegawai", 8.5, bold=True), s.text(subject.full_name)],
                [s.text("NIP", 8.5, bold=True), s.text(subject.nip_display)],
                [
                    s.text("Jabatan", 8.5, bold=True),
                    s.text(subject.position.name if subject.position else "-"),
                ],
                [s.text("Unit kerja", 8.5, bold=True), s.text(subject.unit.name)],
                [s.text("Putaran", 8.5, bold=True), s.text(found.round.name)],
                [s.text("Periode", 8.5, bold=True), s.text(found.round.period.name)],
                [s.text("Ditutup", 8.5, bold=True), s.text(closed)],
            ],
            [40 * mm, CONTENT_WIDTH - 40 * mm],
            header_rows=0,
        ),
        Spacer(1, 3 * mm),
        s.text(ADVISORY.format(n=found.report.threshold), 7.5),
        Spacer(1, 3 * mm),
    ]
    if found.is_empty:
        story.append(s.text("Belum ada jawaban yang dapat ditampilkan untuk putaran ini.", 9))
        return story
    story += [
        chart_drawing(found.chart, regular, CONTENT_WIDTH * 0.8),
        Spacer(1, 4 * mm),
        _table(s, found),
        Spacer(1, 2 * mm),
        s.text(
            "Selisih = rata-rata diri sendiri dikurangi rata-rata penilai lain; positif berarti "
            "pegawai menilai dirinya lebih tinggi daripada penilaian orang lain.",
            7.5,
        ),
    ]
    if found.hidden_labels:
        story += [
            Spacer(1, 2 * mm),
            s.text(
                "Tidak ditampilkan karena kurang dari "
                f"{found.report.threshold} penilai menjawab: "
                + ", ".join(found.hidden_labels)
                + ".",
                8,
            ),
        ]
    comments = [(row, c) for row in found.rows for c in row.comments]
    if comments:
        story += [
            Spacer(1, 4 * mm),
            s.text("Komentar (tanpa nama)", 10, bold=True),
            Spacer(1, 1 * mm),
        ]
        story.append(
            grid(
                [[s.text(h, 7.5, bold=True) for h in ("Nilai dasar", "Kelompok", "Komentar")]]
                + [
                    [
                        s.text(row.value.name, 7.5),
                        s.text(relation_label(c.relation), 7.5),
                        s.text(c.text, 7.5),
                    ]
                    for row, c in comments
                ],
                [38 * mm, 28 * mm, CONTENT_WIDTH - 66 * mm],
            )
        )
    return story


def report_pdf(found: SubjectReport) -> bytes:
    """The report as A4 pages with page numbers (not a sealed official document)."""
    regular, _bold = fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"Umpan balik 360° {found.subject.name}",
        author="Kinerja",
        invariant=True,
    )
    footer = Footer(regular, None, False)
    document.build(
        report_story(found),
        onFirstPage=no_decoration,
        onLaterPages=no_decoration,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()
