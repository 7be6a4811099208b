"""Demo data of the agency performance reports: one whole-agency report of the latest period,
asked for by the agency's admin, so the history page of the demo is not empty and its files
can be opened. Built when load_demo's transaction commits (inline without a broker)."""

from __future__ import annotations

from kinerja.core.models import Agency, User
from kinerja.insight.models import AgencyReport
from kinerja.insight.reports import services
from kinerja.planning.models import Period


def load_demo_reports(agency: Agency) -> AgencyReport | None:
    """The report, or None when the agency has one already, no period or no admin account."""
    if AgencyReport.objects.filter(agency=agency).exists():
        return None
    period = Period.objects.filter(agency=agency).order_by("-year", "-start_date").first()
    admin = User.objects.filter(username=f"{agency.code}.admin").first()
    if period is None or admin is None:
        return None
    return services.request_report(period, actor=admin, unit=None)
