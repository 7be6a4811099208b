"""The Penetapan Predikat Kinerja of a unit as a PDF (SE MenPANRB 3/2023, step 3).

The unit and its organisation predicate with the basis, every employee's ratings and predicate,
the distribution of the predicates against the pattern the organisation predicate sets (exact
counts and shares, each rule met or breached, the head's reason when a breach was confirmed)
with a small bar chart, and the signature of the head who finalised it. Not finalised: DRAF
watermark. Finalised: sealed by `issue_assessment_pdf` with a QR code to the verification page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kinerja.appraisal.distribution import format_percent
from kinerja.appraisal.documents.content import (
    AssessmentContent,
    assessment_content,
    pattern_text,
)
from kinerja.appraisal.documents.layout import (
    CONTENT_WIDTH,
    LINE,
    SHADE,
    Styles,
    build_pdf,
    label_table,
    place_and_date,
    signature_block,
    signatures,
    styles,
    title_block,
)
from kinerja.appraisal.models import EvaluationKind, UnitAssessment
from kinerja.appraisal.predicate import Predicate
from kinerja.core.documents import issue_document
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import IssuedDocument, User

BAR = colors.HexColor("#3D6A99")
BREACH = colors.HexColor("#B3261E")
PASS = colors.HexColor("#1E6B3A")
SHORT_NAMES = {
    Predicate.SANGAT_BAIK: "Sangat Baik",
    Predicate.BAIK: "Baik",
    Predicate.BUTUH_PERBAIKAN: "Butuh Perb.",
    Predicate.KURANG: "Kurang/Misc.",
    Predicate.SANGAT_KURANG: "Sangat Kurang",
}


def grid(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, LINE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _employees(s: Styles, content: AssessmentContent) -> Table:
    header = (
        "No",
        "Nama / NIP",
        "Jabatan",
        "Rating Hasil Kerja",
        "Rating Perilaku Kerja",
        "Predikat Kinerja",
    )
    rows: list[list[Any]] = [[s.text(label, 8, bold=True, center=True) for label in header]]
    for number, evaluation in enumerate(content.evaluations, start=1):
        person = evaluation.snapshot.get("employee") or {}
        employee = evaluation.employee
        position = person.get("position") or (employee.position.name if employee.position else "-")
        rows.append(
            [
                s.text(str(number), 8, center=True),
                [
                    s.text(person.get("name") or employee.full_name, 8, bold=True),
                    s.text(f"NIP. {person.get('nip') or employee.nip_display}", 8),
                ],
                s.text(position, 8),
                s.text(evaluation.results_rating or "-", 8),
                s.text(evaluation.behaviour_rating or "-", 8),
                s.text(evaluation.predicate or "Belum dinilai", 8, bold=bool(evaluation.predicate)),
            ]
        )
    if not content.evaluations:
        rows.append([s.text("Belum ada evaluasi pegawai pada unit ini.", 8), "", "", "", "", ""])
    table = grid(rows, [7 * mm, 52 * mm, 41 * mm, 27 * mm, 27 * mm, 26 * mm])
    if not content.evaluations:
        table.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1))]))
    return table


def _chart(content: AssessmentContent) -> Drawing:
    """Vertical bars: how many employees hold each predicate."""
    width, height = 88 * mm, 44 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 10 * mm, 12 * mm
    chart.width, chart.height = width - 14 * mm, height - 19 * mm
    counts = [content.check.counts[p] for p in Predicate]
    chart.data = [counts]
    top = max([*counts, 1])
    chart.valueAxis.valueMin = 0
    step = max(1, -(-top // 5))
    chart.valueAxis.valueMax = step * (-(-top // step) + 1)  # a free step above the tallest bar
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.categoryNames = [SHORT_NAMES[p] for p in Predicate]
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.angle = 20
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 6.5
    chart.barLabels.fontName = "Helvetica"
    chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(
        String(
            10 * mm,
            height - 4 * mm,
            "Jumlah pegawai per predikat",
            fontSize=7,
            fontName="Helvetica",
        )
    )
    return drawing


def _distribution(s: Styles, content: AssessmentContent) -> Table:
    check = content.check
    rows: list[list[Any]] = [
        [s.text(label, 8, bold=True, center=True) for label in ("Predikat", "Jumlah", "Persentase")]
    ]
    for member in Predicate:
        rows.append(
            [
                s.text(member.value, 8),
                s.text(str(check.counts[member]), 8, center=True),
                s.text(
                    format_percent(check.shares[member]) if check.total else "-", 8, center=True
                ),
            ]
        )
    rows.append(
        [
            s.text("Jumlah", 8, bold=True),
            s.text(str(check.total), 8, bold=True, center=True),
            s.text("100,0%" if check.total else "-", 8, bold=True, center=True),
        ]
    )
    counts = grid(rows, [40 * mm, 17 * mm, 23 * mm])
    side_by_side = Table([[counts, _chart(content)]], colWidths=[84 * mm, CONTENT_WIDTH - 84 * mm])
    side_by_side.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return side_by_side


def _rules(s: Styles, content: AssessmentContent) -> Table:
    header = ("Ketentuan Pola Distribusi", "Hasil", "Keterangan")
    rows: list[list[Any]] = [[s.text(label, 8, bold=True, center=True) for label in header]]
    commands: list[tuple[Any, ...]] = []
    for outcome in content.outcomes:
        colour = PASS if outcome.passes else BREACH
        commands.append(("TEXTCOLOR", (1, len(rows)), (1, len(rows)), colour))
        verdict = s.text("Terpenuhi" if outcome.passes else "Tidak terpenuhi", 8, bold=True)
        verdict.style = verdict.style.clone("verdict", textColor=colour)
        rows.append(
            [
                s.text(outcome.description[0].upper() + outcome.description[1:], 8),
                verdict,
                s.text(outcome.breach or "-", 8),
            ]
        )
    if not content.outcomes:
        rows.append([s.text("Tidak ada ketentuan pola distribusi.", 8), "", ""])
    table = grid(rows, [60 * mm, 30 * mm, CONTENT_WIDTH - 90 * mm])
    table.setStyle(TableStyle(commands))
    return table


def _conclusion(s: Styles, content: AssessmentContent) -> Flowable:
    assessment = content.assessment
    check = content.check
    if check.notes:
        text = " ".join(check.notes)
    elif check.passes:
        text = "Sebaran predikat kinerja pegawai sesuai dengan pola distribusi."
    elif assessment.breach_reason:
        confirmed = (
            indonesian_date(timezone.localtime(assessment.breach_confirmed_at).date())
            if assessment.breach_confirmed_at
            else ""
        )
        who = " ".join(part for part in (content.breach_confirmer, confirmed) if part)
        text = (
            "Sebaran predikat kinerja pegawai menyimpang dari pola distribusi; penyimpangan "
            f"dikonfirmasi{f' oleh {who}' if who else ''} dengan alasan: {assessment.breach_reason}"
        )
    else:
        text = (
            "Sebaran predikat kinerja pegawai menyimpang dari pola distribusi dan belum "
            "dikonfirmasi oleh pimpinan."
        )
    if content.unrated:
        text += f" {content.unrated} pegawai belum dinilai dan tidak dihitung dalam sebaran."
    return label_table(s, [("Kesimpulan", text)], label_width=30 * mm)


def build_assessment_pdf(
    assessment: UnitAssessment,
    *,
    content: AssessmentContent | None = None,
    verification_url: str | None = None,
) -> bytes:
    """The Penetapan Predikat as PDF bytes; DRAF unless finalised, QR code when a URL is given."""
    content = content or assessment_content(assessment)
    s = styles()
    span = content.span
    kind = "TAHUNAN" if assessment.kind == EvaluationKind.ANNUAL else "PERIODIK"
    story: list[Flowable] = [
        *title_block(
            s,
            assessment.agency,
            "PENETAPAN PREDIKAT KINERJA PEGAWAI",
            [assessment.unit.name.upper(), f"EVALUASI {kind} · PERIODE: {span.label.upper()}"],
            f"Periode Penilaian: {indonesian_date(span.start)} s.d. {indonesian_date(span.end)}",
        ),
        s.text("I. PREDIKAT KINERJA ORGANISASI", 10, bold=True),
        Spacer(1, 1.5 * mm),
        label_table(
            s,
            [
                ("Unit Kerja", assessment.unit.name),
                ("Predikat Kinerja Organisasi", assessment.organisation_predicate.upper()),
                ("Dasar Penetapan", assessment.basis or "-"),
                ("Pola Distribusi", pattern_text(assessment.organisation_predicate)),
            ],
        ),
        Spacer(1, 5 * mm),
        s.text("II. PREDIKAT KINERJA PEGAWAI", 10, bold=True),
        Spacer(1, 1.5 * mm),
        _employees(s, content),
        Spacer(1, 5 * mm),
        s.text("III. SEBARAN PREDIKAT TERHADAP POLA DISTRIBUSI", 10, bold=True),
        Spacer(1, 1.5 * mm),
        _distribution(s, content),
        Spacer(1, 2 * mm),
        _rules(s, content),
        Spacer(1, 2 * mm),
        KeepTogether(
            [
                _conclusion(s, content),
                *signatures(
                    s,
                    place_and_date(
                        assessment.agency, assessment.finalised_at if assessment.is_final else None
                    ),
                    "",
                    signature_block(
                        s,
                        f"Yang menetapkan,\n{content.head.get('position') or 'Pimpinan Unit Kerja'}",
                        content.head,
                    ),
                ),
            ]
        ),
    ]
    return build_pdf(
        story,
        title=f"Penetapan Predikat Kinerja {assessment.unit.name} {span.label}",
        is_draft=not assessment.is_final,
        verification_url=verification_url,
    )


def assessment_pdf_filename(assessment: UnitAssessment) -> str:
    span = "tahunan" if assessment.kind == EvaluationKind.ANNUAL else f"p{assessment.subperiod}"
    return f"Penetapan-Predikat-{assessment.unit_id}-{assessment.period.year}-{span}.pdf"


def issue_assessment_pdf(
    assessment: UnitAssessment, *, actor: User, verification_url: Callable[[str], str]
) -> bytes:
    """The Penetapan Predikat's PDF; a finalised one is sealed with a QR code to
    `verification_url(token)`, any other is only watermarked DRAF."""
    content = assessment_content(assessment)
    if not assessment.is_final:
        return build_assessment_pdf(assessment, content=content)
    sealed = issue_document(
        assessment,
        actor=actor,
        kind=IssuedDocument.Kind.PREDICATE,
        title=f"Penetapan Predikat Kinerja {assessment.unit.name} {content.span.label}",
        subject_name=assessment.unit.name,
        subject_nip="",  # the subject is a unit; its head signs (approved_by_name)
        approved_by_name=content.head.get("name", ""),
        approved_at=assessment.finalised_at,
        render=lambda token: build_assessment_pdf(
            assessment, content=content, verification_url=verification_url(token)
        ),
    )
    return sealed.content
