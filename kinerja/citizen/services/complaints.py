"""Complaints (pengaduan): registered from the public form, the desk or an SP4N-LAPOR! import;
classified, assigned, answered and resolved within the limits of Perpres 76/2013 and
PermenPANRB 62/2018 (first response in 3 days; resolution in 5, 14 or 60 days by class); the
complainant follows and rates them with the ticket code alone.

Every write here is audited and version-checked. The public (no account) and the system (demo
data, imports) call with `actor=None`; staff calls are permission-checked.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.models import Channel, Complaint, ComplaintStatus, Service
from kinerja.citizen.services.calendar import DeadlineCalendar, calendar_of
from kinerja.citizen.sources_hooks import data_changed
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.notifications import notify_employee
from kinerja.core.permissions import require
from kinerja.core.tenancy import all_agencies_scope
from kinerja.org.models import Employee, Unit

TICKET_PREFIX = "ADU-"
# No 0/O, 1/I/L: a code read out over the phone or copied from paper is not mistaken.
TICKET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TICKET_LENGTH = 8
OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS)

SUBJECT_MAX = 200
DESCRIPTION_MAX = 5000
TEXT_MAX = 5000
NAME_MAX = 120
COMMENT_MAX = 1000


def register_area() -> None:
    """The complaint area's audit codes and its daily escalation job (CitizenConfig.ready)."""
    from kinerja.citizen.services.complaint_escalation import register_reminders

    audit.register_actions(
        {
            "citizen.complaint.registered": gettext_lazy("Pengaduan dicatat"),
            "citizen.complaint.imported": gettext_lazy("Pengaduan diimpor dari SP4N-LAPOR!"),
            "citizen.complaint.classified": gettext_lazy("Klasifikasi pengaduan diubah"),
            "citizen.complaint.assigned": gettext_lazy("Pengaduan ditugaskan"),
            "citizen.complaint.responded": gettext_lazy("Pengaduan ditanggapi"),
            "citizen.complaint.resolved": gettext_lazy("Pengaduan diselesaikan"),
            "citizen.complaint.rejected": gettext_lazy("Pengaduan tidak dapat ditindaklanjuti"),
            "citizen.complaint.rated": gettext_lazy("Pelapor menilai penyelesaian"),
            "citizen.complaint.escalated": gettext_lazy("Pengaduan dieskalasi ke atasan"),
            "citizen.holiday.added": gettext_lazy("Hari libur ditambahkan"),
            "citizen.holiday.removed": gettext_lazy("Hari libur dihapus"),
            "citizen.settings.updated": gettext_lazy("Pengaturan batas waktu pengaduan diubah"),
        }
    )
    register_reminders()


def complaint_url(complaint: Complaint) -> str:
    return reverse("citizen:complaint-detail", kwargs={"pk": complaint.pk})


# --- Ticket codes ------------------------------------------------------------------------------


def new_ticket_code() -> str:
    """`ADU-` and 8 random characters (31⁸ ≈ 8,5 × 10¹¹ codes): unguessable, unique."""
    while True:
        code = TICKET_PREFIX + "".join(
            secrets.choice(TICKET_ALPHABET) for _index in range(TICKET_LENGTH)
        )
        # Codes are unique across agencies (the public lookup knows no agency).
        with all_agencies_scope():
            if not Complaint.objects.filter(ticket_code=code).exists():
                return code


def normalise_ticket(text: str) -> str:
    """What a citizen typed (`adu-k7m2 pq9x`, `K7M2PQ9X`) as a stored code, or ""."""
    code = "".join(text.split()).upper()
    if not code.startswith(TICKET_PREFIX):
        code = TICKET_PREFIX + code.removeprefix("ADU")
    body = code.removeprefix(TICKET_PREFIX)
    if len(body) != TICKET_LENGTH or any(char not in TICKET_ALPHABET for char in body):
        return ""
    return code


# --- Shared checks -----------------------------------------------------------------------------


def _text(value: str, field: str, *, required_message: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: required_message})
    if len(value) > limit:
        raise ValidationError(
            {field: _("Paling panjang %(max)s karakter.") % {"max": f"{limit:,}".replace(",", ".")}}
        )
    return value


def _optional(value: str, field: str, limit: int) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ValidationError({field: _("Paling panjang %(max)s karakter.") % {"max": limit}})
    return value


def _lock(complaint: Complaint, expected_version: int | None) -> Complaint:
    """The current row, locked for this transaction; refuses a stale edit."""
    locked = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("unit", "assigned_to")
        .get(pk=complaint.pk)
    )
    check_version(locked.version, expected_version)
    return locked


