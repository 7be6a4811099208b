"""Reading an export (CSV or XLSX) into a `Table` of the request columns it holds.

Columns are found by header, whatever their order, case, spacing or punctuation, in
Indonesian or English; unknown columns are ignored. The content decides the format, not the
file name (the reading is shared by every import: `kinerja.core.sheets`). A date-time cell
keeps its time, to the second.
"""

from __future__ import annotations

from typing import IO

from kinerja.core.sheets import Column, Table, read_table, sheet_rows, timed_cell_value

__all__ = ["COLUMNS", "HEADERS", "Table", "read_request_file", "template_headers"]

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
HEADERS = {column.field: column.header for column in COLUMNS}


def template_headers() -> list[str]:
    return [column.header for column in COLUMNS]


def read_request_file(upload: IO[bytes], *, size: int) -> Table:
    """Check the size and kind of an upload and read its first sheet into a Table."""
    return read_table(sheet_rows(upload, size=size), COLUMNS, cell=timed_cell_value)
