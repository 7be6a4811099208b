"""The evidence trail of a placement (`TalentPlacement.basis`) as Indonesian sentences, for the
pages, the exports and the PDF alike. Pure functions over the stored JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinerja.core.formatting import indonesian_date


def _comma(value: Any) -> str:
    return f"{float(value):.2f}".replace(".", ",")


def basis_lines(basis: dict[str, Any]) -> list[str]:
    """Each year's predicate (annual) or periodic mean, then the assessment used.

    `2026: Baik (evaluasi tahunan)`, `2026: rata-rata 4,33 dari 3 evaluasi periodik`,
    `Asesmen 22 Maret 2026: skor 95,40 · Kantor Regional BKN`."""
    lines = []
    for year in basis.get("years", []):
        if year.get("source") == "tahunan":
            label = year.get("predicate") or _comma(year["points"])
            lines.append(f"{year['year']}: {label} (evaluasi tahunan)")
        else:
            lines.append(
                f"{year['year']}: rata-rata {_comma(year['points'])} dari "
                f"{year.get('evaluations', 0)} evaluasi periodik"
            )
    assessment = basis.get("assessment")
    if assessment:
        day = indonesian_date(dt.date.fromisoformat(assessment["assessed_on"]))
        line = f"Asesmen {day}: skor {_comma(assessment['score'])}"
        if assessment.get("assessor"):
            line += f" · {assessment['assessor']}"
        lines.append(line)
    return lines
