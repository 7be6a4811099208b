"""Import of assessment results (hasil asesmen kompetensi) from XLSX or CSV: every row checked
first — unknown NIP, an employee of another agency, an unknown code, a level out of 1–5, a
date in the future, duplicate rows — with a message per row (the preview); then every level
written in one transaction with its audit entry, or none.

A result older than the level already recorded for that employee and competency is refused
too: importing last year's file must not overwrite this year's assessment.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.competency.assessment_sheet import (
    SheetError,
    parse_date,
    parse_level,
    parse_nip,
    read_results,
)
from kinerja.competency.models import (
    AssessmentImport,
    Competency,
    EmployeeCompetency,
    LevelSource,
)
from kinerja.competency.services.levels import write_level
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.models import Employee, ImportStatus

MAX_STORED_ERRORS = 500


def _employees(agency: Agency, nips: set[str]) -> tuple[dict[str, Employee], set[str]]:
    """The agency's employees by NIP, and the NIPs that belong to another agency."""
    own = {e.nip: e for e in Employee.objects.filter(agency=agency, nip__in=nips)}
    with all_agencies_scope():
        elsewhere = set(
            Employee.objects.filter(nip__in=nips - set(own))
            .exclude(agency=agency)
            .values_list("nip", flat=True)
        )
    return own, elsewhere


