"""Reading SP4N-LAPOR! exports (XLSX or CSV): columns found by header name, never position.

The national portal's exports differ between versions and agencies ("Nomor Laporan", "ID",
"Tracking ID"; "Isi Laporan" or "Uraian"), so each column has its synonyms and headers are
compared without case, spacing or punctuation. Unknown columns are ignored. Everything that
stops a file from being read raises `SheetError` with a message in Indonesian; problems of
single cells are left to the import's row checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

from django.utils.translation import gettext as _

from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.models import ComplaintStatus
from kinerja.org.importing.xlsx import XlsxError, first_sheet_rows

HEADER_SEARCH_ROWS = 10
MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
_UNZIPPED_LIMIT = MAX_BYTES * 40  # a zip bomb is refused before it is read


class SheetError(Exception):
    """A file that cannot be imported at all; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def header_key(text: Any) -> str:
    """`Nomor Laporan`, `nomor_laporan` and `NOMOR LAPORAN:` all give `nomorlaporan`."""
    return re.sub(r"[^0-9a-z]+", "", str(text or "").lower())


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column(
        "external_id",
        "Nomor Laporan",
        (
            "ID",
            "ID Laporan",
            "Tracking ID",
            "No Laporan",
            "No. Laporan",
            "Nomor Tiket",
            "Kode Laporan",
            "Nomor Pengaduan",
        ),
        required=True,
    ),
    Column("subject", "Judul", ("Judul Laporan", "Judul Pengaduan", "Perihal")),
    Column(
        "description",
        "Isi Laporan",
        ("Isi", "Uraian", "Uraian Laporan", "Isi Pengaduan", "Deskripsi"),
        required=True,
    ),
    Column(
        "received",
        "Tanggal Laporan",
        ("Tanggal", "Tanggal Masuk", "Tgl Laporan", "Waktu Laporan", "Tanggal Dibuat"),
        required=True,
    ),
    Column("category", "Kategori", ("Kategori Laporan", "Topik")),
    Column("status", "Status", ("Status Laporan",)),
    Column("name", "Nama Pelapor", ("Pelapor", "Nama")),
    Column("contact", "Kontak Pelapor", ("Kontak", "No HP", "Nomor HP", "Telepon", "Email")),
    Column(
        "unit",
        "Unit",
        (
            "Unit Kerja",
            "Unit Tujuan",
            "Instansi Tujuan",
            "Instansi Terlapor",
            "Disposisi",
            "OPD",
            "Kode Unit",
        ),
    ),
    Column("complaint_class", "Klasifikasi", ("Klasifikasi Pengaduan", "Kelas")),
    Column(
        "resolved",
        "Tanggal Selesai",
        ("Tgl Selesai", "Tanggal Penyelesaian", "Waktu Selesai", "Tanggal Ditutup"),
    ),
    Column(
        "resolution",
        "Tindak Lanjut",
        ("Tanggapan", "Penyelesaian", "Tindak Lanjut Instansi", "Jawaban"),
    ),
)
_BY_KEY: dict[str, Column] = {
    header_key(text): column for column in COLUMNS for text in (column.header, *column.synonyms)
}


def expected_headers() -> list[str]:
    """The headers the import recognises, for the upload page (synonyms are accepted too)."""
    return [column.header for column in COLUMNS]


@dataclass
class Sheet:
    """The recognised columns and the non-empty data rows: `(sheet row number, {field: value})`."""

    headers: dict[str, str]
    rows: list[tuple[int, dict[str, Any]]]
    ignored: list[str]


