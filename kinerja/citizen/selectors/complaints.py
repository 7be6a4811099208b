"""Reads of complaints: scoped to what the viewer may see (404 beyond), the list's filters and
summary in SQL, the timeline from the audit trail, and the public lookup by ticket code that
carries no personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinerja.citizen.metrics import ComplaintTimeliness, complaint_timeliness
from kinerja.citizen.models import Complaint, ComplaintImport, ComplaintStatus, Holiday, Service
from kinerja.citizen.permissions.complaints import complaint_scope
from kinerja.citizen.services.complaint_escalation import overdue_query
from kinerja.citizen.services.complaints import OPEN_STATUSES, normalise_ticket
from kinerja.core.models import Agency, AuditEntry, Role, User
from kinerja.core.permissions import actor_of
from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.org.models import Employee, Unit

# Open complaints whose limit falls within this many days are "due soon".
DUE_SOON_DAYS = 2
OPEN = "terbuka"  # the status filter for received + in progress


def due_soon_query(today: dt.date) -> Q:
    """Open, not overdue, and a limit within DUE_SOON_DAYS days."""
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    return (
        Q(status__in=OPEN_STATUSES)
        & ~overdue_query(today)
        & (
            Q(resolution_due__lte=horizon)
            | Q(first_responded_at__isnull=True, first_response_due__lte=horizon)
        )
    )


@dataclass(frozen=True)
class ComplaintFilters:
    q: str = ""
    status: str = ""  # a ComplaintStatus value, or OPEN
    unit: Unit | None = None
    complaint_class: str = ""
    channel: str = ""
    overdue: bool = False
    mine: bool = False
    received_from: dt.date | None = None
    received_to: dt.date | None = None


def complaints_visible_to(
    user: User, filters: ComplaintFilters | None = None, *, today: dt.date | None = None
) -> QuerySet[Complaint]:
    """Complaints the user may see, newest first, with unit, service and people joined and
    `is_overdue`/`is_due_soon` computed in SQL."""
    filters = filters or ComplaintFilters()
    today = today or timezone.localdate()
    actor = actor_of(user)
    complaints = Complaint.objects.filter(complaint_scope(actor)).select_related(
        "unit", "service", "assigned_to", "escalated_to"
    )
    if filters.mine:
        own = actor.employee_id
        complaints = complaints.filter(
            Q(assigned_to_id=own) | Q(escalated_to_id=own) if own else Q(pk__in=[])
        )
    if filters.status == OPEN:
        complaints = complaints.filter(status__in=OPEN_STATUSES)
    elif filters.status:
        complaints = complaints.filter(status=filters.status)
    if filters.unit is not None:
        complaints = complaints.filter(unit__path__startswith=filters.unit.path)
    if filters.complaint_class:
        complaints = complaints.filter(complaint_class=filters.complaint_class)
    if filters.channel:
        complaints = complaints.filter(channel=filters.channel)
    if filters.overdue:
        complaints = complaints.filter(overdue_query(today))
    if filters.received_from:
        complaints = complaints.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        complaints = complaints.filter(received_at__date__lte=filters.received_to)
    term = filters.q.strip()
    if term:
        ticket = normalise_ticket(term)
        if ticket:  # a ticket code is unique: no need to search the subjects
            complaints = complaints.filter(Q(ticket_code=ticket) | Q(external_id=term))
        else:
            complaints = complaints.filter(Q(subject__icontains=term) | Q(external_id=term))
    return _with_deadline_state(complaints, today).order_by("-received_at", "-id")


@dataclass(frozen=True)
class ComplaintSummary:
    open: int
    overdue: int
    due_soon: int
    timeliness: ComplaintTimeliness


def complaint_summary(complaints: QuerySet[Complaint], *, today: dt.date) -> ComplaintSummary:
    """Of a (filtered) list: the open, overdue and due-soon counts in one aggregate over the
    open complaints only (the status index), and the on-time share of those resolved."""
    row = (
        complaints.filter(status__in=OPEN_STATUSES)
        .order_by()
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_query(today)),
            due_soon=Count("pk", filter=due_soon_query(today)),
        )
    )
    return ComplaintSummary(
        row["open"], row["overdue"], row["due_soon"], complaint_timeliness(complaints)
    )


def _with_deadline_state(complaints: QuerySet[Complaint], today: dt.date) -> QuerySet[Complaint]:
    return complaints.annotate(
        is_overdue=ExpressionWrapper(overdue_query(today), output_field=BooleanField()),
        is_due_soon=ExpressionWrapper(due_soon_query(today), output_field=BooleanField()),
    )


def get_complaint_for(user: User, pk: int, *, today: dt.date | None = None) -> Complaint:
    """One complaint the user may see (with `is_overdue`/`is_due_soon`); anything else,
    another agency's too, is 404."""
    complaints = Complaint.objects.select_related(
        "unit", "service", "assigned_to", "assigned_to__unit", "escalated_to"
    ).filter(pk=pk)
    complaint = _with_deadline_state(complaints, today or timezone.localdate()).first()
    if complaint is None or not user.has_perm("citizen.view_complaint", complaint):
        raise Http404
    return complaint


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    action: str
    actor: str
    note: str


