"""Template filters of the career pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kinerja.career.exports import format_credit

register = template.Library()


@register.filter
def credit(value: Decimal | None) -> str:
    """Angka kredit with two decimals and a decimal comma: `20,83`."""
    return format_credit(value)


@register.filter
def verdict(met: bool | None) -> str:
    """The badge class of a criterion: met, not met, not applicable."""
    return {True: "badge-ok", False: "badge-bad"}.get(met, "")  # type: ignore[arg-type]
