"""The agency performance report's data as an XLSX workbook: a first sheet saying what the
report is of, then one sheet per table of every section, a bold header row and the figures as
numbers (every row, where the PDF cuts long tables)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kinerja.core.formatting import indonesian_date
from kinerja.core.spreadsheets import safe_cell
from kinerja.insight.reports.sections import NO_DATA, About, Section

ABOUT_SHEET = "Keterangan"


def _number(value: Any) -> Any:
    """Decimals as floats: a spreadsheet reads both as numbers, floats need no conversion."""
    return float(value) if isinstance(value, Decimal) else value


def _sheet(
    workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> WriteOnlyWorksheet:
    rows = [list(row) for row in rows]
    sheet = workbook.create_sheet(title[:31])
    for index, header in enumerate(headers, start=1):
        longest = max(
            [len(str(header))] + [len(str(row[index - 1])) for row in rows if row], default=8
        )
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest + 2))
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(header))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([safe_cell(_number(value)) for value in row])
    return sheet


def build_workbook(about: About, sections: list[Section]) -> bytes:
    """Keterangan, then each section's tables, one sheet each (named by `Table.sheet`)."""
    workbook = Workbook(write_only=True)
    _sheet(
        workbook,
        ABOUT_SHEET,
        ["Keterangan", "Isi"],
        [
            ["Laporan", "Laporan Kinerja Instansi"],
            ["Instansi", about.agency],
            ["Cakupan", about.scope],
            ["Periode", f"{about.period} ({about.period_dates})"],
            ["Dibuat", f"{indonesian_date(about.generated.date())} {about.generated:%H.%M}"],
            ["Diminta oleh", about.requested_by],
            *(
                [f"{number}. {section.title}", section.headline if section.has_data else NO_DATA]
                for number, section in enumerate(sections, start=1)
            ),
        ],
    )
    for section in sections:
        for table in section.tables:
            _sheet(workbook, table.sheet, table.headers, table.rows)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()