def _check_cells(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []
    parsed: dict[str, Any] = {}
    for field, parse in (("nip", parse_nip), ("level", parse_level), ("date", parse_date)):
        source = "assessed_on" if field == "date" else field
        try:
            parsed[field] = parse(record.get(source))
        except ValueError as error:
            errors.append(str(error))
    code = str(record.get("code") or "").strip().upper()
    if not code:
        errors.append(_("Kode kompetensi kosong."))
    parsed["code"] = code
    note = str(record.get("note") or "").strip()
    if len(note) > 255:
        errors.append(_("Catatan paling panjang 255 karakter."))
    parsed["note"] = note
    return parsed, errors


@transaction.atomic
def check_assessment_file(
    agency: Agency, *, actor: User | None, upload: IO[bytes], size: int, file_name: str
) -> AssessmentImport:
    """Read and check a file of results; the stored import is ready when no row has an error."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", agency)
    try:
        table = read_results(upload, size=size)
    except SheetError as error:
        raise ValidationError({"file": error.message}) from error
    records = list(table.records())
    parsed_rows: list[tuple[int, dict[str, Any], list[str]]] = []
    for number, record in records:
        parsed, cell_errors = _check_cells(record)
        parsed_rows.append((number, parsed, cell_errors))
    nips = {parsed["nip"] for _n, parsed, _e in parsed_rows if "nip" in parsed}
    employees, elsewhere = _employees(agency, nips)
    competencies = {c.code.upper(): c for c in Competency.objects.filter(agency=agency)}
    current = {
        (row.employee_id, row.competency_id): row
        for row in EmployeeCompetency.objects.filter(employee__in=list(employees.values())).only(
            "employee_id", "competency_id", "level", "assessed_on"
        )
    }
    pairs = Counter(
        (parsed.get("nip"), parsed["code"]) for _n, parsed, _e in parsed_rows if parsed.get("nip")
    )
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for number, parsed, row_errors in parsed_rows:
        nip, code = parsed.get("nip"), parsed["code"]
        employee = employees.get(nip) if nip else None
        if nip and employee is None:
            row_errors.append(
                _("NIP %(nip)s milik pegawai instansi lain.") % {"nip": nip}
                if nip in elsewhere
                else _("NIP %(nip)s tidak ditemukan.") % {"nip": nip}
            )
        elif employee is not None and not employee.is_active:
            row_errors.append(_("Pegawai %(name)s sudah nonaktif.") % {"name": employee.name})
        competency = competencies.get(code) if code else None
        if code and competency is None:
            row_errors.append(
                _("Kode kompetensi %(code)s tidak ada di kamus instansi.") % {"code": code}
            )
        elif competency is not None and not competency.is_active:
            row_errors.append(_("Kompetensi %(code)s sudah nonaktif.") % {"code": competency.code})
        assessed_on: dt.date | None = parsed.get("date")
        if assessed_on is not None and assessed_on > today:
            row_errors.append(_("Tanggal asesmen tidak boleh di masa depan."))
        if nip and code and pairs[(nip, code)] > 1:
            row_errors.append(
                _("NIP %(nip)s dengan kompetensi %(code)s tertulis lebih dari sekali di berkas.")
                % {"nip": nip, "code": code}
            )
        if not row_errors and employee is not None and competency is not None:
            recorded = current.get((employee.pk, competency.pk))
            if (
                recorded is not None
                and assessed_on is not None
                and recorded.assessed_on > assessed_on
            ):
                row_errors.append(
                    _(
                        "Sudah ada penilaian %(code)s yang lebih baru untuk pegawai ini "
                        "(%(date)s, level %(level)s)."
                    )
                    % {
                        "code": competency.code,
                        "date": recorded.assessed_on.strftime("%d-%m-%Y"),
                        "level": recorded.level,
                    }
                )
        if row_errors:
            errors += [{"row": number, "message": message} for message in row_errors]
            continue
        assert employee is not None
        assert competency is not None
        assert assessed_on is not None
        recorded = current.get((employee.pk, competency.pk))
        rows.append(
            {
                "row": number,
                "employee": employee.pk,
                "nip": employee.nip,
                "name": employee.name,
                "competency": competency.pk,
                "code": competency.code,
                "competency_name": competency.name,
                "level": parsed["level"],
                "previous": recorded.level if recorded is not None else None,
                "assessed_on": assessed_on.isoformat(),
                "note": parsed["note"],
            }
        )
    return AssessmentImport.objects.create(
        agency=agency,
        status=ImportStatus.INVALID if errors else ImportStatus.READY,
        file_name=file_name[:255],
        rows=[] if errors else rows,
        errors=errors[:MAX_STORED_ERRORS],
        total_rows=len(records),
        created_by=actor,
    )


@transaction.atomic
def commit_assessment_import(job: AssessmentImport, *, actor: User | None) -> AssessmentImport:
    """Write every level of a ready import in one transaction, each audited old → new."""
    if actor is not None:
        require(actor, "competency.manage_dictionary", job)
    job = AssessmentImport.objects.select_for_update(of=("self",)).get(pk=job.pk)
    if job.status != ImportStatus.READY:
        raise ValidationError(
            _("Impor ini tidak siap dijalankan (ada kesalahan atau sudah selesai).")
        )
    employees = Employee.objects.in_bulk([row["employee"] for row in job.rows])
    competencies = Competency.objects.in_bulk([row["competency"] for row in job.rows])
    current = {
        (row.employee_id, row.competency_id): row
        for row in EmployeeCompetency.objects.select_for_update(of=("self",)).filter(
            employee_id__in=list(employees)
        )
    }
    created = updated = 0
    for row in job.rows:
        employee = employees.get(row["employee"])
        competency = competencies.get(row["competency"])
        if employee is None or competency is None or not competency.is_active:
            raise ValidationError(
                _("Data pegawai atau kamus berubah sejak berkas diperiksa. Unggah ulang berkas.")
            )
        existing = current.get((employee.pk, competency.pk))
        _saved, changed = write_level(
            employee,
            competency,
            actor=actor,
            current=existing,
            level=row["level"],
            source=LevelSource.ASSESSMENT,
            assessed_on=dt.date.fromisoformat(row["assessed_on"]),
            note=row["note"],
            audit_note=_("%(file)s, baris %(row)s: %(name)s (NIP %(nip)s) · %(code)s")
            % {
                "file": job.file_name,
                "row": row["row"],
                "name": employee.name,
                "nip": employee.nip,
                "code": competency.code,
            },
        )
        if existing is None:
            created += 1
        elif changed:
            updated += 1
    job.status = ImportStatus.DONE
    job.created_rows, job.updated_rows = created, updated
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "created_rows", "updated_rows", "finished_at"])
    audit.record(
        job,
        "competency.import.committed",
        actor=actor,
        agency_id=job.agency_id,
        changes={"created": (0, created), "updated": (0, updated)},
        note=job.file_name,
    )
    return job
