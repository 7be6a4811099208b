"""Reading an export (CSV or XLSX) into a `Table` of the request columns it holds.

Columns are found by header, whatever their order, case, spacing or punctuation, in
Indonesian or English; unknown columns are ignored. The content decides the format, not the
file name. A date-time cell keeps its time, to the second.
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

from kinerja.org.importing.columns import Column, header_key
from kinerja.org.importing.reading import ImportFileError, human_size
from kinerja.org.importing.xlsx import XlsxError, first_sheet_rows

HEADER_SEARCH_ROWS = 10
_XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_UNZIPPED_LIMIT_FACTOR = 40

COLUMNS: tuple[Column, ...] = (
    Column(
        "service",
        "Kode Layanan",
        (
            "Layanan",
            "Nama Layanan",
            "Jenis Layanan",
            "Service",
            "Service Code",
            "Service Name",
        ),
        required=True,
    ),
    Column(
        "ticket_code",
        "Nomor Antrean",
        (
            "Nomor Antrian",
            "No Antrean",
            "No Antrian",
            "Antrean",
            "Antrian",
            "Tiket",
            "Nomor Tiket",
            "No Tiket",
            "Ticket",
            "Ticket Number",
            "Ticket No",
            "Queue Number",
        ),
    ),
    Column(
        "received_at",
        "Waktu Diterima",
        (
            "Diterima",
            "Waktu Masuk",
            "Tanggal Masuk",
            "Jam Masuk",
            "Waktu Datang",
            "Waktu Daftar",
            "Received",
            "Received At",
            "Arrival",
            "Check In",
        ),
        required=True,
    ),
    Column(
        "completed_at",
        "Waktu Selesai",
        (
            "Selesai",
            "Tanggal Selesai",
            "Jam Selesai",
            "Completed",
            "Completed At",
            "Finished",
            "Finished At",
        ),
    ),
    Column(
        "handled_by",
        "NIP Petugas",
        (
            "Petugas",
            "Nama Petugas",
            "Petugas Layanan",
            "NIP",
            "NIP Pegawai",
            "Handler",
            "Handled By",
            "Officer",
            "Officer NIP",
        ),
    ),
    Column("note", "Catatan", ("Keterangan", "Note", "Notes", "Remarks")),
)
_BY_KEY = {key: column for column in COLUMNS for key in column.keys}
HEADERS = {column.field: column.header for column in COLUMNS}


def template_headers() -> list[str]:
    return [column.header for column in COLUMNS]


# --- Reading the file -----------------------------------------------------------------------


Cell = str | int | float | None


@dataclass
class Table:
    """The recognised columns of a sheet and its non-empty rows (`[row number, *values]`)."""

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
        fields = self.fields
        for row in self.rows:
            yield row[0], dict(zip(fields, row[1:], strict=True))


def read_request_file(upload: IO[bytes], *, size: int) -> Table:
    """Check the size and kind of an upload and read its first sheet into a Table."""
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
        return _table(_xlsx_rows(upload))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "Format Excel lama (.xls) tidak didukung. Simpan ulang berkas "
                "sebagai Excel (.xlsx) atau CSV."
            )
        )
    return _table(_csv_rows(upload.read()))


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
    """A cell as a JSON-safe value; a date-time cell keeps its time (to the second)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(value, dt.datetime):
        rounded = value + dt.timedelta(microseconds=500_000)
        return rounded.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def _table(rows: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    """Find the header row, map its columns, and collect the non-empty data rows."""
    iterator = iter(rows)
    mapping: dict[int, str] | None = None
    headers: dict[str, str] = {}
    ignored: list[str] = []
    seen_any = False
    for _number, row in islice(iterator, HEADER_SEARCH_ROWS):
        texts = [" ".join(str(v).split()) if v is not None else "" for v in row]
        if not any(texts):
            continue
        seen_any = True
        matched = [_BY_KEY.get(header_key(text)) for text in texts]
        if sum(column is not None for column in matched) >= 2:
            mapping, headers, ignored = _map_headers(texts, matched)
            break
    if not seen_any:
        raise ImportFileError(_("Berkas tidak berisi data."))
    missing = [c.header for c in COLUMNS if c.required and c.field not in headers]
    if mapping is None or missing:
        raise ImportFileError(
            _(
                "Kolom wajib tidak ditemukan: %(columns)s. Unduh templat untuk melihat judul "
                "kolom yang dikenali."
            )
            % {"columns": ", ".join(missing or [c.header for c in COLUMNS if c.required])}
        )
    positions = list(mapping)
    fields = [mapping[position] for position in positions]
    data: list[list[Any]] = []
    for number, cells in iterator:
        width = len(cells)
        values = [cell_value(cells[p]) if p < width else None for p in positions]
        if any(value is not None for value in values):
            data.append([number, *values])
    if not data:
        raise ImportFileError(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return Table(fields, headers, data, ignored)


def _map_headers(
    texts: list[str], matched: list[Column | None]
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