def _require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Pengaduan ini sudah %(status)s; tidak dapat diubah lagi.")
            % {"status": complaint.get_status_display().lower()}
        )


def save_version(complaint: Complaint, fields: list[str]) -> None:
    """Save `fields` and the next version (optimistic concurrency)."""
    complaint.version += 1
    complaint.save(update_fields=[*fields, "version", "updated_at"])


def _check_service(service: Service | None, unit: Unit) -> None:
    """A service of the unit's branch: of the unit, a unit below it, or a unit above it."""
    if service is None:
        return
    service_path = service.unit.path
    if service.agency_id != unit.agency_id or not (
        service_path.startswith(unit.path) or unit.path.startswith(service_path)
    ):
        raise ValidationError({"service": _("Layanan ini bukan layanan unit yang dipilih.")})


# --- Registering -------------------------------------------------------------------------------


def build_complaint(
    unit: Unit,
    *,
    calendar: DeadlineCalendar,
    channel: str,
    subject: str,
    description: str,
    complaint_class: str = ComplaintClass.INFORMATION,
    service: Service | None = None,
    complainant_name: str = "",
    complainant_contact: str = "",
    received_at: dt.datetime | None = None,
    external_id: str = "",
    category: str = "",
) -> Complaint:
    """A checked, unsaved complaint with its ticket and limits (for registering and imports)."""
    if not unit.is_active:
        raise ValidationError({"unit": _("Unit ini sudah tidak aktif.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Pilih saluran pengaduan.")})
    if complaint_class not in ComplaintClass.values:
        raise ValidationError({"complaint_class": _("Pilih klasifikasi pengaduan.")})
    _check_service(service, unit)
    now = timezone.now()
    received_at = received_at or now
    if received_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"received_at": _("Waktu diterima tidak boleh di masa depan.")})
    received_on = timezone.localdate(received_at)
    return Complaint(
        agency_id=unit.agency_id,
        ticket_code=new_ticket_code(),
        unit=unit,
        service=service,
        channel=channel,
        external_id=_optional(external_id, "external_id", 40),
        complainant_name=_optional(complainant_name, "complainant_name", NAME_MAX),
        complainant_contact=_optional(complainant_contact, "complainant_contact", NAME_MAX),
        subject=_text(
            subject,
            "subject",
            required_message=_("Tuliskan judul pengaduan."),
            limit=SUBJECT_MAX,
        ),
        description=_text(
            description,
            "description",
            required_message=_("Tuliskan isi pengaduan."),
            limit=DESCRIPTION_MAX,
        ),
        category=_optional(category, "category", 120),
        complaint_class=complaint_class,
        received_at=received_at,
        first_response_due=calendar.first_response_due(received_on),
        resolution_due=calendar.resolution_due(received_on, complaint_class),
    )


@transaction.atomic
def register_complaint(
    unit: Unit,
    *,
    actor: User | None,
    channel: str,
    subject: str,
    description: str,
    complaint_class: str = ComplaintClass.INFORMATION,
    service: Service | None = None,
    complainant_name: str = "",
    complainant_contact: str = "",
    received_at: dt.datetime | None = None,
    external_id: str = "",
    category: str = "",
) -> Complaint:
    """Register a complaint to `unit`: a ticket code, the 3-day first-response limit and the
    resolution limit of its class, counted as the agency counts days (SP4N-LAPOR!)."""
    if actor is not None:
        require(actor, "citizen.register_complaint", unit)
    received_on = timezone.localdate(received_at or timezone.now())
    complaint = build_complaint(
        unit,
        calendar=calendar_of(unit.agency_id, received_on),
        channel=channel,
        subject=subject,
        description=description,
        complaint_class=complaint_class,
        service=service,
        complainant_name=complainant_name,
        complainant_contact=complainant_contact,
        received_at=received_at,
        external_id=external_id,
        category=category,
    )
    if (
        complaint.external_id
        and Complaint.objects.filter(
            agency_id=unit.agency_id, external_id=complaint.external_id
        ).exists()
    ):
        raise ValidationError(
            {"external_id": _("Pengaduan SP4N-LAPOR! dengan nomor ini sudah ada.")}
        )
    complaint.save()
    audit.record(
        complaint,
        "citizen.complaint.registered",
        actor=actor,
        agency_id=complaint.agency_id,
        changes={
            "status": (None, complaint.status),
            "complaint_class": (None, complaint.complaint_class),
            "first_response_due": (None, complaint.first_response_due),
            "resolution_due": (None, complaint.resolution_due),
        },
        note=complaint.get_channel_display(),
    )
    return complaint


