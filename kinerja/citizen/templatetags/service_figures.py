"""Template filters of the services pages: durations and shares the Indonesian way."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kinerja.citizen.durations import duration_text

register = template.Library()


@register.filter
def duration(minutes: float | None) -> str:
    """`95` → `1 jam 35 menit`."""
    return duration_text(minutes)


@register.filter
def percent(value: Decimal | None) -> str:
    """`87.5` → `87,50%` (always two decimals, as computed); nothing → `–`."""
    if value is None:
        return "–"
    return f"{Decimal(value):.2f}".replace(".", ",") + "%"
