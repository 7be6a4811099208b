"""A card of the year's learning hours, for pages of other areas ("Kinerja saya"): templates may
show it without their app importing this one."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kinerja.development.rules import MINIMUM_JP_PER_YEAR
from kinerja.development.selectors.people import jp_of

register = template.Library()


@register.inclusion_tag("development/learning_hours_card.html")
def learning_hours_card(employee_id: int | None) -> dict[str, Any]:
    """The signed-in employee's JP of this year against the 20 JP of PP 11/2017 Pasal 203."""
    if employee_id is None:
        return {"shown": False}
    year = timezone.localdate().year
    hours = jp_of(employee_id, year)
    return {
        "shown": True,
        "year": year,
        "hours": hours,
        "minimum": MINIMUM_JP_PER_YEAR,
        "short": max(0, MINIMUM_JP_PER_YEAR - hours),
    }