def complaint_timeline(complaint: Complaint) -> list[TimelineEntry]:
    """What happened to the complaint, oldest first, from its audit trail."""
    from kinerja.core.audit import action_label

    entries = (
        AuditEntry.objects.filter(object_type="citizen.complaint", object_id=str(complaint.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )
    return [
        TimelineEntry(
            entry.created_at,
            action_label(entry.action),
            str(entry.actor) if entry.actor else "",
            entry.note,
        )
        for entry in entries
    ]


def assignable_employees(complaint: Complaint) -> QuerySet[Employee]:
    """Active employees of the complaint's unit and the units below it."""
    return (
        Employee.objects.filter(is_active=True, unit__path__startswith=complaint.unit.path)
        .select_related("unit", "position")
        .order_by("unit__path", "name", "id")
    )


def registration_units(user: User) -> QuerySet[Unit]:
    """Units the user may register complaints at: the agency's, or a head's subtree."""
    actor = actor_of(user)
    units = Unit.objects.filter(is_active=True).order_by("path")
    if actor.is_superuser or actor.has_role_any((Role.AGENCY_ADMIN, Role.SERVICE_DESK)):
        return units
    return units.subtree_of(actor.head_unit_paths)


def filter_units(user: User) -> QuerySet[Unit]:
    """Units the list can be filtered by: the agency's for those who see all of it, the
    subtrees a head heads or an inspector is auditing; none for the others (their list is
    short) and for cross-agency viewers."""
    actor = actor_of(user)
    units = Unit.objects.filter(is_active=True).order_by("path")
    if actor.agency_id is None:
        return units.none()
    if actor.has_role_any((Role.AGENCY_ADMIN, Role.SERVICE_DESK)):
        return units
    return units.subtree_of(actor.reading_unit_paths)


def services_of_agency() -> QuerySet[Service]:
    """Active services of the scoped agency with their unit, for the forms' service choice."""
    return (
        Service.objects.filter(is_active=True).select_related("unit").order_by("unit__path", "name")
    )


def get_import_for(user: User, pk: int) -> ComplaintImport:
    job = ComplaintImport.objects.select_related("unit").filter(pk=pk).first()
    if job is None or (job.agency_id != user.agency_id and not user.is_superuser):
        raise Http404
    return job


def holidays_of(agency: Agency, *, year: int | None = None) -> QuerySet[Holiday]:
    holidays = Holiday.objects.filter(agency=agency)
    if year is not None:
        holidays = holidays.filter(date__year=year)
    return holidays.order_by("date")


# --- Public (no account) -------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicStatus:
    """What the status page may show of a complaint: never who complained, never its text."""

    pk: int
    agency_id: int
    agency_name: str
    ticket_code: str
    subject: str
    unit_name: str
    status: str
    status_label: str
    received_at: dt.datetime
    first_response_due: dt.date
    first_responded_at: dt.datetime | None
    resolution_due: dt.date
    resolved_at: dt.datetime | None
    response: str
    resolution: str
    rating: int | None
    rated_at: dt.datetime | None

    @property
    def can_rate(self) -> bool:
        return self.status == ComplaintStatus.RESOLVED and self.rating is None


PUBLIC_FIELDS = (
    "pk",
    "agency_id",
    "agency__name",
    "ticket_code",
    "subject",
    "unit__name",
    "status",
    "received_at",
    "first_response_due",
    "first_responded_at",
    "resolution_due",
    "resolved_at",
    "response",
    "resolution",
    "rating",
    "rated_at",
)


def public_status(ticket: str) -> PublicStatus | None:
    """The public view of the complaint with this ticket (any agency: codes are unique), or
    None for an unknown or malformed code. Only the columns shown are read."""
    code = normalise_ticket(ticket)
    if not code:
        return None
    with all_agencies_scope():
        row = Complaint.objects.filter(ticket_code=code).values(*PUBLIC_FIELDS).first()
    if row is None:
        return None
    return PublicStatus(
        pk=row["pk"],
        agency_id=row["agency_id"],
        agency_name=row["agency__name"],
        ticket_code=row["ticket_code"],
        subject=row["subject"],
        unit_name=row["unit__name"],
        status=row["status"],
        status_label=str(ComplaintStatus(row["status"]).label),
        received_at=row["received_at"],
        first_response_due=row["first_response_due"],
        first_responded_at=row["first_responded_at"],
        resolution_due=row["resolution_due"],
        resolved_at=row["resolved_at"],
        response=row["response"],
        resolution=row["resolution"],
        rating=row["rating"],
        rated_at=row["rated_at"],
    )


def complaint_by_ticket(ticket: str) -> Complaint | None:
    """The complaint itself (for the rating service), opened in its agency's scope."""
    code = normalise_ticket(ticket)
    if not code:
        return None
    with all_agencies_scope():
        return Complaint.objects.filter(ticket_code=code).first()


def public_agency(code: str) -> Agency:
    """An active agency by its code, for the public form; 404 otherwise."""
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise Http404
    return agency


def public_units(agency: Agency) -> list[Unit]:
    with tenant_scope(agency):
        return list(
            Unit.objects.filter(is_active=True).only("pk", "name", "depth", "path").order_by("path")
        )


def public_services(agency: Agency) -> list[Service]:
    with tenant_scope(agency):
        return list(
            Service.objects.filter(is_active=True, unit__is_active=True)
            .select_related("unit")
            .only("pk", "name", "unit__name", "unit__path")
            .order_by("unit__path", "name")
        )
