"""PDFs of the competency area (reportlab, on `kinerja.core.pdf`): an employee's competency
profile (required vs current per competency with a dot scale, the gaps) and a unit's gap report
per competency. Reports for development planning, not sealed official documents."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils import timezone
from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from kinerja.competency.models import CompetencyKind
from kinerja.competency.selectors.profiles import LevelRow, Profile
from kinerja.competency.selectors.reports import UnitReport
from kinerja.competency.standard import REGULATION
from kinerja.core.formatting import indonesian_date
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
)

BRAND = colors.HexColor("#0f5c8c")
MISSING = colors.HexColor("#b42318")
HELD = colors.HexColor("#8fb3cc")
EMPTY = colors.HexColor("#c5ced8")
MISSING_SOFT = colors.HexColor("#fdecea")

RULE_NOTE = (
    "Kesenjangan = level yang dipersyaratkan jabatan dikurangi level saat ini; kompetensi yang "
    "belum pernah dinilai dihitung level 0. Hanya kesenjangan positif yang merupakan kekurangan; "
    f"kelebihan level tidak menutup kekurangan kompetensi lain. Standar kompetensi: {REGULATION}."
)


def _decimal(value: Decimal | None) -> str:
    return f"{value:.2f}".replace(".", ",") if value is not None else "–"


def _kind_label(kind: str) -> str:
    return str(dict(CompetencyKind.choices).get(kind, kind))


def dot_scale(row: LevelRow, font: str) -> Drawing:
    """Five dots: filled blue up to the current level within the requirement, light blue above
    it, hollow red for levels required but not held, grey for the rest."""
    drawing = Drawing(34 * mm, 5 * mm)
    for index, state in enumerate(row.dots):
        x = 3 * mm + index * 6 * mm
        fill, stroke = {
            "met": (BRAND, BRAND),
            "held": (HELD, HELD),
            "missing": (colors.white, MISSING),
        }.get(state, (colors.white, EMPTY))
        drawing.add(
            Circle(x, 2.5 * mm, 1.9 * mm, fillColor=fill, strokeColor=stroke, strokeWidth=1)
        )
        drawing.add(
            String(
                x,
                1.7 * mm,
                str(index + 1),
                fontName=font,
                fontSize=5.5,
                textAnchor="middle",
                fillColor=colors.white if state in ("met", "held") else colors.HexColor("#5b6877"),
            )
        )
    return drawing


def _heading(s: Styles, title: str, agency_name: str) -> list[Flowable]:
    return [
        s.text(agency_name.upper(), 10, bold=True, center=True),
        Spacer(1, 1 * mm),
        s.text(title, 13, bold=True, center=True),
        Spacer(1, 4 * mm),
    ]


def _legend(s: Styles, font: str) -> Flowable:
    drawing = Drawing(CONTENT_WIDTH, 6 * mm)
    entries = (
        (BRAND, BRAND, "level dimiliki (sesuai standar)"),
        (HELD, HELD, "level di atas standar"),
        (colors.white, MISSING, "level dipersyaratkan, belum dimiliki"),
    )
    x = 2 * mm
    for fill, stroke, label in entries:
        drawing.add(Circle(x, 3 * mm, 1.6 * mm, fillColor=fill, strokeColor=stroke))
        drawing.add(String(x + 3 * mm, 2 * mm, label, fontName=font, fontSize=7))
        x += 58 * mm
    return drawing


def profile_story(found: Profile, *, agency_name: str) -> list[Flowable]:
    regular, bold = fonts()
    s = Styles(regular, bold)
    employee = found.employee
    today = indonesian_date(timezone.localdate())
    story = _heading(s, "PROFIL KOMPETENSI PEGAWAI", agency_name)
    story.append(
        grid(
            [
                [s.text("Nama", bold=True), s.text(employee.full_name)],
                [s.text("NIP", bold=True), s.text(employee.nip_display)],
                [
                    s.text("Jabatan", bold=True),
                    s.text(employee.position.name if employee.position else "-"),
                ],
                [s.text("Unit kerja", bold=True), s.text(employee.unit.name)],
                [
                    s.text("Ringkasan", bold=True),
                    s.text(
                        f"{len(found.required)} kompetensi dipersyaratkan · {found.assessed} "
                        f"sudah dinilai · {found.shortfalls} di bawah standar "
                        f"(total kekurangan {found.total_shortfall} level)"
                    ),
                ],
            ],
            [35 * mm, CONTENT_WIDTH - 35 * mm],
            header_rows=0,
        )
    )
    story.append(Spacer(1, 5 * mm))
    if not found.required:
        story.append(
            s.text(
                "Jabatan pegawai ini belum memiliki standar kompetensi; kesenjangan belum dapat "
                "dihitung.",
                9,
            )
        )
    else:
        story += [_levels_table(s, regular, found.required), Spacer(1, 2 * mm), _legend(s, regular)]
    if found.other:
        story += [
            Spacer(1, 4 * mm),
            s.text("Kompetensi lain yang dimiliki (tidak dipersyaratkan jabatan)", 9.5, bold=True),
            Spacer(1, 1.5 * mm),
            _levels_table(s, regular, found.other),
        ]
    story += [
        Spacer(1, 4 * mm),
        s.text(RULE_NOTE, 7.5),
        Spacer(1, 6 * mm),
        s.text(f"Dicetak {today}.", 7.5),
    ]
    return story


def _gap_cell(s: Styles, row: LevelRow) -> Paragraph:
    """The shortfall in levels, red when there is one ("kurang 2")."""
    if row.required is None:
        return s.text("–", 9, center=True)
    if not row.shortfall:
        return s.text("memenuhi", 8, center=True)
    style = s.style(9, bold=True, center=True)
    return Paragraph(f'<font color="#b42318">kurang {row.shortfall}</font>', style)


def _levels_table(s: Styles, font: str, rows: Sequence[LevelRow]) -> Any:
    header = [
        "No",
        "Kompetensi",
        "Standar",
        "Saat ini",
        "Grafik level 1–5",
        "Kesenjangan",
        "Sumber",
    ]
    body: list[list[Any]] = [[s.text(h, 7, bold=True, center=True) for h in header]]
    shortfall_rows: list[int] = []
    for number, row in enumerate(rows, start=1):
        if row.shortfall > 0:
            shortfall_rows.append(number)
        source = (
            f"{row.source}, {indonesian_date(row.assessed_on)}"
            if row.assessed_on
            else "Belum dinilai"
        )
        body.append(
            [
                s.text(str(number), 8, center=True),
                s.text(f"{row.name}\n{row.code} · {_kind_label(row.kind)}", 8),
                s.text(str(row.required) if row.required is not None else "–", 9, center=True),
                s.text(str(row.current) if row.current is not None else "0*", 9, center=True),
                dot_scale(row, font),
                _gap_cell(s, row),
                s.text(source, 7),
            ]
        )
    widths = [8 * mm, 55 * mm, 14 * mm, 14 * mm, 36 * mm, 23 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    table = grid(body, widths)
    commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    commands += [("BACKGROUND", (5, r), (5, r), MISSING_SOFT) for r in shortfall_rows]
    table.setStyle(TableStyle(commands))
    return table


def _build(story: list[Flowable], title: str) -> bytes:
    regular, _bold = fonts()
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
        invariant=True,
    )
    footer = Footer(regular, None, False)
    document.build(
        story,
        onFirstPage=no_decoration,
        onLaterPages=no_decoration,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
    )
    return buffer.getvalue()


def profile_pdf(found: Profile, *, agency_name: str) -> bytes:
    """The employee's competency profile on A4 with page numbers."""
    return _build(
        profile_story(found, agency_name=agency_name),
        f"Profil kompetensi {found.employee.name}",
    )


