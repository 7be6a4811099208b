"""Durations as a desk officer says them: "45 menit", "1 jam 35 menit", "3 hari"."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from kinerja.core.formatting import indonesian_number

MINUTES_PER_DAY = 1440


def duration_text(minutes: float | None) -> str:
    """Minutes in days, hours and minutes; under an hour a median keeps one decimal
    (`37,5 menit`), longer spans are rounded to the whole minute."""
    if minutes is None:
        return "–"
    if minutes < 60:
        shown = Decimal(str(round(minutes, 1)))
        return _("%(n)s menit") % {"n": indonesian_number(shown)}
    days, rest = divmod(round(minutes), MINUTES_PER_DAY)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)s hari") % {"n": indonesian_number(Decimal(days))})
    if hours:
        parts.append(_("%(n)s jam") % {"n": hours})
    if mins:
        parts.append(_("%(n)s menit") % {"n": mins})
    return " ".join(parts)
