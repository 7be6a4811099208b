"""The SKP as a PDF laid out like the official form (PermenPANRB 6/2022, Lampiran: format SKP).

`build_plan_pdf` draws a plan (with its results, indicators and expectations prefetched) into
A4 pages: header with the employee and the rater, A. Utama / B. Tambahan results, the BerAKHLAK
behaviours with the leader's expectations, the appendix and the signature blocks. Unapproved
plans carry a DRAF watermark; approved ones are sealed by `issue_plan_pdf` with a QR code to the
public verification page. Output is deterministic so that an unchanged SKP keeps its seal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
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
from kinerja.core.formatting import indonesian_date, indonesian_number
from kinerja.core.models import IssuedDocument, User
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
    grid,
    no_decoration,
    place_of,
    watermark,
)
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Indicator, PerformancePlan, PlannedResult, PlanStatus
from kinerja.planning.services import person_snapshot


def _heading(s: Styles, plan: PerformancePlan, title: str) -> list[Flowable]:
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


def people_table(s: Styles, employee: dict[str, str], rater: dict[str, str]) -> Table:
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
    table = grid(rows, [7 * mm, 26 * mm, 57 * mm, 7 * mm, 26 * mm, 57 * mm])
    table.setStyle(TableStyle([("SPAN", (1, 0), (2, 0)), ("SPAN", (4, 0), (5, 0))]))
    return table


def target_text(indicator: Indicator) -> str:
    if indicator.target_value is not None:
        number = indonesian_number(indicator.target_value)
        return f"{number} {indicator.unit_of_measure}".strip()
    return indicator.target_text


RESULT_WIDTHS = (8 * mm, 36 * mm, 40 * mm, 18 * mm, 48 * mm, 30 * mm)


def _results(s: Styles, results: list[PlannedResult]) -> Table:
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
                        s.text(target_text(indicator)) if indicator else "",
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


def _behaviours(s: Styles, expectations: dict[str, str]) -> tuple[Table, Table]:
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
    return grid(rows[:-2], widths), grid(rows[-2:], widths, header_rows=0)


def _appendix(s: Styles, plan: PerformancePlan) -> Table:
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
    table = grid(rows, [10 * mm, CONTENT_WIDTH - 10 * mm], header_rows=0)
    table.setStyle(TableStyle(commands))
    return table


def _signatures(
    s: Styles, place_and_date: str, employee: dict[str, str], rater: dict[str, str]
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
    regular, bold = fonts()
    s = Styles(regular, bold)
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
        people_table(s, employee, rater),
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
    decorate = watermark(bold) if is_draft else no_decoration
    footer = Footer(regular, verification_url if not is_draft else None, is_draft)
    document.build(
        story,
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=functools.partial(NumberedCanvas, footer=footer),
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
