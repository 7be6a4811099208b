"""Reading paper SKM questionnaires typed into a spreadsheet: columns found by header name.

Agencies print the nine elements in different orders (many swap 8 "Penanganan Pengaduan" and
9 "Sarana dan Prasarana"), so a column is never taken by its position. A header names the
element ("Persyaratan", "Biaya/Tarif", "Sarana dan Prasarana", or its code "sarana").

Positional codes `U1`–`U9` ("Unsur 1" …) are accepted only together with the element's name
("U8 Sarana dan Prasarana", "U9 - Penanganan Pengaduan"): the name decides, the number is
ignored. A bare "U8" is refused with a message asking for the name, because on one form U8 is
the complaints element and on another the facilities — guessing would silently move answers
from one element to the other and change the IKM.

An answer cell holds 1–4, or one of the element's own four answer labels ("Sangat mudah");
an empty cell or "-" is a blank (the respondent did not answer that element).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _

from kinerja.citizen.ikm import ELEMENTS, QUESTIONS, Element
from kinerja.citizen.models import Education, Occupation, Sex
from kinerja.core.sheets import (
    HEADER_SEARCH_ROWS,
    NotASheetError,
    SheetError,
    data_rows,
    header_texts,
    xlsx_rows,
)

BLANKS = {"", "-", "–", "—", "tidak menjawab", "tidak diisi"}


def normalise(text: Any) -> str:
    """Lower case, punctuation to spaces, single spaces: "Biaya/Tarif" → "biaya tarif"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text or "").lower()).split())


_ELEMENT_ALIASES: dict[Element, tuple[str, ...]] = {
    Element.REQUIREMENTS: ("persyaratan pelayanan", "kesesuaian persyaratan"),
    Element.PROCEDURE: (
        "prosedur",
        "sistem mekanisme prosedur",
        "prosedur pelayanan",
        "kemudahan prosedur",
    ),
    Element.TIME: ("waktu", "kecepatan waktu", "waktu pelayanan", "kecepatan pelayanan"),
    Element.FEE: ("biaya", "tarif", "biaya dan tarif", "kewajaran biaya"),
    Element.PRODUCT: (
        "produk",
        "produk layanan",
        "produk pelayanan",
        "spesifikasi produk",
        "kesesuaian produk",
    ),
    Element.COMPETENCE: ("kompetensi", "kompetensi petugas", "kemampuan petugas"),
    Element.BEHAVIOUR: ("perilaku", "perilaku petugas", "kesopanan dan keramahan"),
    Element.COMPLAINTS: (
        "pengaduan",
        "penanganan pengaduan",
        "penanganan pengaduan saran masukan",
        "pengaduan saran dan masukan",
    ),
    Element.FACILITIES: ("sarana", "sarana prasarana", "kualitas sarana dan prasarana"),
}

# Columns other than the elements: field → header names.
PROFILE_HEADERS: dict[str, tuple[str, ...]] = {
    "submitted_on": ("tanggal", "tanggal pengisian", "tgl", "tanggal survei", "tgl pengisian"),
    "service": ("layanan", "jenis layanan", "kode layanan", "nama layanan"),
    "age": ("umur", "usia", "umur tahun"),
    "sex": ("jenis kelamin", "jk", "kelamin", "l p"),
    "education": ("pendidikan", "pendidikan terakhir"),
    "occupation": ("pekerjaan", "pekerjaan utama"),
    "comment": ("saran", "saran masukan", "saran dan masukan", "komentar", "masukan", "catatan"),
    "ticket_code": ("tiket", "nomor tiket", "no tiket", "kode tiket", "nomor antrean"),
}
REQUIRED_FIELDS = ("submitted_on", *(f"answer_{e.value}" for e in ELEMENTS))


@functools.cache
def _header_table() -> dict[str, str]:
    """Normalised header → field; element names in the regulation's (Indonesian) wording."""
    table: dict[str, str] = {}
    with translation.override("id"):
        for element in ELEMENTS:
            names = (element.value, str(element.label), *_ELEMENT_ALIASES[element])
            table.update({normalise(name): f"answer_{element.value}" for name in names})
    for name, headers in PROFILE_HEADERS.items():
        table.update({normalise(header): name for header in headers})
    return table