# --- Handling ----------------------------------------------------------------------------------


@transaction.atomic
def classify_complaint(
    complaint: Complaint,
    *,
    actor: User | None,
    expected_version: int | None,
    complaint_class: str,
    reason: str,
) -> Complaint:
    """Re-classify an open complaint; its resolution limit is recomputed from the day it was
    received (not from today), so re-classifying never buys time silently."""
    if actor is not None:
        require(actor, "citizen.classify_complaint", complaint)
    complaint = _lock(complaint, expected_version)
    _require_open(complaint)
    if complaint_class not in ComplaintClass.values:
        raise ValidationError({"complaint_class": _("Pilih klasifikasi pengaduan.")})
    reason = _text(
        reason,
        "reason",
        required_message=_("Tuliskan alasan perubahan klasifikasi."),
        limit=TEXT_MAX,
    )
    if complaint_class == complaint.complaint_class:
        raise ValidationError({"complaint_class": _("Klasifikasinya sudah ini.")})
    received_on = timezone.localdate(complaint.received_at)
    before = audit.snapshot(complaint, ["complaint_class", "resolution_due"])
    complaint.complaint_class = complaint_class
    complaint.resolution_due = calendar_of(complaint.agency_id, received_on).resolution_due(
        received_on, complaint_class
    )
    save_version(complaint, ["complaint_class", "resolution_due"])
    audit.record(
        complaint,
        "citizen.complaint.classified",
        actor=actor,
        agency_id=complaint.agency_id,
        changes=audit.diff(complaint, ["complaint_class", "resolution_due"], before),
        note=reason,
    )
    return complaint


def is_assignable(complaint: Complaint, employee: Employee) -> bool:
    """An active employee of the complaint's unit or a unit below it."""
    return (
        employee.is_active
        and employee.agency_id == complaint.agency_id
        and employee.unit.path.startswith(complaint.unit.path)
    )


@transaction.atomic
def assign_complaint(
    complaint: Complaint,
    *,
    actor: User | None,
    expected_version: int | None,
    assignee: Employee,
) -> Complaint:
    """Give an open complaint to an employee of its unit (or a unit below); they are told."""
    if actor is not None:
        require(actor, "citizen.assign_complaint", complaint)
    complaint = _lock(complaint, expected_version)
    _require_open(complaint)
    if not is_assignable(complaint, assignee):
        raise ValidationError(
            {"assignee": _("Pilih pegawai aktif dari unit %(unit)s.") % {"unit": complaint.unit}}
        )
    if complaint.assigned_to_id == assignee.pk:
        raise ValidationError({"assignee": _("Pengaduan ini sudah ditugaskan kepadanya.")})
    old = complaint.assigned_to
    complaint.assigned_to = assignee
    save_version(complaint, ["assigned_to"])
    audit.record(
        complaint,
        "citizen.complaint.assigned",
        actor=actor,
        agency_id=complaint.agency_id,
        changes={"assigned_to": (old, assignee)},
    )
    notify_employee(
        assignee,
        code="citizen.complaint.assigned",
        text=_(
            "Pengaduan %(ticket)s \u201c%(subject)s\u201d ditugaskan kepada Anda. Tanggapi "
            "paling lambat %(first)s, selesaikan paling lambat %(due)s."
        )
        % {
            "ticket": complaint.ticket_code,
            "subject": complaint.subject,
            "first": date_format(complaint.first_response_due, "DATE_FORMAT"),
            "due": date_format(complaint.resolution_due, "DATE_FORMAT"),
        },
        url=complaint_url(complaint),
        agency_id=complaint.agency_id,
        actor=actor,
    )
    return complaint


@transaction.atomic
def respond_to_complaint(
    complaint: Complaint,
    *,
    actor: User | None,
    expected_version: int | None,
    response: str,
) -> Complaint:
    """The first response: the complainant is told it was received and routed (3-day limit);
    the complaint is now in progress."""
    if actor is not None:
        require(actor, "citizen.respond_complaint", complaint)
    complaint = _lock(complaint, expected_version)
    _require_open(complaint)
    if complaint.first_responded_at is not None:
        raise ValidationError(_("Pengaduan ini sudah ditanggapi."))
    response = _text(
        response,
        "response",
        required_message=_("Tuliskan tanggapan untuk pelapor."),
        limit=TEXT_MAX,
    )
    before = audit.snapshot(complaint, ["status", "first_responded_at"])
    complaint.response = response
    complaint.first_responded_at = timezone.now()
    complaint.status = ComplaintStatus.IN_PROGRESS
    save_version(complaint, ["response", "first_responded_at", "status"])
    audit.record(
        complaint,
        "citizen.complaint.responded",
        actor=actor,
        agency_id=complaint.agency_id,
        changes=audit.diff(complaint, ["status", "first_responded_at"], before),
        note=response,
    )
    return complaint


