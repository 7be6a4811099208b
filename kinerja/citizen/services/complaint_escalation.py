"""Escalation of overdue complaints to the supervisor (SP4N-LAPOR!: a complaint past its limit
goes up the line), run daily through the reminders registry (`kinerja.core.reminders`: the
Celery beat's `send_reminders`, or `manage.py send_reminders` from cron).

An open complaint past its first-response limit (not answered) or its resolution limit goes to
the assignee's supervisor — the Plt./Plh. of the superior position when one acts that day — or,
unassigned, to the head of its unit (up the tree when the unit has none). It is escalated once:
`escalated_to`/`escalated_at` are set, the escalation is audited and the supervisor is told.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.citizen.models import Complaint
from kinerja.citizen.services.complaints import OPEN_STATUSES, complaint_url, save_version
from kinerja.core import audit
from kinerja.core.models import Role, RoleGrant, User
from kinerja.core.notifications import Notice
from kinerja.core.reminders import Reminder, register
from kinerja.org.models import ActingAssignment, Employee, Unit
from kinerja.org.services import effective_supervisor

ESCALATED = "citizen.complaint.escalated"
# Leaders of a unit, most senior first (an acting official ranks just before the holder).
LEADER_RANK = {"jpt": 0.0, "administrator": 1.0, "pengawas": 2.0}


def overdue_query(today: dt.date) -> Q:
    """Open complaints past a limit on `today`: not answered within the first-response limit,
    or not resolved within the resolution limit."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(resolution_due__lt=today)
        | Q(first_responded_at__isnull=True, first_response_due__lt=today)
    )


def _chain_ids(unit: Unit) -> list[int]:
    """The unit and the units above it, nearest first (from the materialised path)."""
    return [int(part) for part in reversed(unit.path.strip("/").split("/")) if part]


def unit_head(unit: Unit, *, on: dt.date, exclude_id: int | None = None) -> Employee | None:
    """Who leads `unit` on a day: a head granted the unit, else its Plt./Plh. or the holder of
    its most senior leading position (JPT, administrator, pengawas) reporting outside the unit;
    a unit without one is led from the unit above. Four queries, whatever the depth."""
    chain = _chain_ids(unit)
    ranked: dict[int, list[tuple[float, Employee]]] = {unit_id: [] for unit_id in chain}
    granted = dict(
        RoleGrant.objects.filter(role=Role.HEAD, unit_id__in=chain).values_list(
            "user__employee", "unit_id"
        )
    )
    for head in Employee.objects.filter(pk__in=[pk for pk in granted if pk], is_active=True):
        ranked[granted[head.pk]].append((-1.0, head))
    leaders = (
        Employee.objects.filter(
            unit_id__in=chain, is_active=True, position__kind__in=list(LEADER_RANK)
        )
        .exclude(supervisor__unit_id=F("unit_id"))
        .select_related("position")
    )
    for leader in leaders:
        if leader.position is not None:
            ranked[leader.unit_id].append((LEADER_RANK[leader.position.kind], leader))
    acting = ActingAssignment.objects.filter(
        position__unit_id__in=chain,
        position__kind__in=list(LEADER_RANK),
        start_date__lte=on,
        end_date__gte=on,
        acting_employee__is_active=True,
    ).select_related("acting_employee", "position")
    for assignment in acting:
        rank = LEADER_RANK[assignment.position.kind] - 0.5
        ranked[assignment.position.unit_id].append((rank, assignment.acting_employee))
    for unit_id in chain:
        candidates = sorted(
            (item for item in ranked[unit_id] if item[1].pk != exclude_id),
            key=lambda item: (item[0], item[1].name),
        )
        if candidates:
            return candidates[0][1]
    return None


def escalation_target(complaint: Complaint, *, on: dt.date) -> Employee | None:
    """The assignee's supervisor on the day; unassigned (or without one), the unit's head."""
    assignee = complaint.assigned_to
    if assignee is not None:
        supervisor = effective_supervisor(assignee, on=on)
        if supervisor is not None and supervisor.pk != assignee.pk:
            return supervisor
    return unit_head(complaint.unit, on=on, exclude_id=assignee.pk if assignee else None)


def _late_limit(complaint: Complaint, today: dt.date) -> tuple[str, dt.date]:
    if complaint.first_responded_at is None and complaint.first_response_due < today:
        return _("batas tanggapan pertama"), complaint.first_response_due
    return _("batas penyelesaian"), complaint.resolution_due


@transaction.atomic
def escalate_complaint(
    complaint: Complaint, *, actor: User | None, to: Employee, today: dt.date
) -> Complaint | None:
    """Escalate one overdue complaint to `to` (once); None when it is no longer due for it
    (answered, closed or escalated meanwhile)."""
    locked = Complaint.objects.select_for_update(of=("self",)).filter(pk=complaint.pk)
    current = locked.filter(overdue_query(today), escalated_at__isnull=True).first()
    if current is None:
        return None
    limit, due = _late_limit(current, today)
    current.escalated_to = to
    current.escalated_at = timezone.now()
    save_version(current, ["escalated_to", "escalated_at"])
    audit.record(
        current,
        ESCALATED,
        actor=actor,
        agency_id=current.agency_id,
        changes={"escalated_to": (None, to)},
        note=_("Melewati %(limit)s %(date)s.")
        % {"limit": limit, "date": date_format(due, "DATE_FORMAT")},
    )
    return current


def escalate_overdue(*, agency_id: int, today: dt.date) -> list[Notice]:
    """The daily job: escalate every overdue open complaint of the agency not yet escalated;
    the notices tell each supervisor (sent in bulk by the reminders run, once per complaint)."""
    overdue = (
        Complaint.objects.filter(overdue_query(today), agency_id=agency_id, escalated_at=None)
        .select_related(
            "unit",
            "assigned_to__supervisor__position",
            "assigned_to__position",
        )
        .order_by("received_at", "pk")
    )
    escalated: list[tuple[Complaint, Employee]] = []
    for complaint in overdue:
        target = escalation_target(complaint, on=today)
        if target is None:
            continue  # nobody leads the unit's branch: the overdue badge stays on the list
        if escalate_complaint(complaint, actor=None, to=target, today=today) is not None:
            escalated.append((complaint, target))
    active = set(
        User.objects.filter(
            pk__in=[target.user_id for _complaint, target in escalated], is_active=True
        ).values_list("pk", flat=True)
    )
    notices: list[Notice] = []
    for complaint, target in escalated:
        if target.user_id is None or target.user_id not in active:
            continue
        limit, due = _late_limit(complaint, today)
        notices.append(
            Notice(
                target.user_id,
                _(
                    "Pengaduan %(ticket)s \u201c%(subject)s\u201d melewati %(limit)s "
                    "(%(date)s) dan dieskalasi kepada Anda."
                )
                % {
                    "ticket": complaint.ticket_code,
                    "subject": complaint.subject,
                    "limit": limit,
                    "date": date_format(due, "DATE_FORMAT"),
                },
                complaint_url(complaint),
                f"complaint-escalated:{complaint.pk}",
            )
        )
    return notices


def register_reminders() -> None:
    register(Reminder(ESCALATED, escalate_overdue))
