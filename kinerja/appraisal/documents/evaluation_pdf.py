"""The Dokumen Evaluasi Kinerja Pegawai, periodic or annual, as a PDF laid out like the official
form (PermenPANRB 6/2022, Lampiran: format evaluasi kinerja pegawai).

Header with the employee and the rater; the organisation's achievement and its distribution
pattern (SE MenPANRB 3/2023); A. Utama / B. Tambahan results with, per indicator, the target,
the realisation based on evidence and the continuous feedback; the BerAKHLAK behaviours with the
leader's expectation and the feedback; the two ratings and the predicate; the signatures. Not
final: DRAF watermark. Final: sealed by `issue_evaluation_pdf` with a QR code to the public
verification page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kinerja.appraisal.documents.content import (
    EvaluationContent,
    IndicatorLine,
    ResultLine,
    evaluation_content,
    pattern_text,
)
from kinerja.appraisal.documents.layout import (
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
from kinerja.appraisal.models import Evaluation, EvaluationKind
from kinerja.core.documents import issue_document
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import IssuedDocument, User
from kinerja.planning.documents import people_table, target_text

# No, RHK pimpinan, RHK, aspek, indikator, target, realisasi, umpan balik: 180 mm.
RESULT_WIDTHS = (7 * mm, 28 * mm, 29 * mm, 16 * mm, 31 * mm, 20 * mm, 22 * mm, 27 * mm)
RESULT_HEADER = (
    "No",
    "Rencana Hasil Kerja Pimpinan yang Diintervensi",
    "Rencana Hasil Kerja",
    "Aspek",
    "Indikator Kinerja Individu",
    "Target",
    "Realisasi Berdasarkan Bukti Dukung",
    "Umpan Balik Berkelanjutan Berdasarkan Bukti Dukung",
)


def _lines(texts: tuple[str, ...]) -> str:
    return "\n".join(texts) or "-"


def _results(s: Styles, content: EvaluationContent) -> Table:
    """A. Utama and B. Tambahan: one group of rows per RHK, one row per indicator."""
    rows: list[list[Any]] = [[s.text(label, 7, bold=True, center=True) for label in RESULT_HEADER]]
    commands: list[tuple[Any, ...]] = []
    blank = [""] * (len(RESULT_HEADER) - 1)
    for label, kind in (("A. UTAMA", "utama"), ("B. TAMBAHAN", "tambahan")):
        commands += [
            ("SPAN", (0, len(rows)), (-1, len(rows))),
            ("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE),
            ("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.5, LINE),
        ]
        rows.append([s.text(label, 8, bold=True), *blank])
        own: list[ResultLine] = content.results_of(kind)
        if not own:
            commands.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.5, LINE))
            rows.append([s.text("-", 8, center=True), *blank])
        for number, line in enumerate(own, start=1):
            result = line.result
            indicators: list[IndicatorLine | None] = [*line.indicators] or [None]
            first_row, last_row = len(rows), len(rows) + len(indicators) - 1
            commands += [("SPAN", (column, first_row), (column, last_row)) for column in (0, 1, 2)]
            for index, item in enumerate(indicators):
                first = index == 0
                commands.append(
                    ("LINEABOVE", (0 if first else 3, len(rows)), (-1, len(rows)), 0.5, LINE)
                )
                head = [
                    s.text(str(number), 8, center=True) if first else "",
                    s.text(result.parent.text if result.parent else "-", 8) if first else "",
                    s.text(result.text, 8) if first else "",
                ]
                if item is None:
                    rows.append([*head, "", s.text("-", 8), "", "", ""])
                    continue
                indicator = item.indicator
                rows.append(
                    [
                        *head,
                        s.text(indicator.get_aspect_display(), 8),
                        s.text(indicator.text, 8),
                        s.text(target_text(indicator) or "-", 8),
                        s.text(item.realisation, 8),
                        s.text(_lines(item.feedback), 8),
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
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
                *commands,
            ]
        )
    )
    return table


def _behaviours(s: Styles, content: EvaluationContent) -> Table:
    header = ("No", "Perilaku Kerja", "Ekspektasi Khusus Pimpinan", "Umpan Balik Berkelanjutan")
    rows: list[list[Any]] = [[s.text(label, 8, bold=True, center=True) for label in header]]
    for number, line in enumerate(content.behaviours, start=1):
        behaviours = "".join(f"<br/>- {escape(text)}" for text in line.value.behaviours)
        rows.append(
            [
                s.text(str(number), 8, center=True),
                Paragraph(f"<b>{escape(line.value.name)}</b>{behaviours}", s.style(8)),
                s.text(line.expectation or "-", 8),
                s.text(_lines(line.feedback), 8),
            ]
        )
    table = Table(rows, colWidths=[7 * mm, 85 * mm, 44 * mm, 44 * mm], repeatRows=1)
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


def _organisation(s: Styles, content: EvaluationContent) -> Table:
    assessment = content.assessment
    if assessment is None:
        return label_table(
            s,
            [
                ("Capaian Kinerja Organisasi", "Belum ditetapkan"),
                ("Pola Distribusi", "-"),
            ],
        )
    predicate = assessment.organisation_predicate.upper()
    return label_table(
        s,
        [
            ("Capaian Kinerja Organisasi", f"{predicate} ({assessment.unit.name})"),
            ("Pola Distribusi", pattern_text(assessment.organisation_predicate)),
        ],
    )


def _verdict(s: Styles, label: str, value: str, note: str = "") -> Table:
    shown = (value or "Belum dinilai").upper()
    cell: Any = s.text(shown, 9, bold=True)
    if note:
        cell = [cell, Spacer(1, 1 * mm), s.text(note, 8)]
    return label_table(s, [(label, cell)])


def build_evaluation_pdf(
    evaluation: Evaluation,
    *,
    content: EvaluationContent | None = None,
    verification_url: str | None = None,
) -> bytes:
    """The evaluation as PDF bytes; DRAF watermark unless final, QR code when a URL is given."""
    content = content or evaluation_content(evaluation)
    s = styles()
    span = content.span
    period = evaluation.period
    kind = "TAHUNAN" if evaluation.kind == EvaluationKind.ANNUAL else "PERIODIK"
    date_line = place_and_date(
        evaluation.agency, evaluation.finalised_at if evaluation.is_final else None
    )
    story: list[Flowable] = [
        *title_block(
            s,
            evaluation.agency,
            "DOKUMEN EVALUASI KINERJA PEGAWAI",
            [
                f"EVALUASI {kind} · PERIODE: {span.label.upper()}",
                f"PENDEKATAN HASIL KERJA {period.get_approach_display().upper()}",
            ],
            f"Periode Penilaian: {indonesian_date(span.start)} s.d. {indonesian_date(span.end)}",
        ),
        people_table(s, content.employee, content.rater),
        Spacer(1, 4 * mm),
        _organisation(s, content),
        Spacer(1, 5 * mm),
        s.text("HASIL KERJA", 10, bold=True),
        Spacer(1, 1.5 * mm),
        _results(s, content),
        Spacer(1, 2 * mm),
        _verdict(s, "Rating Hasil Kerja", evaluation.results_rating, evaluation.results_note),
        Spacer(1, 5 * mm),
        s.text("PERILAKU KERJA", 10, bold=True),
        Spacer(1, 1.5 * mm),
        _behaviours(s, content),
        Spacer(1, 2 * mm),
        KeepTogether(
            [
                _verdict(
                    s,
                    "Rating Perilaku Kerja",
                    evaluation.behaviour_rating,
                    evaluation.behaviour_note,
                ),
                Spacer(1, 2 * mm),
                _verdict(s, "Predikat Kinerja Pegawai", evaluation.predicate),
                *signatures(
                    s,
                    date_line,
                    signature_block(s, "Pegawai yang Dinilai", content.employee),
                    signature_block(s, "Pejabat Penilai Kinerja", content.rater),
                ),
            ]
        ),
    ]
    return build_pdf(
        story,
        title=f"Evaluasi Kinerja {content.employee.get('name', '')} {span.label}",
        is_draft=not evaluation.is_final,
        verification_url=verification_url,
    )


def evaluation_pdf_filename(evaluation: Evaluation) -> str:
    span = "tahunan" if evaluation.kind == EvaluationKind.ANNUAL else f"p{evaluation.subperiod}"
    return f"Evaluasi-{evaluation.employee.nip}-{evaluation.period.year}-{span}.pdf"


def issue_evaluation_pdf(
    evaluation: Evaluation, *, actor: User, verification_url: Callable[[str], str]
) -> bytes:
    """The evaluation's PDF; a final one is sealed (IssuedDocument) with a QR code to
    `verification_url(token)`, any other is only watermarked DRAF."""
    content = evaluation_content(evaluation)
    if not evaluation.is_final:
        return build_evaluation_pdf(evaluation, content=content)
    rater = content.rater.get("name") or (
        evaluation.finalised_by.get_full_name() if evaluation.finalised_by else ""
    )
    sealed = issue_document(
        evaluation,
        actor=actor,
        kind=IssuedDocument.Kind.EVALUATION,
        title=f"Dokumen Evaluasi Kinerja Pegawai {content.span.label}",
        subject_name=content.employee.get("name", ""),
        subject_nip=content.employee.get("nip", ""),
        approved_by_name=rater,
        approved_at=evaluation.finalised_at,
        render=lambda token: build_evaluation_pdf(
            evaluation, content=content, verification_url=verification_url(token)
        ),
    )
    return sealed.content
