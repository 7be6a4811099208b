"""Reading an uploaded sheet (XLSX or CSV) by header name, for every import.

(Writing XLSX exports is `kinerja.core.spreadsheets`.)

The content decides the format, not the file name: an XLSX is a zip holding a workbook, a CSV
is UTF-8 text. Columns are found by header, whatever their order, case, spacing or
punctuation (`header_key`); each `Column` lists the synonyms it accepts and unknown columns
are ignored. Everything that stops a file from being read at all raises `SheetError` with a
message for the user (Indonesian); problems in single cells are left to each import's checks.

An import declares its columns and calls `read_table(sheet_rows(upload, ...), COLUMNS)`;
`xlsx_rows`, `header_texts` and `data_rows` are the pieces for an import that finds its
header row its own way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.core.xlsx import XlsxError, first_sheet_rows

# A value read from a cell, already JSON-safe: text, a number, an ISO date, or nothing.
Cell = str | int | float | None
Rows = Iterable[tuple[int, Sequence[Any]]]

HEADER_SEARCH_ROWS = 10
_XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_UNZIPPED_LIMIT_FACTOR = 40  # refuse zip bombs: at most 40× the upload limit once unpacked
_FLOAT_EXACT_LIMIT = 2**53
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


class SheetError(Exception):
    """A file that cannot be imported at all; the message is for the user (Indonesian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotASheetError(SheetError):
    """The upload is no spreadsheet at all (a PDF, an image, a zip of something else)."""


def header_key(text: Any) -> str:
    """`Tgl. Lahir`, `tgl_lahir` and `TGL LAHIR:` all give `tgllahir`."""
    return _NOT_ALPHANUMERIC.sub("", str(text or "").lower())


@dataclass(frozen=True)
class Column:
    """One importable column: the model-side field, the template header, accepted synonyms."""

    field: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    @property
    def keys(self) -> set[str]:
        return {header_key(text) for text in (self.header, *self.synonyms)}


@dataclass
class Table:
    """The recognised columns of a sheet and its non-empty data rows.

    `fields` lists the model-side field of each recognised column, `headers` the header text as
    written in the file (for error messages); each row is `[sheet_row_number, *values]` with
    the values in the order of `fields`.
    """

    fields: list[str]
    headers: dict[str, str]
    rows: list[list[Any]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": self.fields,
            "headers": self.headers,
            "rows": self.rows,
            "ignored": self.ignored,
        }

    @classmethod
    def from_json(cls, stored: dict[str, Any]) -> Table:
        return cls(stored["fields"], stored["headers"], stored["rows"], stored.get("ignored", []))

    def records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each row as `(sheet_row_number, {field: value})`."""
        fields = self.fields
        for row in self.rows:
            yield row[0], dict(zip(fields, row[1:], strict=True))


def human_size(size: int) -> str:
    """`1536` → `1,5 KB`; sizes as Indonesians write them (decimal comma)."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


# --- From bytes to rows ---------------------------------------------------------------------


def sheet_rows(upload: IO[bytes], *, size: int, max_bytes: int | None = None) -> Rows:
    """Check the size and content of an upload; its first sheet's `(row number, cells)`.

    `max_bytes` defaults to the IMPORT_MAX_BYTES setting."""
    limit = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    if size > limit:
        raise SheetError(
            _("Berkas terlalu besar (%(size)s); batas ukuran berkas impor %(limit)s.")
            % {"size": human_size(size), "limit": human_size(limit)}
        )
    if size == 0:
        raise SheetError(_("Berkas kosong."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return xlsx_rows(upload, max_bytes=limit)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError(
            _(
                "Format Excel lama (.xls) tidak didukung. Simpan ulang berkas "
                "sebagai Excel (.xlsx) atau CSV."
            )
        )
    return csv_rows(upload.read())


def _not_a_sheet() -> NotASheetError:
    return NotASheetError(_("Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV."))


def xlsx_rows(
    upload: IO[bytes], *, max_bytes: int | None = None
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of an XLSX upload's first sheet, read lazily; the archive is closed at the end."""
    limit = settings.IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _not_a_sheet() from error
    if "content.xml" in names and "mimetype" in names:
        raise SheetError(
            _(
                "Format OpenDocument (.ods) belum didukung. Simpan ulang berkas "
                "sebagai Excel (.xlsx) atau CSV."
            )
        )
    if not all(part in names for part in _XLSX_PARTS):
        raise _not_a_sheet()
    if unpacked > limit * _UNZIPPED_LIMIT_FACTOR:
        raise SheetError(_("Isi berkas terlalu besar setelah dibuka."))
    try:
        yield from first_sheet_rows(archive)
    except (XlsxError, zipfile.BadZipFile, OSError, KeyError, IndexError) as error:
        raise SheetError(_("Berkas Excel ini rusak atau tidak dapat dibaca.")) from error
    finally:
        archive.close()


def csv_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    """The rows of a UTF-8 CSV; the delimiter (`;`, `,` or tab) is the first line's commonest."""
    if b"\x00" in content[:4096]:
        raise _not_a_sheet()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(
            _('Berkas CSV harus disimpan dengan enkode UTF-8 (di Excel: "CSV UTF-8").')
        ) from error
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count)
    return enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)


# --- Cells ----------------------------------------------------------------------------------


def cell_value(value: Any, *, keep_time: bool = False) -> Cell:
    """A cell as a JSON-safe value: trimmed text, a number, an ISO date, or None.

    A date-time cell gives its date, or with `keep_time` its date and time to the second."""
    if value is None:
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        # Keep a float whose digits were lost (an 18-digit NIP typed as a number) visible.
        if value.is_integer() and abs(value) < _FLOAT_EXACT_LIMIT:
            return int(value)
        return value
    if isinstance(value, dt.datetime):
        if not keep_time:
            return value.date().isoformat()
        rounded = value + dt.timedelta(microseconds=500_000)
        return rounded.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def timed_cell_value(value: Any) -> Cell:
    """`cell_value` keeping the time of a date-time cell."""
    return cell_value(value, keep_time=True)


def header_texts(cells: Sequence[Any]) -> list[str]:
    """A row's cells as header texts: spacing folded, an empty cell as ""."""
    return [" ".join(str(value).split()) if value is not None else "" for value in cells]


def data_rows(
    rows: Iterable[tuple[int, Sequence[Any]]],
    positions: Sequence[int],
    cell: Callable[[Any], Any] = cell_value,
) -> list[list[Any]]:
    """The non-empty rows as `[row number, *values at positions]`."""
    data: list[list[Any]] = []
    for number, cells in rows:
        width = len(cells)
        values = [cell(cells[position]) if position < width else None for position in positions]
        if any(value is not None for value in values):
            data.append([number, *values])
    return data


# --- Header row and table -------------------------------------------------------------------


def read_table(
    rows: Rows,
    columns: Sequence[Column],
    *,
    cell: Callable[[Any], Any] = cell_value,
    refuse_duplicates: bool = True,
    template_hint: bool = True,
) -> Table:
    """Find the header row (the first of the first ten naming two known columns), map its
    columns, and collect the non-empty data rows.

    A second column naming the same field is refused, or with `refuse_duplicates=False`
    ignored (exports that carry both "ID" and "Nomor Laporan"). `template_hint` ends the
    missing-columns message by pointing at the downloadable template."""
    known = {key: column for column in columns for key in column.keys}
    iterator = iter(rows)
    first_headers: list[str] | None = None
    mapping: dict[int, str] | None = None
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for _number, row in islice(iterator, HEADER_SEARCH_ROWS):
        texts = header_texts(row)
        if not any(texts):
            continue
        if first_headers is None:
            first_headers = texts
        matched = [known.get(header_key(text)) for text in texts]
        if sum(column is not None for column in matched) >= 2:
            mapping, headers, ignored = _map_headers(texts, matched, refuse_duplicates)
            break
    if first_headers is None:
        raise SheetError(_("Berkas tidak berisi data."))
    found = {
        column.field
        for column in (known.get(header_key(text)) for text in first_headers)
        if column is not None
    }
    required = [column for column in columns if column.required]
    missing = [column.header for column in required if column.field not in (headers or found)]
    if mapping is None or missing:
        names = ", ".join(missing or [column.header for column in required])
        if template_hint:
            message = _(
                "Kolom wajib tidak ditemukan: %(columns)s. Unduh templat untuk melihat judul "
                "kolom yang dikenali."
            )
        else:
            message = _("Kolom wajib tidak ditemukan: %(columns)s.")
        raise SheetError(message % {"columns": names})
    positions = list(mapping)
    data = data_rows(iterator, positions, cell)
    if not data:
        raise SheetError(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return Table([mapping[position] for position in positions], headers, data, ignored)


def _map_headers(
    texts: list[str], matched: list[Column | None], refuse_duplicates: bool
) -> tuple[dict[int, str], dict[str, str], list[str]]:
    mapping: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, (text, column) in enumerate(zip(texts, matched, strict=True)):
        if column is not None and column.field in headers and refuse_duplicates:
            raise SheetError(
                _(
                    'Kolom "%(first)s" dan "%(second)s" sama-sama berisi %(column)s; hapus '
                    "salah satunya."
                )
                % {"first": headers[column.field], "second": text, "column": column.header}
            )
        if column is None or column.field in headers:
            if text:
                ignored.append(text)
            continue
        mapping[position] = column.field
        headers[column.field] = text
    return mapping, headers, ignored