_POSITIONAL = re.compile(r"^(?:u|unsur)\s?(\d{1,2})(?:\s+(.*))?$")


@dataclass
class Columns:
    """Where each known field sits in the sheet, and the headers nobody recognised."""

    positions: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # field → header as written
    ignored: list[str] = field(default_factory=list)


def field_of_header(text: str) -> str | None:
    """The field a header names; None when unknown. Raises SheetError for a bare "U8"."""
    key = normalise(text)
    positional = _POSITIONAL.match(key)
    if positional is not None:
        rest = positional.group(2) or ""
        if not rest:
            raise SheetError(
                _(
                    'Kolom "%(header)s" hanya menyebut nomor unsur. Tulis juga nama unsurnya '
                    '(mis. "U8 Sarana dan Prasarana"): urutan unsur 8 dan 9 berbeda '
                    "antarformulir, jadi nomor saja tidak cukup."
                )
                % {"header": text}
            )
        key = rest
    return _header_table().get(key)


def map_columns(texts: Sequence[str]) -> Columns:
    """Map one header row; SheetError when a field appears twice or a required one is missing."""
    columns = Columns()
    for position, text in enumerate(texts):
        if not text:
            continue
        name = field_of_header(text)
        if name is None:
            columns.ignored.append(text)
            continue
        if name in columns.positions:
            raise SheetError(
                _('Kolom "%(first)s" dan "%(second)s" berisi hal yang sama; hapus salah satunya.')
                % {"first": columns.headers[name], "second": text}
            )
        columns.positions[name] = position
        columns.headers[name] = text
    missing = [name for name in REQUIRED_FIELDS if name not in columns.positions]
    if missing:
        raise SheetError(
            _("Kolom wajib tidak ditemukan: %(columns)s.")
            % {"columns": ", ".join(_field_label(name) for name in missing)}
        )
    return columns


def _field_label(name: str) -> str:
    if name.startswith("answer_"):
        return str(Element(name.removeprefix("answer_")).label)
    return {"submitted_on": _("Tanggal")}.get(name, name)


def _looks_like_header(texts: Sequence[str]) -> bool:
    """A row naming at least three known columns is the header row."""
    known = 0
    for text in texts:
        try:
            known += field_of_header(text) is not None
        except SheetError:
            known += 1
    return known >= 3


def read_sheet(upload: IO[bytes]) -> tuple[Columns, list[tuple[int, dict[str, Any]]]]:
    """The columns and the non-empty data rows `(sheet row number, {field: cell value})` of the
    first sheet of an XLSX upload."""
    try:
        rows = xlsx_rows(upload)
        columns = _find_header(rows)
        fields = list(columns.positions)
        data = [
            (row[0], dict(zip(fields, row[1:], strict=True)))
            for row in data_rows(rows, list(columns.positions.values()))
        ]
    except NotASheetError as error:
        raise SheetError(_("Berkas ini bukan berkas Excel (.xlsx).")) from error
    if not data:
        raise SheetError(_("Berkas hanya berisi judul kolom, tanpa baris jawaban."))
    return columns, data


def _find_header(rows: Iterator[tuple[int, list[Any]]]) -> Columns:
    for _index, (_number, cells) in zip(range(HEADER_SEARCH_ROWS), rows, strict=False):
        texts = header_texts(cells)
        if _looks_like_header(texts):
            return map_columns(texts)
    raise SheetError(
        _(
            "Baris judul kolom tidak ditemukan di 10 baris pertama. Unduh templat untuk melihat "
            "judul kolom yang dikenali."
        )
    )


# --- Cells -------------------------------------------------------------------------------