def read_sheet(upload: IO[bytes], *, size: int) -> Sheet:
    """Check the size and content of an upload and read its first sheet."""
    if size > MAX_BYTES:
        raise SheetError(_("Berkas terlalu besar; batas ukuran berkas impor 10 MB."))
    if size == 0:
        raise SheetError(_("Berkas kosong."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _sheet(_xlsx_rows(upload))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError(
            _("Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau CSV.")
        )
    return _sheet(_csv_rows(upload.read()))


def _not_a_sheet() -> SheetError:
    return SheetError(_("Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV."))


def _xlsx_rows(upload: IO[bytes]) -> Iterator[tuple[int, list[Any]]]:
    try:
        archive = zipfile.ZipFile(upload)
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise _not_a_sheet() from error
    if "xl/workbook.xml" not in names:
        raise _not_a_sheet()
    if unpacked > _UNZIPPED_LIMIT:
        raise SheetError(_("Isi berkas terlalu besar setelah dibuka."))
    try:
        yield from first_sheet_rows(archive)
    except (XlsxError, zipfile.BadZipFile, OSError, KeyError, IndexError) as error:
        raise SheetError(_("Berkas Excel ini rusak atau tidak dapat dibaca.")) from error
    finally:
        archive.close()


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
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


def _value(value: Any) -> Any:
    """A cell as trimmed text, a number, a date/datetime, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sheet(rows: Iterable[tuple[int, Sequence[Any]]]) -> Sheet:
    iterator = iter(rows)
    mapping: dict[int, str] | None = None
    headers: dict[str, str] = {}
    ignored: list[str] = []
    seen_any = False
    for _number, row in islice(iterator, HEADER_SEARCH_ROWS):
        texts = [" ".join(str(value).split()) if value is not None else "" for value in row]
        if not any(texts):
            continue
        seen_any = True
        matched = [_BY_KEY.get(header_key(text)) for text in texts]
        if sum(column is not None for column in matched) >= 2:
            mapping = {}
            for position, (text, column) in enumerate(zip(texts, matched, strict=True)):
                if column is None or column.field in headers:
                    if text:
                        ignored.append(text)
                    continue
                mapping[position] = column.field
                headers[column.field] = text
            break
    if not seen_any:
        raise SheetError(_("Berkas tidak berisi data."))
    missing = [c.header for c in COLUMNS if c.required and c.field not in headers]
    if mapping is None or missing:
        raise SheetError(
            _("Kolom wajib tidak ditemukan: %(columns)s.")
            % {"columns": ", ".join(missing or [c.header for c in COLUMNS if c.required])}
        )
    data: list[tuple[int, dict[str, Any]]] = []
    for number, cells in iterator:
        record = {
            field: _value(cells[position]) if position < len(cells) else None
            for position, field in mapping.items()
        }
        if any(value is not None for value in record.values()):
            data.append((number, record))
            if len(data) > MAX_ROWS:
                raise SheetError(
                    _("Paling banyak %(max)s baris sekali impor; bagi berkasnya.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
                )
    if not data:
        raise SheetError(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return Sheet(headers, data, ignored)


# --- Cell meanings -----------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov", "nop"),
            ("desember", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(
    r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})"
    r"(?:[ T](?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
)
_WORDS = re.compile(
    r"^(?P<d>\d{1,2})\s+(?P<month>[a-z]+)\.?\s+(?P<y>\d{4})(?:,?\s+(?P<h>\d{1,2})[:.](?P<m>\d{2}))?"
)


def parse_moment(value: Any) -> dt.datetime | None:
    """A naive local date-time from a cell: a datetime or date, `2026-03-02 14:05`,
    `02/03/2026`, `2 Maret 2026 14.05`; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    try:
        match = _NUMERIC.match(text)
        if match:
            a, b, c = int(match["a"]), int(match["b"]), int(match["c"])
            year, month, day = (a, b, c) if len(match["a"]) == 4 else (c, b, a)
            return dt.datetime(  # noqa: DTZ001 (local time, made aware by the caller)
                year, month, day, int(match["h"] or 0), int(match["m"] or 0), int(match["s"] or 0)
            )
        match = _WORDS.match(text)
        if match and match["month"] in MONTHS:
            return dt.datetime(  # noqa: DTZ001 (local time, made aware by the caller)
                int(match["y"]),
                MONTHS[match["month"]],
                int(match["d"]),
                int(match["h"] or 0),
                int(match["m"] or 0),
            )
    except ValueError:
        return None
    return None


_RESOLVED = {"selesai", "ditutup", "closed", "tuntas", "selesaiditindaklanjuti", "done"}
_REJECTED = {
    "ditolak",
    "tidakdapatditindaklanjuti",
    "arsip",
    "diarsipkan",
    "tidakvalid",
    "rejected",
}


def status_of(value: Any) -> str:
    """The portal's status as ours: resolved, rejected, or (anything else) received."""
    key = header_key(value)
    if key in _RESOLVED:
        return ComplaintStatus.RESOLVED
    if key in _REJECTED:
        return ComplaintStatus.REJECTED
    return ComplaintStatus.RECEIVED


def class_of(value: Any) -> str | None:
    """A class from its code, its label or its number of days; "" for an empty cell."""
    key = header_key(value)
    if not key:
        return ""
    for complaint_class in ComplaintClass:
        if key in {header_key(complaint_class.value), header_key(complaint_class.label)}:
            return complaint_class.value
    keywords = (
        ("ringan", ComplaintClass.LIGHT),
        ("lapangan", ComplaintClass.FIELD_CHECK),
        ("60", ComplaintClass.FIELD_CHECK),
        ("tanpa", ComplaintClass.NO_FIELD_CHECK),
        ("14", ComplaintClass.NO_FIELD_CHECK),
        ("informasi", ComplaintClass.INFORMATION),
        ("sederhana", ComplaintClass.INFORMATION),
        ("5", ComplaintClass.INFORMATION),
        ("2", ComplaintClass.LIGHT),
    )
    for word, complaint_class in keywords:
        if word in key:
            return complaint_class.value
    return None
