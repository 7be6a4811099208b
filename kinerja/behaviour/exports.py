"""XLSX rows of the 360° area, from the same selectors as the pages: a person's report (only
what the page shows: shown groups, means, comments without names), the weakest values per unit,
and a round's response progress per rater (who has answered, never what)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.text import slugify

from kinerja.behaviour.aggregation import relation_label
from kinerja.behaviour.models import Assignment, AssignmentStatus, FeedbackRound
from kinerja.behaviour.selectors.reports import SubjectReport, UnitSummary
from kinerja.behaviour.selectors.rounds import Reach
from kinerja.planning.berakhlak import CORE_VALUES


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def report_filename(found: SubjectReport) -> str:
    return f"umpan-balik-360-{slugify(found.subject.name)}-{found.round.pk}.xlsx"


def report_sheet(found: SubjectReport) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows of a person's report: per value and behaviour the mean of every shown
    group, of the others and the gap; then the comments; then the groups not shown."""
    headers = [
        "Nilai dasar",
        "Perilaku",
        *(f"{column.label} (n={column.count})" for column in found.columns),
        "Penilai lain",
        "Selisih diri − penilai lain",
    ]
    rows: list[list[Any]] = []
    for row in found.rows:
        rows.append(
            [
                f"{row.number}. {row.value.name}",
                "Rata-rata nilai",
                *(_number(mean) for _label, mean in row.cells),
                _number(row.others),
                _number(row.gap),
            ]
        )
        for behaviour in row.behaviours:
            rows.append(
                [
                    "",
                    f"{behaviour.letter}. {behaviour.text}",
                    *(_number(mean) for _label, mean in behaviour.cells),
                    _number(behaviour.others),
                    None,
                ]
            )
    for row in found.rows:
        for comment in row.comments:
            rows.append(
                [f"Komentar · {row.value.name}", comment.text, relation_label(comment.relation)]
            )
    for label in found.hidden_labels:
        rows.append(
            [
                "Tidak ditampilkan",
                f"{label}: kurang dari {found.report.threshold} penilai menjawab.",
            ]
        )
    return headers, rows


UNIT_HEADERS = [
    "Unit kerja",
    "Pegawai dinilai",
    "Jawaban",
    *(value.name for value in CORE_VALUES),
    "Nilai terlemah",
]


def unit_rows(summary: UnitSummary) -> Iterator[list[Any]]:
    for row in summary.rows:
        if row.means is None:
            yield [row.name, row.people, None, *([None] * len(CORE_VALUES)), "Tidak ditampilkan"]
            continue
        yield [
            row.name,
            row.people,
            row.answers,
            *(_number(mean) for _label, mean in row.cells),
            ", ".join(value.name for value in row.weakest),
        ]


PROGRESS_HEADERS = ["NIP", "Nama penilai", "Unit kerja", "Penilaian", "Terkirim", "Belum dikirim"]


def progress_rows(feedback_round: FeedbackRound, reach: Reach = None) -> Iterator[list[Any]]:
    """Per rater (of the units in `reach`): how many questionnaires, how many sent (one
    aggregate query, streamed)."""
    assignments = Assignment.objects.filter(round=feedback_round)
    if reach is not None:
        assignments = assignments.filter(rater__unit__in=reach.values("pk"))
    rows = (
        assignments.order_by()
        .values("rater__nip", "rater__name", "rater__unit__name")
        .annotate(total=Count("pk"), sent=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)))
        .order_by("rater__name", "rater__nip")
    )
    for row in rows.iterator(2000):
        yield [
            row["rater__nip"],
            row["rater__name"],
            row["rater__unit__name"],
            row["total"],
            row["sent"],
            row["total"] - row["sent"],
        ]
