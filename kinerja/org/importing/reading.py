"""Reading an uploaded sheet (XLSX or CSV) into a `Table` of the columns an import knows.

The reading itself is shared by every import (`kinerja.core.sheets`); this module names the
organisation's columns for it. Everything that stops a file from being read at all raises
`ImportFileError` with a message for the user; problems in single cells are left to the checks.
"""

from __future__ import annotations

from typing import IO

from kinerja.core.sheets import SheetError, Table, cell_value, human_size, read_table, sheet_rows
from kinerja.org.importing.columns import COLUMNS

# The organisation import's name for the shared error.
ImportFileError = SheetError

__all__ = ["ImportFileError", "Table", "cell_value", "human_size", "read_upload"]


def read_upload(upload: IO[bytes], *, kind: str, size: int) -> Table:
    """Check the size and content of an upload and read its sheet into a Table."""
    return read_table(sheet_rows(upload, size=size), COLUMNS[kind])