@transaction.atomic
def resolve_complaint(
    complaint: Complaint,
    *,
    actor: User | None,
    expected_version: int | None,
    resolution: str,
    resolved_at: dt.datetime | None = None,
) -> Complaint:
    """Close an open complaint with the resolution notes; on time when resolved on or before
    its resolution limit. A complaint resolved without a first response counts the
    resolution as that response."""
    if actor is not None:
        require(actor, "citizen.resolve_complaint", complaint)
    complaint = _lock(complaint, expected_version)
    _require_open(complaint)
    resolution = _text(
        resolution,
        "resolution",
        required_message=_("Tuliskan penyelesaian pengaduan."),
        limit=TEXT_MAX,
    )
    now = resolved_at or timezone.now()
    if now < complaint.received_at:
        raise ValidationError(_("Waktu selesai tidak boleh sebelum pengaduan diterima."))
    fields = ["status", "resolved_at", "resolved_on_time", "first_responded_at"]
    before = audit.snapshot(complaint, fields)
    complaint.resolution = resolution
    complaint.resolved_at = now
    complaint.resolved_on_time = timezone.localdate(now) <= complaint.resolution_due
    complaint.first_responded_at = complaint.first_responded_at or now
    complaint.status = ComplaintStatus.RESOLVED
    save_version(complaint, ["resolution", *fields])
    data_changed(complaint.agency_id, unit_id=complaint.unit_id, day=timezone.localdate(now))
    audit.record(
        complaint,
        "citizen.complaint.resolved",
        actor=actor,
        agency_id=complaint.agency_id,
        changes=audit.diff(complaint, fields, before),
        note=resolution,
    )
    return complaint


@transaction.atomic
def reject_complaint(
    complaint: Complaint,
    *,
    actor: User | None,
    expected_version: int | None,
    reason: str,
) -> Complaint:
    """Close an open complaint that cannot be followed up (not the agency's matter, no
    substance), with the reason the complainant reads on the status page."""
    if actor is not None:
        require(actor, "citizen.reject_complaint", complaint)
    complaint = _lock(complaint, expected_version)
    _require_open(complaint)
    reason = _text(
        reason,
        "reason",
        required_message=_("Tuliskan alasan pengaduan tidak dapat ditindaklanjuti."),
        limit=TEXT_MAX,
    )
    fields = ["status", "first_responded_at"]
    before = audit.snapshot(complaint, fields)
    complaint.resolution = reason
    complaint.first_responded_at = complaint.first_responded_at or timezone.now()
    complaint.status = ComplaintStatus.REJECTED
    save_version(complaint, ["resolution", *fields])
    audit.record(
        complaint,
        "citizen.complaint.rejected",
        actor=actor,
        agency_id=complaint.agency_id,
        changes=audit.diff(complaint, fields, before),
        note=reason,
    )
    return complaint


def clean_rating(rating: Any) -> int:
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError({"rating": _("Pilih nilai 1 sampai 5.")})
    return value


@transaction.atomic
def rate_complaint(
    complaint: Complaint, *, actor: User | None = None, rating: Any, comment: str = ""
) -> Complaint:
    """The complainant rates the resolution (1–5, optional comment) with the ticket code:
    once, and only once the complaint is resolved."""
    complaint = _lock(complaint, None)
    if complaint.status != ComplaintStatus.RESOLVED:
        raise ValidationError(_("Penilaian dapat diberikan setelah pengaduan diselesaikan."))
    if complaint.rating is not None:
        raise ValidationError(_("Penyelesaian pengaduan ini sudah dinilai."))
    value = clean_rating(rating)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {"comment": _("Komentar paling panjang %(max)s karakter.") % {"max": COMMENT_MAX}}
        )
    complaint.rating = value
    complaint.rating_comment = comment
    complaint.rated_at = timezone.now()
    save_version(complaint, ["rating", "rating_comment", "rated_at"])
    audit.record(
        complaint,
        "citizen.complaint.rated",
        actor=actor,
        agency_id=complaint.agency_id,
        changes={"rating": (None, value)},
    )
    return complaint
