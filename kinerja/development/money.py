"""Rupiah amounts as pages and documents write them: `Rp1.500.000` (whole rupiah)."""

from __future__ import annotations

from decimal import Decimal

from kinerja.core.formatting import indonesian_number


def rupiah(value: Decimal | int | None) -> str:
    """`Rp1.500.000`; `–` when there is no amount."""
    if value is None:
        return "–"
    return f"Rp{indonesian_number(Decimal(value).quantize(Decimal(1)))}"
