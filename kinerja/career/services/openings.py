"""Importing opening balances (PAK integrasi/konversi) from an XLSX or CSV sheet, all or nothing:
every row is checked first and the messages name the sheet row; only a clean sheet is booked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.career import credit
from kinerja.career.models import CreditEntry, EntryKind
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.core.sheets import Column, SheetError, read_table, sheet_rows
from kinerja.org.models import Employee, PositionKind

COLUMNS = (
    Column("nip", "NIP", ("NIP Baru", "NIP Pegawai"), required=True),
    Column("amount", "Angka Kredit", ("AK", "Jumlah Angka Kredit", "Saldo"), required=True),
    Column("effective_date", "Tanggal Berlaku", ("Tanggal", "TMT", "Tanggal PAK"), required=True),
    Column("note", "Keterangan", ("Nomor PAK", "Catatan")),
)
TEMPLATE_HEADERS = [column.header for column in COLUMNS]
MAX_ERRORS = 50


@dataclass(frozen=True)
class ImportResult:
    created: int
    total_amount: Decimal


def _date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007  (a plain date)
        except ValueError:
            continue
    return None


def _amount(value: Any) -> Decimal | None:
    text = str(value if value is not None else "").strip().replace(" ", "")
    if "," in text:  # Indonesian decimal comma: 1.234,56
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(credit.CENT):
        return None
    return amount


@transaction.atomic
def import_opening_balances(
    agency: Agency, *, actor: User | None, upload: IO[bytes], size: int, file_name: str
) -> ImportResult:
    """Book every row of the sheet as an opening balance, or none: a `ValidationError` lists the
    problems by sheet row."""
    if actor is not None:
        require(actor, "career.manage_credits", agency)
    try:
        table = read_table(sheet_rows(upload, size=size), COLUMNS)
    except SheetError as error:
        raise ValidationError(error.message) from error
    records = list(table.records())
    nips = {str(values.get("nip") or "").replace(" ", "") for _row, values in records}
    people = {
        e.nip: e
        for e in Employee.objects.filter(agency=agency, nip__in=nips).select_related("position")
    }
    errors: list[str] = []
    entries: list[CreditEntry] = []
    for row, values in records:
        nip = str(values.get("nip") or "").replace(" ", "")
        person = people.get(nip)
        amount = _amount(values.get("amount"))
        day = _date(values.get("effective_date"))
        problems = []
        if person is None:
            problems.append(_("NIP %(nip)s tidak ditemukan di instansi ini") % {"nip": nip or "-"})
        elif (
            person.position is None
            or person.position.kind != PositionKind.FUNGSIONAL
            or not credit.is_functional_level(person.position.level)
        ):
            problems.append(_("pegawai tidak menduduki jabatan fungsional berjenjang"))
        if amount is None:
            problems.append(_("angka kredit harus angka ≥ 0 dengan paling banyak dua desimal"))
        if day is None:
            problems.append(_("tanggal berlaku tidak dikenali (tulis 31/12/2024)"))
        if problems:
            errors.append(
                _("Baris %(row)s: %(problems)s.") % {"row": row, "problems": "; ".join(problems)}
            )
            continue
        if person is None or amount is None or day is None:  # each one was a problem above
            continue
        entries.append(
            CreditEntry(
                agency=agency,
                employee=person,
                kind=EntryKind.OPENING,
                label=_("Saldo awal angka kredit"),
                effective_date=day,
                level=person.position.level,  # type: ignore[union-attr]
                amount=amount,
                note=str(values.get("note") or "")[:255],
                created_by=actor,
            )
        )
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(_("… dan %(count)s baris lain.") % {"count": len(errors) - MAX_ERRORS})
        raise ValidationError(shown)
    CreditEntry.objects.bulk_create(entries, batch_size=1000)
    total = sum((entry.amount for entry in entries), Decimal(0))
    audit.record(
        agency,
        "career.credit.imported",
        actor=actor,
        agency_id=agency.pk,
        changes={"entri": (0, len(entries)), "jumlah": (0, total)},
        note=file_name,
    )
    return ImportResult(len(entries), total)
