"""Import of SP4N-LAPOR! exports: every row checked first (a preview with the errors of each
row, in Indonesian), then every complaint registered in one transaction — or none.

A row's unit comes from its unit column (name or code of a unit of the agency) or, when the
file has none or the cell is empty, from the unit chosen on upload. A report already imported
(same `Nomor Laporan`) or written twice in the file is a row error. Reports the portal shows as
finished come in resolved (their `Tanggal Selesai` is required: the on-time figure needs it) or
rejected; every other status comes in as received, to be handled here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.lapor_sheet import (
    SheetError,
    class_of,
    header_key,
    parse_moment,
    read_sheet,
    status_of,
)
from kinerja.citizen.models import Channel, Complaint, ComplaintImport, ComplaintStatus
from kinerja.citizen.services.calendar import calendar_of
from kinerja.citizen.services.complaints import build_complaint
from kinerja.citizen.sources_hooks import data_changed
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.org.models import ImportStatus, Unit

PREVIEW_ROWS = 100


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class _UnitIndex:
    """The agency's active units by normalised name and by code."""

    def __init__(self, agency: Agency) -> None:
        self.by_key: dict[str, Unit | None] = {}
        for unit in Unit.objects.filter(agency=agency, is_active=True).only(
            "pk", "name", "code", "path", "agency_id"
        ):
            for key in {header_key(unit.name), header_key(unit.code)} - {""}:
                # A name two units share (two "Seksi Pelayanan") cannot pick one: None.
                self.by_key[key] = None if key in self.by_key else unit

    def find(self, text: Any) -> tuple[Unit | None, bool]:
        """(the unit, whether the name was ambiguous)."""
        key = header_key(text)
        if key in self.by_key:
            unit = self.by_key[key]
            return unit, unit is None
        return None, False


def _check_row(
    record: dict[str, Any], *, units: _UnitIndex, default_unit: Unit | None, now: dt.datetime
) -> tuple[dict[str, Any] | None, list[str]]:
    """One row as the values to register, or its errors."""
    errors: list[str] = []
    external_id = str(record.get("external_id") or "").strip()
    if not external_id:
        errors.append(_("Nomor Laporan kosong."))
    elif len(external_id) > 40:
        errors.append(_("Nomor Laporan paling panjang 40 karakter."))
    description = str(record.get("description") or "").strip()
    if not description:
        errors.append(_("Isi Laporan kosong."))
    subject = str(record.get("subject") or "").strip() or description[:80]
    received = parse_moment(record.get("received"))
    if received is None:
        errors.append(_("Tanggal Laporan tidak dikenali (tulis 2026-03-02 atau 02/03/2026)."))
    elif _aware(received) > now:
        errors.append(_("Tanggal Laporan tidak boleh di masa depan."))
    unit = default_unit
    if record.get("unit"):
        found, ambiguous = units.find(record["unit"])
        if found is not None:
            unit = found
        elif ambiguous:
            errors.append(
                _("Nama unit \u201c%(unit)s\u201d dipakai lebih dari satu unit; tulis kodenya.")
                % {"unit": record["unit"]}
            )
        else:
            errors.append(
                _("Unit \u201c%(unit)s\u201d tidak ditemukan di instansi ini.")
                % {"unit": record["unit"]}
            )
    elif unit is None:
        errors.append(_("Unit tujuan kosong: isi kolom Unit atau pilih unit tujuan saat unggah."))
    complaint_class = class_of(record.get("complaint_class"))
    if complaint_class is None:
        errors.append(
            _(
                "Klasifikasi \u201c%(value)s\u201d tidak dikenali (ringan, informasi, tanpa "
                "pemeriksaan, pemeriksaan lapangan)."
            )
            % {"value": record.get("complaint_class")}
        )
    status = status_of(record.get("status"))
    resolved = parse_moment(record.get("resolved")) if record.get("resolved") else None
    if status == ComplaintStatus.RESOLVED:
        if resolved is None:
            errors.append(_("Laporan berstatus Selesai memerlukan Tanggal Selesai yang valid."))
        elif received is not None and resolved < received:
            errors.append(_("Tanggal Selesai tidak boleh sebelum Tanggal Laporan."))
    if errors:
        return None, errors
    assert received is not None
    assert unit is not None
    return {
        "external_id": external_id,
        "subject": subject[:200],
        "description": description,
        "received_at": _aware(received).isoformat(),
        "unit": unit.pk,
        "unit_name": unit.name,
        "complaint_class": complaint_class or ComplaintClass.INFORMATION,
        "category": str(record.get("category") or "")[:120],
        "status": status,
        "complainant_name": str(record.get("name") or "")[:120],
        "complainant_contact": str(record.get("contact") or "")[:120],
        "resolved_at": _aware(resolved).isoformat() if resolved is not None else None,
        "resolution": str(record.get("resolution") or "").strip(),
    }, []


def _duplicates(agency: Agency, external_ids: list[str]) -> dict[str, str]:
    """External ids already registered in the agency → the ticket that holds each."""
    return dict(
        Complaint.objects.filter(agency=agency, external_id__in=external_ids).values_list(
            "external_id", "ticket_code"
        )
    )


