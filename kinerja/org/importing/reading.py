"""Reading an uploaded sheet (XLSX or CSV) into a `Table` of the columns an import knows.

The content decides the format, not the file name: an XLSX is a zip holding a workbook, a CSV
is UTF-8 text. Everything that stops a file from being read at all raises `ImportFileError`
with a message for the user; problems in single cells are left to the checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from kinerja.org.importing.columns import COLUMNS, columns_by_key, header_key, required_headers
from kinerja.org.importing.xlsx import XlsxError, first_sheet_rows

# A value read from a cell, already JSON-safe: text, a number, an ISO date, or nothing.
Cell = str | int | float | None

HEADER_SEARCH_ROWS = 10
_XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_UNZIPPED_LIMIT_FACTOR = 40  # refuse zip bombs: at most 40× the upload limit once unpacked
_FLOAT_EXACT_LIMIT = 2**53


class ImportFileError(Exception):
    """A file that cannot be imported at all; the message is for the user (Indonesian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def read_upload(upload: IO[bytes], *, kind: str, size: int) -> Table:
    """Check the size and content of an upload and read its sheet into a Table."""
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError(
            _("Berkas terlalu besar (%(size)s); batas ukuran berkas impor %(limit)s.")
            % {"size": human_size(size), "limit": human_size(limit)}
        )
    if size == 0:
        raise ImportFileError(_("Berkas kosong."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _table(_xlsx_rows(upload), kind)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "Format Excel lama (.xls) tidak didukung. Simpan ulang berkas "
                "sebagai Excel (.xlsx) atau CSV."
            )
        )
    return _table(_csv_rows(upload.read()), kind)


def _not_a_sheet() -> ImportFileError:
    return ImportFileError(
        _("Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV.")
    )


def _xlsx_rows(upload: IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _not_a_sheet() from error
    if "content.xml" in names and "mimetype" in names:
        raise ImportFileError(
            _(
                "Format OpenDocument (.ods) belum didukung. Simpan ulang berkas "
                "sebagai Excel (.xlsx) atau CSV."
            )
        )
    if not all(part in names for part in _XLSX_PARTS):
        raise _not_a_sheet()
    if unpacked > settings.IMPORT_MAX_BYTES * _UNZIPPED_LIMIT_FACTOR:
        raise ImportFileError(_("Isi berkas terlalu besar setelah dibuka."))
    try:
        yield from first_sheet_rows(archive)
    except (XlsxError, zipfile.BadZipFile, OSError, KeyError, IndexError) as error:
        raise ImportFileError(_("Berkas Excel ini rusak atau tidak dapat dibaca.")) from error
    finally:
        archive.close()


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    if b"\x00" in content[:4096]:
        raise _not_a_sheet()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _('Berkas CSV harus disimpan dengan enkode UTF-8 (di Excel: "CSV UTF-8").')
        ) from error
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=first_line.count)
    return enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)


def cell_value(value: Any) -> Cell:
    """A cell as a JSON-safe value: trimmed text, a number, an ISO date, or None."""
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
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _table(rows: Iterable[tuple[int, Sequence[Any]]], kind: str) -> Table:
    """Find the header row, map its columns, and collect the non-empty data rows."""
    known = columns_by_key(kind)
    iterator = iter(rows)
    first_headers: list[str] | None = None
    mapping: dict[int, str] | None = None
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for _number, row in islice(iterator, HEADER_SEARCH_ROWS):
        texts = [_header_text(value) for value in row]
        if not any(texts):
            continue
        if first_headers is None:
            first_headers = texts
        matched = [known.get(header_key(text)) for text in texts]
        if sum(column is not None for column in matched) >= 2:
            mapping, headers, ignored = _map_headers(texts, matched)
            break
    if first_headers is None:
        raise ImportFileError(_("Berkas tidak berisi data."))
    found = {
        column.field
        for column in (known.get(header_key(text)) for text in first_headers)
        if column is not None
    }
    missing = [
        column.header
        for column in COLUMNS[kind]
        if column.required and column.field not in (headers or found)
    ]
    if mapping is None or missing:
        raise ImportFileError(
            _(
                "Kolom wajib tidak ditemukan: %(columns)s. Unduh templat untuk melihat judul "
                "kolom yang dikenali."
            )
            % {"columns": ", ".join(missing or required_headers(kind))}
        )
    positions = list(mapping)
    fields = [mapping[position] for position in positions]
    data: list[list[Any]] = []
    for number, cells in iterator:
        width = len(cells)
        values = [
            cell_value(cells[position]) if position < width else None for position in positions
        ]
        if any(value is not None for value in values):
            data.append([number, *values])
    if not data:
        raise ImportFileError(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return Table(fields, headers, data, ignored)


def _map_headers(
    texts: list[str], matched: list[Any]
) -> tuple[dict[int, str], dict[str, str], list[str]]:
    mapping: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, (text, column) in enumerate(zip(texts, matched, strict=True)):
        if column is None:
            if text:
                ignored.append(text)
            continue
        if column.field in headers:
            raise ImportFileError(
                _(
                    'Kolom "%(first)s" dan "%(second)s" sama-sama berisi %(column)s; hapus '
                    "salah satunya."
                )
                % {"first": headers[column.field], "second": text, "column": column.header}
            )
        mapping[position] = column.field
        headers[column.field] = text
    return mapping, headers, ignored