def _bar(percent: int, font: str) -> Drawing:
    width = 30 * mm
    drawing = Drawing(width + 10 * mm, 4 * mm)
    drawing.add(
        Rect(0, 0.8 * mm, width, 2.4 * mm, fillColor=colors.HexColor("#e4eaf0"), strokeColor=None)
    )
    if percent:
        drawing.add(
            Rect(0, 0.8 * mm, width * percent / 100, 2.4 * mm, fillColor=MISSING, strokeColor=None)
        )
    drawing.add(String(width + 1.5 * mm, 1 * mm, f"{percent}%", fontName=font, fontSize=7))
    return drawing


def unit_report_story(report: UnitReport, *, agency_name: str) -> list[Flowable]:
    regular, bold = fonts()
    s = Styles(regular, bold)
    totals = report.totals
    story = _heading(s, "LAPORAN KESENJANGAN KOMPETENSI UNIT KERJA", agency_name)
    story += [
        grid(
            [
                [s.text("Unit kerja", bold=True), s.text(f"{report.unit.name} (beserta sub-unit)")],
                [s.text("Pegawai aktif", bold=True), s.text(str(totals.employees))],
                [
                    s.text("Dengan standar kompetensi", bold=True),
                    s.text(
                        f"{totals.required} pegawai · {totals.assessed} sudah dinilai · "
                        f"{totals.below} di bawah standar sekurang-kurangnya satu kompetensi"
                    ),
                ],
                [
                    s.text("Rata-rata kesenjangan", bold=True),
                    s.text(
                        f"{_decimal(totals.mean_shortfall)} level per kompetensi dipersyaratkan"
                    ),
                ],
                [s.text("Per tanggal", bold=True), s.text(indonesian_date(timezone.localdate()))],
            ],
            [45 * mm, CONTENT_WIDTH - 45 * mm],
            header_rows=0,
        ),
        Spacer(1, 5 * mm),
    ]
    if not report.rows:
        story.append(s.text("Belum ada jabatan di unit ini yang memiliki standar kompetensi.", 9))
    else:
        header = [
            "Kompetensi",
            "Jenis",
            "Dipersyaratkan",
            "Sudah\ndinilai",
            "Di bawah standar",
            "Rata-rata\nkesenjangan",
        ]
        body: list[list[Any]] = [[s.text(h, 7, bold=True, center=True) for h in header]]
        rows = report.rows
        for row in rows:
            body.append(
                [
                    s.text(f"{row.competency.name}\n{row.competency.code}", 8),
                    s.text(_kind_label(row.competency.kind), 7.5),
                    s.text(str(row.required), 8.5, center=True),
                    s.text(str(row.assessed), 8.5, center=True),
                    [s.text(f"{row.below} pegawai", 8), _bar(row.below_percent, regular)],
                    s.text(_decimal(row.mean_shortfall), 8.5, bold=True, center=True),
                ]
            )
        widths = [52 * mm, 22 * mm, 24 * mm, 17 * mm, 40 * mm]
        widths.append(CONTENT_WIDTH - sum(widths))
        table = grid(body, widths)
        table.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, LINE)]
            )
        )
        story.append(table)
    story += [Spacer(1, 4 * mm), s.text(RULE_NOTE, 7.5)]
    return story


def unit_report_pdf(report: UnitReport, *, agency_name: str) -> bytes:
    return _build(
        unit_report_story(report, agency_name=agency_name),
        f"Kesenjangan kompetensi {report.unit.name}",
    )
