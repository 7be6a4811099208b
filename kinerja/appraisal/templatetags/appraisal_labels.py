"""Template labels of the appraisal pages."""

from __future__ import annotations

from django import template

from kinerja.planning.models import Period
from kinerja.planning.subperiods import subperiod_by_number

register = template.Library()


@register.filter
def subperiod_label(period: Period, number: int) -> str:
    """ "Triwulan II 2026" for sub-period 2 of a quarterly period; "Tahunan" for 0."""
    if not number:
        return "Tahunan"
    try:
        return subperiod_by_number(
            period.frequency, period.start_date, period.end_date, int(number)
        ).label
    except ValueError:
        return f"Periode ke-{number}"
