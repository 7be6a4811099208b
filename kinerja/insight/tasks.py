"""Background work of the insight pages: the agency-wide figures computed ahead of the first
request, so no head or admin waits the seconds an agency-wide count of millions of rows takes;
and the agency performance reports, made on request."""

from __future__ import annotations

from functools import partial

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.insight import dashboard
from kinerja.insight.compliance import Scope, overview
from kinerja.insight.dashboard_views import charts_for
from kinerja.insight.freshness import figures_key, store_figures
from kinerja.insight.reports import services as reports
from kinerja.planning.models import Period


@shared_task(name="kinerja.insight.warm_leader_figures")
def warm_leader_figures() -> int:
    """The whole-agency dashboard and compliance figures of every period in progress, computed
    now and kept as the pages keep them (beat runs this more often than the figures expire).
    Returns how many periods were warmed. Heads' subtrees are computed on their first visit."""
    today = timezone.localdate()
    with all_agencies_scope():
        periods = list(
            Period.objects.filter(is_active=True, start_date__lte=today, end_date__gte=today)
        )
    for period in periods:
        reach = dashboard.Reach(period, today, None)
        scope = Scope(period, today, None)
        with tenant_scope(period.agency_id), translation.override(settings.LANGUAGE_CODE):
            store_figures(
                figures_key("dashboard", period.pk, today, None),
                partial(charts_for, reach),
            )
            store_figures(
                figures_key("compliance", period.pk, today, None),
                partial(overview, scope),
            )
    return len(periods)


@shared_task(name=reports.BUILD_TASK)
def build_agency_report(report_id: int) -> None:
    """Make one requested agency performance report: its PDF and workbook, with progress."""
    reports.build_report(report_id)
