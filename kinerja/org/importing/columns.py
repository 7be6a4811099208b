"""The columns each kind of import understands: Indonesian headers and their synonyms.

Headers are matched whatever their column order, case, spacing or punctuation (`NIP`,
`nip.`, `N I P` and `NIP/NI PPPK` all name the NIP column). Unknown headers are ignored, so a
full SIASN export can be uploaded as it is.
"""

from __future__ import annotations

from kinerja.core.sheets import Column
from kinerja.org.models import ImportKind

__all__ = ["COLUMNS", "Column", "header_for", "required_headers", "template_headers"]


COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.UNITS: (
        Column(
            "name",
            "Nama Unit",
            ("Nama Unit Kerja", "Unit Kerja", "Nama Unor", "Nama"),
            required=True,
        ),
        Column("kind", "Jenis", ("Jenis Unit", "Jenis Unit Kerja"), required=True),
        Column("code", "Kode", ("Kode Unit", "Kode Unit Kerja", "Kode Unor", "ID Unor")),
        Column("parent", "Unit Induk", ("Induk", "Unit Atasan", "Unor Induk", "Kode Induk")),
        Column("address", "Alamat", ("Alamat Unit", "Alamat Kantor")),
    ),
    ImportKind.POSITIONS: (
        Column("name", "Nama Jabatan", ("Jabatan",), required=True),
        Column("kind", "Jenis Jabatan", ("Jenis",), required=True),
        Column("level", "Jenjang", ("Jenjang Jabatan",)),
        Column("grade", "Kelas Jabatan", ("Kelas", "Kelas Jab")),
        Column("unit", "Unit Kerja", ("Unit", "Unor", "Nama Unor", "Kode Unit"), required=True),
        Column("superior", "Jabatan Atasan", ("Atasan", "Jabatan Atasan Langsung")),
    ),
    ImportKind.EMPLOYEES: (
        Column(
            "nip", "NIP", ("NIP/NI PPPK", "NI PPPK", "NIP Baru", "NIP PNS", "NIPPPK"), required=True
        ),
        Column("name", "Nama", ("Nama Lengkap", "Nama Pegawai", "Nama Tanpa Gelar"), required=True),
        Column("front_title", "Gelar Depan", ("Gelar Dpn",)),
        Column("back_title", "Gelar Belakang", ("Gelar Blkg", "Gelar Blk")),
        Column("birth_place", "Tempat Lahir", ("Tmp Lahir", "Tempat Lhr")),
        Column("birth_date", "Tanggal Lahir", ("Tgl Lahir", "Tgl Lhr", "Tanggal Lhr")),
        Column("sex", "Jenis Kelamin", ("JK", "L/P", "Kelamin")),
        Column("employee_type", "Jenis Pegawai", ("Jenis ASN", "Status ASN", "Jenis Kepegawaian")),
        Column(
            "rank",
            "Golongan",
            (
                "Gol",
                "Golongan/Ruang",
                "Gol/Ruang",
                "Gol Ruang",
                "Pangkat/Golongan",
                "Golongan Ruang",
            ),
        ),
        Column("rank_since", "TMT Golongan", ("TMT Gol", "TMT Pangkat", "TMT Golongan/Ruang")),
        Column("position", "Jabatan", ("Nama Jabatan",)),
        Column("position_since", "TMT Jabatan", ("TMT Jab",)),
        Column(
            "unit",
            "Unit Kerja",
            ("Unit", "Unor", "Nama Unor", "Unit Organisasi", "Kode Unit"),
            required=True,
        ),
        Column("supervisor", "NIP Atasan", ("NIP Atasan Langsung",)),
        Column("education", "Pendidikan", ("Pendidikan Terakhir", "Tingkat Pendidikan")),
        Column("email", "Email", ("E-mail", "Surel", "Alamat Email")),
        Column(
            "phone", "Telepon", ("No HP", "Nomor HP", "HP", "Telp", "No Telepon", "Nomor Telepon")
        ),
    ),
}


def required_headers(kind: str) -> list[str]:
    return [column.header for column in COLUMNS[kind] if column.required]


def template_headers(kind: str) -> list[str]:
    """The headers of the downloadable template, in the template's column order."""
    return [column.header for column in COLUMNS[kind]]


def header_for(kind: str, field: str) -> str:
    return next(column.header for column in COLUMNS[kind] if column.field == field)
