"""Reading SP4N-LAPOR! exports (XLSX or CSV): columns found by header name, never position.

The national portal's exports differ between versions and agencies ("Nomor Laporan", "ID",
"Tracking ID"; "Isi Laporan" or "Uraian"), so each column has its synonyms and headers are
compared without case, spacing or punctuation. Unknown columns are ignored. Everything that
stops a file from being read raises `SheetError` with a message in Indonesian; problems of
single cells are left to the import's row checks. The reading is shared by every import
(`kinerja.core.sheets`); this module names the portal's columns and what its cells mean.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.models import ComplaintStatus
from kinerja.core.sheets import (
    Column,
    SheetError,
    header_key,
    read_table,
    sheet_rows,
    timed_cell_value,
)

MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024


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
    """Check the size and content of an upload and read its first sheet. A header naming a
    column already found is ignored (exports carry both "ID" and "Nomor Laporan")."""
    table = read_table(
        sheet_rows(upload, size=size, max_bytes=MAX_BYTES),
        COLUMNS,
        cell=timed_cell_value,
        refuse_duplicates=False,
        template_hint=False,
    )
    if len(table.rows) > MAX_ROWS:
        raise SheetError(
            _("Paling banyak %(max)s baris sekali impor; bagi berkasnya.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return Sheet(table.headers, list(table.records()), table.ignored)


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
