"""Reading a sheet of competency assessment results (XLSX or CSV): columns found by header
name, never position (`kinerja.core.sheets`), and what each cell means.

One row is one result: the employee's NIP, the competency code of the agency's dictionary,
the level (1–5), the assessment date, and an optional note. Checking rows against the
agency's employees and dictionary is the import service's work (`services.imports`).
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.utils.translation import gettext as _

from kinerja.core.sheets import Column, SheetError, Table, read_table, sheet_rows
from kinerja.org.nip import compact

__all__ = ["COLUMNS", "SheetError", "parse_date", "parse_level", "parse_nip", "read_results"]

MAX_ROWS = 20_000

COLUMNS: tuple[Column, ...] = (
    Column("nip", "NIP", ("NIP Pegawai", "NIP/NI PPPK", "NI PPPK", "Nomor Induk Pegawai"), True),
    Column(
        "code",
        "Kode Kompetensi",
        ("Kode", "Kode Komp", "Kompetensi", "ID Kompetensi"),
        required=True,
    ),
    Column("level", "Level", ("Level Kompetensi", "Level Saat Ini", "Nilai Level"), True),
    Column(
        "assessed_on",
        "Tanggal Asesmen",
        ("Tanggal", "Tgl Asesmen", "Tanggal Penilaian", "Tanggal Uji Kompetensi"),
        required=True,
    ),
    Column("note", "Catatan", ("Keterangan", "Rekomendasi", "Lembaga Asesmen")),
)

TEMPLATE_HEADERS = [column.header for column in COLUMNS]
TEMPLATE_EXAMPLE = ["198609262015051001", "M-03", 3, "2026-03-14", "Assessment center BKD"]


def read_results(upload: IO[bytes], *, size: int) -> Table:
    """The recognised columns and non-empty rows of an upload; SheetError when unreadable."""
    table = read_table(sheet_rows(upload, size=size), COLUMNS)
    if len(table.rows) > MAX_ROWS:
        raise SheetError(
            _("Berkas berisi %(rows)s baris; paling banyak %(limit)s baris sekali impor.")
            % {"rows": len(table.rows), "limit": MAX_ROWS}
        )
    return table


def parse_nip(value: Any) -> str:
    """The NIP as 18 digits; ValueError with a message for a number whose digits were lost."""
    if value is None:
        raise ValueError(_("NIP kosong."))
    if isinstance(value, float):
        raise ValueError(
            _(
                "NIP tertulis sebagai angka sehingga digit terakhirnya hilang; format kolom NIP "
                "sebagai teks."
            )
        )
    digits = compact(str(value))
    if not digits.isdigit() or len(digits) != 18:
        raise ValueError(_("NIP %(nip)s harus 18 angka.") % {"nip": value})
    return digits


def parse_level(value: Any) -> int:
    """A whole level 1–5 (`3`, `"3"`, `3.0`); ValueError with a message otherwise."""
    if value is None:
        raise ValueError(_("Level kosong."))
    text = str(value).strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(_("Level \u201c%(value)s\u201d bukan angka.") % {"value": value}) from None
    if not number.is_integer() or not 1 <= number <= 5:
        raise ValueError(
            _("Level %(value)s di luar rentang 1 sampai 5.") % {"value": str(value).strip()}
        )
    return int(number)


def parse_date(value: Any) -> dt.date:
    """An ISO date (as the reader gives Excel dates) or a typed `dd-mm-yyyy`/`dd/mm/yyyy`."""
    if value is None:
        raise ValueError(_("Tanggal asesmen kosong."))
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
    raise ValueError(
        _("Tanggal asesmen \u201c%(value)s\u201d tidak dikenali (tulis 31-01-2026).")
        % {"value": value}
    )
