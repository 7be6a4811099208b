"""XLSX rows of the oversight lists, from the same selectors (and scoping) as the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from kinerja.oversight import lifecycle
from kinerja.oversight.models import Audit, Recommendation

AUDIT_HEADERS = [
    "Judul pemeriksaan",
    "Nomor surat tugas",
    "Unit yang diperiksa",
    "Ketua tim",
    "Rencana mulai",
    "Rencana selesai",
    "Status",
    "Jumlah temuan",
    "Rekomendasi belum selesai",
]

RECOMMENDATION_HEADERS = [
    "Pemeriksaan",
    "Nomor temuan",
    "Judul temuan",
    "Unit",
    "Rekomendasi",
    "Penanggung jawab",
    "Batas waktu",
    "Status",
    "Hari terlambat",
]


def audit_rows(audits: Iterable[Audit]) -> Iterator[list[Any]]:
    for audit in audits:
        yield [
            audit.title,
            audit.letter_number,
            ", ".join(unit.name for unit in audit.units.all()),
            str(audit.lead),
            audit.planned_start,
            audit.planned_end,
            audit.get_status_display(),
            getattr(audit, "finding_count", 0),
            getattr(audit, "open_count", 0),
        ]


def recommendation_rows(
    recommendations: Iterable[Recommendation], *, today: dt.date
) -> Iterator[list[Any]]:
    for recommendation in recommendations:
        finding = recommendation.finding
        overdue = lifecycle.is_overdue(recommendation.status, recommendation.due_date, today)
        yield [
            finding.audit.title,
            finding.number,
            finding.title,
            finding.unit.name,
            recommendation.text,
            recommendation.owner.full_name,
            recommendation.due_date,
            recommendation.get_status_display(),
            lifecycle.days_overdue(recommendation.due_date, today) if overdue else 0,
        ]
