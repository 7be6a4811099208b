"""XLSX exports: a streamed-to-memory workbook whose text can never run as a formula."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text that a spreadsheet would run as a formula (CSV/XLSX injection)."""
    if isinstance(value, str):
        if value.startswith(_FORMULA_PREFIXES):
            return "'" + value
        return value
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.datetime):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        return value
    return str(value)


def build_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet with a bold header row and the rows below it, as XLSX bytes."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    widths = [len(header) + 2 for header in headers]
    sheet.append([safe_cell(header) for header in headers])
    buffered: list[list[Any]] = []
    for row in rows:
        cells = [safe_cell(value) for value in row]
        for index, value in enumerate(cells[: len(widths)]):
            widths[index] = min(
                60, max(widths[index], len(str(value)) + 2 if value is not None else 0)
            )
        buffered.append(cells)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cells in buffered:
        sheet.append(cells)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An HTTP download of the rows as an XLSX file."""
    response = HttpResponse(build_workbook(title, headers, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
