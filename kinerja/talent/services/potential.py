"""Potential scores (the potential axis of the 9-box, PermenPANRB 3/2020): entered one by one
by the agency admin, or imported from a sheet (NIP, skor, tanggal asesmen, penyelenggara)
all-or-nothing: every row is checked first, and one bad row stops the whole file with a
message per row. Placements change at the next recompute."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.core.sheets import Column, SheetError, read_table, sheet_rows
from kinerja.org.importing.cells import CellError, as_text, date
from kinerja.org.models import Employee
from kinerja.talent.models import PotentialAssessment
from kinerja.talent.services.settings import settings_of

MAX_ROWS = 60_000
ASSESSOR_MAX = 150

COLUMNS: tuple[Column, ...] = (
    Column("nip", "NIP", ("NIP Pegawai", "NI PPPK", "NIP/NI PPPK", "Nomor Induk"), required=True),
    Column(
        "score",
        "Skor",
        ("Skor Potensial", "Nilai", "Nilai Potensial", "Skor Asesmen", "Nilai Asesmen"),
        required=True,
    ),
    Column(
        "assessed_on",
        "Tanggal Asesmen",
        ("Tanggal", "Tgl Asesmen", "Tanggal Tes", "Tanggal Uji"),
        required=True,
    ),
    Column("assessor", "Penyelenggara", ("Penyelenggara Asesmen", "Lembaga", "Asesor")),
)
TEMPLATE_EXAMPLE = ["198609262015051001", "78,5", "15-03-2026", "UPT Penilaian Kompetensi BKD"]


def _check_score(score: Decimal) -> Decimal:
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": _("Skor potensial antara 0 dan 100.")})
    return score.quantize(Decimal("0.01"))


def _check_date(assessed_on: dt.date) -> dt.date:
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("Tanggal asesmen tidak boleh di masa depan.")})
    return assessed_on


@transaction.atomic
def record_potential(
    employee: Employee,
    *,
    actor: User,
    score: Decimal,
    assessed_on: dt.date,
    assessor: str = "",
) -> PotentialAssessment:
    """Record one assessment's potential score for an employee (agency admin)."""
    require(actor, "talent.manage", employee)
    created = PotentialAssessment.objects.create(
        agency_id=employee.agency_id,
        employee=employee,
        score=_check_score(score),
        assessed_on=_check_date(assessed_on),
        assessor=assessor.strip(),
        recorded_by=actor,
    )
    audit.record(
        created,
        "talent.potential.recorded",
        actor=actor,
        agency_id=employee.agency_id,
        changes={"score": (None, created.score), "assessed_on": (None, assessed_on)},
    )
    return created


@transaction.atomic
def delete_potential(assessment: PotentialAssessment, *, actor: User) -> None:
    """Delete a score entered by mistake (agency admin); the audit entry keeps what it was."""
    require(actor, "talent.manage", assessment)
    audit.record(
        assessment,
        "talent.potential.deleted",
        actor=actor,
        agency_id=assessment.agency_id,
        changes={"score": (assessment.score, None), "assessed_on": (assessment.assessed_on, None)},
    )
    assessment.delete()


@dataclass
class ImportResult:
    """The outcome: rows created, or the per-row messages (nothing is saved when any)."""

    created: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


def _score(value: Any) -> Decimal:
    raw = as_text(value).strip().replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        score = Decimal(raw)
    except InvalidOperation as error:
        raise CellError(_('Skor "%(value)s" bukan angka.') % {"value": as_text(value)}) from error
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise CellError(_("Skor potensial antara 0 dan 100."))
    return score.quantize(Decimal("0.01"))


@transaction.atomic
def import_potentials(agency: Agency, *, actor: User, upload: IO[bytes], size: int) -> ImportResult:
    """Check every row, then create every assessment, or none (agency admin)."""
    require(actor, "talent.manage", agency)
    try:
        table = read_table(sheet_rows(upload, size=size), COLUMNS)
    except SheetError as error:
        return ImportResult(file_error=error.message)
    if len(table.rows) > MAX_ROWS:
        return ImportResult(
            file_error=_("Paling banyak %(max)s baris sekali impor; bagi berkasnya.")
            % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    employees = dict(
        Employee.objects.filter(agency=agency, is_active=True).values_list("nip", "pk")
    )
    today = timezone.localdate()
    result = ImportResult()
    rows: list[PotentialAssessment] = []
    seen: dict[tuple[int, dt.date], int] = {}
    for number, record in table.records():
        problems: list[str] = []
        nip = "".join(as_text(record.get("nip")).split())
        employee_id = employees.get(nip)
        if not nip:
            problems.append(_("NIP kosong."))
        elif employee_id is None:
            problems.append(_("NIP %(nip)s bukan pegawai aktif instansi ini.") % {"nip": nip})
        score: Decimal | None = None
        try:
            score = _score(record.get("score"))
        except CellError as error:
            problems.append(str(error))
        assessed_on: dt.date | None = None
        try:
            assessed_on = date(record.get("assessed_on"))
            if assessed_on > today:
                problems.append(_("Tanggal asesmen tidak boleh di masa depan."))
        except CellError as error:
            problems.append(str(error))
        assessor = as_text(record.get("assessor")).strip()
        if len(assessor) > ASSESSOR_MAX:
            problems.append(
                _("Penyelenggara terlalu panjang (maksimal %(max)s karakter).")
                % {"max": ASSESSOR_MAX}
            )
        if employee_id is not None and assessed_on is not None:
            earlier = seen.setdefault((employee_id, assessed_on), number)
            if earlier != number:
                problems.append(
                    _("NIP dan tanggal asesmen yang sama sudah ada di baris %(row)s.")
                    % {"row": earlier}
                )
        if problems or employee_id is None or score is None or assessed_on is None:
            result.errors.append((number, " ".join(problems)))
            continue
        rows.append(
            PotentialAssessment(
                agency_id=agency.pk,
                employee_id=employee_id,
                score=score,
                assessed_on=assessed_on,
                assessor=assessor,
                recorded_by=actor,
            )
        )
    if result.errors:
        return result
    PotentialAssessment.objects.bulk_create(rows, batch_size=5_000)
    result.created = len(rows)
    audit.record(
        settings_of(agency),
        "talent.potential.imported",
        actor=actor,
        agency_id=agency.pk,
        note=_("%(count)s skor potensial diimpor.") % {"count": len(rows)},
    )
    return result