def parse_answer(element: Element, value: Any) -> int | None:
    """1–4, or one of the element's answer labels; blank → None. ValueError with a message."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 4:
            return int(value)
        raise ValueError(
            _("%(element)s: jawaban harus 1–4, bukan %(value)s.")
            % {"element": element.label, "value": value}
        )
    text = normalise(value)
    if text in BLANKS or not text:
        return None
    if text in {"1", "2", "3", "4"}:
        return int(text)
    labels = [normalise(label) for label in QUESTIONS[element][1]]
    if text in labels:
        return labels.index(text) + 1
    raise ValueError(
        _('%(element)s: jawaban "%(value)s" tidak dikenali (isi 1–4).')
        % {"element": element.label, "value": value}
    )


_SEX = {"l": Sex.MALE, "laki laki": Sex.MALE, "pria": Sex.MALE, "p": Sex.FEMALE}
_SEX |= {"perempuan": Sex.FEMALE, "wanita": Sex.FEMALE}
_EDUCATION = {
    "sd": Education.PRIMARY,
    "tidak sekolah": Education.PRIMARY,
    "smp": Education.JUNIOR,
    "sltp": Education.JUNIOR,
    "sma": Education.SENIOR,
    "slta": Education.SENIOR,
    "smk": Education.SENIOR,
    "ma": Education.SENIOR,
    "d1": Education.DIPLOMA,
    "d2": Education.DIPLOMA,
    "d3": Education.DIPLOMA,
    "d4": Education.DIPLOMA,
    "diploma": Education.DIPLOMA,
    "s1": Education.BACHELOR,
    "sarjana": Education.BACHELOR,
    "s2": Education.POSTGRADUATE,
    "s3": Education.POSTGRADUATE,
}
_OCCUPATION = {
    "pns": Occupation.CIVIL_SERVANT,
    "asn": Occupation.CIVIL_SERVANT,
    "tni": Occupation.CIVIL_SERVANT,
    "polri": Occupation.CIVIL_SERVANT,
    "swasta": Occupation.PRIVATE,
    "pegawai swasta": Occupation.PRIVATE,
    "karyawan swasta": Occupation.PRIVATE,
    "wirausaha": Occupation.SELF_EMPLOYED,
    "wiraswasta": Occupation.SELF_EMPLOYED,
    "pedagang": Occupation.SELF_EMPLOYED,
    "pelajar": Occupation.STUDENT,
    "mahasiswa": Occupation.STUDENT,
    "lainnya": Occupation.OTHER,
    "lain lain": Occupation.OTHER,
}


def _choice(value: Any, known: Mapping[str, str], choices: Any, label: str) -> str:
    """A profile choice from its code, its label or a common spelling; blank → ""."""
    text = normalise(value)
    if text in BLANKS:
        return ""
    with translation.override("id"):
        spellings = {
            **known,
            **{normalise(code): code for code, _name in choices},
            **{normalise(name): code for code, name in choices},
        }
    if text in spellings:
        return spellings[text]
    raise ValueError(_('%(label)s "%(value)s" tidak dikenali.') % {"label": label, "value": value})


def parse_sex(value: Any) -> str:
    return _choice(value, _SEX, Sex.choices, _("Jenis kelamin"))


def parse_education(value: Any) -> str:
    return _choice(value, _EDUCATION, Education.choices, _("Pendidikan"))


def parse_occupation(value: Any) -> str:
    return _choice(value, _OCCUPATION, Occupation.choices, _("Pekerjaan"))


def parse_age(value: Any) -> int | None:
    if value is None or normalise(value) in BLANKS:
        return None
    try:
        age = int(float(str(value).replace(",", ".")))
    except ValueError:
        raise ValueError(_('Umur "%(value)s" bukan angka.') % {"value": value}) from None
    return age


def parse_date(value: Any) -> dt.date:
    """An ISO date (as the reader gives Excel dates) or a typed `dd-mm-yyyy`/`dd/mm/yyyy`."""
    if value is None:
        raise ValueError(_("Tanggal pengisian kosong."))
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
    raise ValueError(_('Tanggal "%(value)s" tidak dikenali (tulis 31-01-2026).') % {"value": value})


def text_of(value: Any) -> str:
    return "" if value is None else str(value).strip()
