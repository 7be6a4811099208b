"""The agency performance reports under /laporan-instansi/: the history (filtered, paginated,
or as Excel) with the form to ask for a new report, each report's page with its progress
(polled by HTMX while it is being made) and its PDF and Excel downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kinerja.core.http import AuthedRequest, own_agency, stored_file_response
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_response
from kinerja.insight.models import AgencyReport, ReportStatus
from kinerja.insight.reports import selectors, services
from kinerja.insight.reports.forms import ReportFilterForm, ReportRequestForm
from kinerja.insight.reports.selectors import ReportFilters
from kinerja.planning.models import Period

PAGE_SIZE = 20
STATUS_BADGES = {
    ReportStatus.QUEUED: "badge-warn",
    ReportStatus.RUNNING: "badge-warn",
    ReportStatus.DONE: "badge-ok",
    ReportStatus.FAILED: "badge-bad",
}
HISTORY_HEADERS = [
    "Diminta pada",
    "Periode",
    "Cakupan",
    "Diminta oleh",
    "Status",
    "Selesai pada",
    "Keterangan",
]


def _periods(request: AuthedRequest) -> QuerySet[Period]:
    return Period.objects.filter(agency=own_agency(request)).order_by(
        "-year", "-start_date", "name"
    )


def _current(periods: QuerySet[Period]) -> Period | None:
    """The active period of today, else the latest."""
    today = timezone.localdate()
    listed = list(periods)
    running = [p for p in listed if p.is_active and p.start_date <= today <= p.end_date]
    return next(iter(running or listed), None)


def _whole_agency(request: AuthedRequest, perm: str = "insight.request_report") -> bool:
    """Whether the user may ask for (or open) reports of the whole agency."""
    return request.user.has_perm(perm, AgencyReport(agency=own_agency(request)))


def _request_form(request: AuthedRequest, data: Any = None) -> ReportRequestForm:
    periods = _periods(request)
    wanted = (data or request.GET).get("unit", "")
    current = _current(periods)
    return ReportRequestForm(
        data,
        periods=periods,
        units=selectors.unit_choices(request.user, wanted=wanted),
        whole_agency=_whole_agency(request),
        initial={"period": current.pk if current else None, "unit": wanted or None},
    )


def _local(moment: Any) -> Any:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _history_row(report: AgencyReport) -> list[Any]:
    requester = report.requested_by
    return [
        _local(report.requested_at),
        report.period.name,
        report.scope_name,
        (requester.get_full_name() or requester.username) if requester else "",
        report.get_status_display(),
        _local(report.finished_at),
        report.error or report.step,
    ]


def _list_page(
    request: AuthedRequest, form: ReportRequestForm, *, status: int = 200
) -> HttpResponse:
    periods = _periods(request)
    filter_form = ReportFilterForm(
        request.GET or None,
        periods=periods,
        units=selectors.report_units(selectors.reports_visible_to(request.user)),
        whole_agency=_whole_agency(request, "insight.view_report"),
    )
    filters = ReportFilters()
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = ReportFilters(period=data["period"], unit=data["unit"], status=data["status"])
    reports = selectors.reports_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "riwayat-laporan-kinerja-instansi.xlsx",
            "Laporan kinerja instansi",
            HISTORY_HEADERS,
            (_history_row(report) for report in reports.iterator(chunk_size=500)),
        )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "insight/reports/report_list.html",
        {
            "form": form,
            "filter_form": filter_form,
            "page": page,
            "rows": [(report, STATUS_BADGES[ReportStatus(report.status)]) for report in page],
            "query": query.urlencode(),
            "filtered": bool(filters.period or filters.unit or filters.status),
            "has_periods": periods.exists(),
            "has_units": form.has_choices,
        },
        status=status,
    )


@login_required
def report_list(request: AuthedRequest) -> HttpResponse:
    """The reports the user may open, newest first, and the form to ask for a new one."""
    require(request.user, "insight.list_reports")
    return _list_page(request, _request_form(request))


@login_required
@require_POST
def report_request(request: AuthedRequest) -> HttpResponse:
    """Ask for a report; without a Celery broker it is made before the redirect."""
    require(request.user, "insight.list_reports")
    form = _request_form(request, request.POST)
    if form.is_valid():
        try:
            report = services.request_report(
                form.cleaned_data["period"], actor=request.user, unit=form.cleaned_data["unit"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Permintaan laporan dicatat."))
            return redirect("insight:report-detail", pk=report.pk)
    return _list_page(request, form, status=400)


def _status_context(report: AgencyReport) -> dict[str, Any]:
    return {
        "report": report,
        "badge": STATUS_BADGES[ReportStatus(report.status)],
        "is_active": report.is_active,
        "is_done": report.status == ReportStatus.DONE,
    }


@login_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One report: what it covers, its progress while it is made, then its files."""
    require(request.user, "insight.list_reports")
    report = selectors.get_report_for(request.user, pk)
    return render(request, "insight/reports/report_detail.html", _status_context(report))


@login_required
def report_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by HTMX; once the report stops, reload the whole page."""
    require(request.user, "insight.list_reports")
    report = selectors.get_report_for(request.user, pk)
    if request.htmx and not report.is_active:
        return HttpResponseClientRefresh()
    return render(request, "insight/reports/report_detail.html#status", _status_context(report))


def _download(request: AuthedRequest, pk: int, *, kind: str) -> FileResponse:
    require(request.user, "insight.list_reports")
    report = selectors.get_report_for(request.user, pk)
    stored = report.pdf if kind == "pdf" else report.xlsx
    if report.status != ReportStatus.DONE or not stored.name:
        raise Http404(_("Berkas laporan belum tersedia."))
    response = stored_file_response(
        stored,
        filename=f"{services.file_stem(report)}.{kind}",
        content_type="application/pdf" if kind == "pdf" else XLSX_CONTENT_TYPE,
    )
    services.record_download(report, actor=request.user, kind="PDF" if kind == "pdf" else "Excel")
    return response


@login_required
def report_pdf(request: AuthedRequest, pk: int) -> FileResponse:
    """The report's PDF, as a download, to those who may open the report."""
    return _download(request, pk, kind="pdf")


@login_required
def report_xlsx(request: AuthedRequest, pk: int) -> FileResponse:
    """The report's workbook, as a download, to those who may open the report."""
    return _download(request, pk, kind="xlsx")