@transaction.atomic
def check_complaint_file(
    agency: Agency,
    *,
    actor: User | None,
    upload: IO[bytes],
    size: int,
    file_name: str,
    unit: Unit | None = None,
) -> ComplaintImport:
    """Read and check an export; the stored import is ready when no row has an error."""
    if actor is not None:
        require(actor, "citizen.import_complaints", agency)
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError({"unit": _("Unit ini bukan unit instansi Anda.")})
    try:
        sheet = read_sheet(upload, size=size)
    except SheetError as error:
        raise ValidationError({"file": error.message}) from error
    units = _UnitIndex(agency)
    now = timezone.now()
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    checked: list[tuple[int, dict[str, Any]]] = []
    for number, record in sheet.rows:
        values, row_errors = _check_row(record, units=units, default_unit=unit, now=now)
        errors += [{"row": number, "message": message} for message in row_errors]
        if values is not None:
            checked.append((number, values))
    counts = Counter(values["external_id"] for _number, values in checked)
    existing = _duplicates(agency, list(counts))
    for number, values in checked:
        external_id = values["external_id"]
        if external_id in existing:
            errors.append(
                {
                    "row": number,
                    "message": _("Nomor Laporan %(id)s sudah pernah diimpor (tiket %(ticket)s).")
                    % {"id": external_id, "ticket": existing[external_id]},
                }
            )
        elif counts[external_id] > 1:
            errors.append(
                {
                    "row": number,
                    "message": _("Nomor Laporan %(id)s tertulis lebih dari sekali di berkas.")
                    % {"id": external_id},
                }
            )
        else:
            rows.append({"row": number, **values})
    errors.sort(key=lambda error: error["row"])
    return ComplaintImport.objects.create(
        agency=agency,
        status=ImportStatus.INVALID if errors else ImportStatus.READY,
        file_name=file_name[:255],
        unit=unit,
        rows=rows,
        errors=errors,
        total_rows=len(sheet.rows),
        created_by=actor,
    )


@transaction.atomic
def commit_complaint_import(job: ComplaintImport, *, actor: User | None) -> int:
    """Register every checked complaint of a ready import, all in one transaction; returns
    how many. Reports imported by someone else since the check refuse the whole import."""
    if actor is not None:
        require(actor, "citizen.import_complaints", job)
    job = ComplaintImport.objects.select_for_update(of=("self",)).get(pk=job.pk)
    if job.status != ImportStatus.READY:
        raise ValidationError(
            _("Impor ini tidak siap dijalankan (ada kesalahan atau sudah selesai).")
        )
    existing = _duplicates(job.agency, [row["external_id"] for row in job.rows])
    if existing:
        raise ValidationError(
            _("Nomor Laporan berikut sudah diimpor sejak berkas diperiksa: %(ids)s. Unggah ulang.")
            % {"ids": ", ".join(sorted(existing))}
        )
    received = [dt.datetime.fromisoformat(row["received_at"]) for row in job.rows]
    start = timezone.localdate(min(received))
    calendar = calendar_of(job.agency_id, start, timezone.localdate(max(received)))
    units = Unit.objects.in_bulk([row["unit"] for row in job.rows])
    for row, received_at in zip(job.rows, received, strict=True):
        complaint = build_complaint(
            units[row["unit"]],
            calendar=calendar,
            channel=Channel.LAPOR,
            subject=row["subject"],
            description=row["description"],
            complaint_class=row["complaint_class"],
            complainant_name=row["complainant_name"],
            complainant_contact=row["complainant_contact"],
            received_at=received_at,
            external_id=row["external_id"],
            category=row["category"],
        )
        _apply_portal_status(complaint, row)
        complaint.save()
        audit.record(
            complaint,
            "citizen.complaint.imported",
            actor=actor,
            agency_id=complaint.agency_id,
            changes={
                "status": (None, complaint.status),
                "resolution_due": (None, complaint.resolution_due),
            },
            note=_("%(file)s, baris %(row)s, Nomor Laporan %(id)s")
            % {"file": job.file_name, "row": row["row"], "id": row["external_id"]},
        )
    # Resolved reports change the on-time share of their units, over many days: recompute
    # every sub-period of the indicators fed by those units.
    for unit_id in {row["unit"] for row in job.rows if row["status"] == ComplaintStatus.RESOLVED}:
        data_changed(job.agency_id, unit_id=unit_id)
    job.status = ImportStatus.DONE
    job.created_rows = len(job.rows)
    job.rows = []  # the complaints hold them now; no second copy of complainants' details
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "created_rows", "rows", "finished_at"])
    return job.created_rows


def _apply_portal_status(complaint: Complaint, row: dict[str, Any]) -> None:
    """A report the portal closed arrives closed: resolved (on time or not) or rejected."""
    if row["status"] == ComplaintStatus.RESOLVED:
        resolved_at = dt.datetime.fromisoformat(row["resolved_at"])
        complaint.status = ComplaintStatus.RESOLVED
        complaint.resolved_at = resolved_at
        complaint.first_responded_at = resolved_at
        complaint.resolved_on_time = timezone.localdate(resolved_at) <= complaint.resolution_due
        complaint.resolution = row["resolution"] or _("Diselesaikan melalui SP4N-LAPOR!.")
    elif row["status"] == ComplaintStatus.REJECTED:
        complaint.status = ComplaintStatus.REJECTED
        complaint.resolution = row["resolution"] or _(
            "Tidak dapat ditindaklanjuti (status di SP4N-LAPOR!)."
        )
