"""Reads of the agency performance reports, scoped to who may see them: the agency admin every
report of the agency; heads and inspectors the reports of units in their subtrees (those they
lead, those under audit) — never a whole-agency report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.core.models import Role, User
from kinerja.core.permissions import actor_of, subtree_filter
from kinerja.insight.models import AgencyReport
from kinerja.org.models import Unit
from kinerja.planning.models import Period

WHOLE_AGENCY = "instansi"  # the unit filter's value for whole-agency reports
# Above this many units a choice offers the top of the viewer's tree (and the unit asked for),
# as the plan and employee lists do: a select of 3,000 units made a page slow.
FULL_TREE_LIMIT = 300


def _reads_whole_agency(user: User) -> bool:
    return actor_of(user).has_role(Role.AGENCY_ADMIN)


@dataclass(frozen=True)
class ReportFilters:
    period: Period | None = None
    unit: str = ""  # "", WHOLE_AGENCY or a unit's pk
    status: str = ""


def reports_visible_to(user: User, filters: ReportFilters | None = None) -> QuerySet[AgencyReport]:
    """The reports `user` may open, newest first, with what the list shows."""
    reports = AgencyReport.objects.select_related("period", "unit", "requested_by")
    if not _reads_whole_agency(user):
        reports = reports.filter(subtree_filter(actor_of(user).reading_unit_paths, "unit__path"))
    filters = filters or ReportFilters()
    if filters.period is not None:
        reports = reports.filter(period=filters.period)
    if filters.unit == WHOLE_AGENCY:
        reports = reports.filter(unit__isnull=True)
    elif filters.unit.isdigit():
        reports = reports.filter(unit_id=int(filters.unit))
    if filters.status:
        reports = reports.filter(status=filters.status)
    return reports.order_by("-requested_at", "-pk")


def get_report_for(user: User, pk: int) -> AgencyReport:
    """One report the user may open; another agency's, or one beyond the user's units: 404."""
    report = (
        AgencyReport.objects.select_related("period", "unit", "requested_by").filter(pk=pk).first()
    )
    if report is None or not user.has_perm("insight.view_report", report):
        raise Http404(_("Laporan tidak ditemukan."))
    return report


def requestable_units(user: User) -> QuerySet[Unit]:
    """Every unit `user` may ask a report of: all of the agency for the admin, else the
    subtrees they lead or audit."""
    units = Unit.objects.filter(is_active=True).order_by("path")
    if _reads_whole_agency(user):
        return units
    return units.filter(subtree_filter(actor_of(user).reading_unit_paths))


def unit_choices(user: User, *, wanted: str = "") -> QuerySet[Unit]:
    """The units a form offers: all it may ask for when they are few, else the top of the
    viewer's tree and its next level (and the unit asked for by `wanted`)."""
    units = requestable_units(user)
    if units.count() <= FULL_TREE_LIMIT:
        return units
    if _reads_whole_agency(user):
        shallow = Q(depth=0)
    else:
        roots = actor_of(user).reading_unit_paths
        shallow = Q(path__in=roots)
        for root in roots:
            shallow |= Q(path__startswith=root, depth=root.count("/") - 1)
    if wanted.isdigit():
        shallow |= Q(pk=int(wanted))
    return units.filter(shallow)


def report_units(reports: QuerySet[AgencyReport]) -> QuerySet[Unit]:
    """The units that the given reports are of, for the history's unit filter."""
    return Unit.objects.filter(pk__in=reports.filter(unit__isnull=False).values("unit")).order_by(
        "path"
    )
