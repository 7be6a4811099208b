"""Rupiah amounts as the pages write them: `Rp1.500.000`."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kinerja.development.money import rupiah as _rupiah

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    return _rupiah(value)
