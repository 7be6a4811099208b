"""Service requests: the desk (record a request, mark open ones completed), the request list
(filters, XLSX) and one request's page (its facts, and the correction form for the desk)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.citizen.durations import duration_text
from kinerja.citizen.forms.services import (
    CompleteForm,
    DeskRequestForm,
    RequestCorrectForm,
    RequestFilterForm,
    now_for_input,
)
from kinerja.citizen.models import ServiceRequest
from kinerja.citizen.selectors import services as selectors
from kinerja.citizen.services import requests as services
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import actor_of, require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit

PAGE_SIZE = 50
OPEN_SHOWN = 100


# --- The desk --------------------------------------------------------------------------------


def _desk_unit(request: AuthedRequest, units: list[Unit]) -> Unit | None:
    chosen = request.POST.get("unit") or request.GET.get("unit")
    return next((u for u in units if str(u.pk) == chosen), units[0] if units else None)


def _desk_url(unit: Unit | None) -> str:
    url = reverse("citizen:request-desk")
    return f"{url}?unit={unit.pk}" if unit is not None else url


@login_required
def request_desk(request: AuthedRequest) -> HttpResponse:
    """The service desk: record a request as it comes in; the queue of open requests below,
    each completed with one click."""
    require(request.user, "citizen.record_requests")
    units = selectors.desk_units(request.user)
    unit = _desk_unit(request, units)
    context: dict[str, Any] = {"units": units, "unit": unit}
    if unit is None:
        return render(request, "citizen/request_desk.html", context)
    handlers = selectors.desk_handlers(unit)
    own = actor_of(request.user).employee_id
    form = DeskRequestForm(
        request.POST or None,
        services=selectors.desk_services(request.user, unit),
        handlers=handlers,
        initial={
            "received_at": now_for_input(),
            "handled_by": own if own and handlers.filter(pk=own).exists() else None,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                recorded = services.record_request(
                    data["service"],
                    actor=request.user,
                    received_at=data["received_at"],
                    ticket_code=data["ticket_code"],
                    handled_by=data["handled_by"],
                    note=data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Permohonan %(ticket)s untuk %(service)s dicatat.")
                    % {
                        "ticket": recorded.ticket_code or _("tanpa nomor"),
                        "service": recorded.service.name,
                    },
                )
                return redirect(_desk_url(unit))
        status = 400
    queue = selectors.open_requests(request.user, unit)
    context.update(
        {
            "form": form,
            "open_requests": list(queue[:OPEN_SHOWN]),
            "open_count": queue.count(),
            "now": now_for_input(),
            "next_url": _desk_url(unit),
        }
    )
    return render(request, "citizen/request_desk.html", context, status=status)


def _safe_next(request: AuthedRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def verdict_text(service_request: ServiceRequest) -> str:
    if service_request.within_standard:
        return _("sesuai standar")
    return _("melebihi standar %(standard)s") % {
        "standard": duration_text(service_request.service.standard_minutes)
    }


@login_required
@require_POST
def request_complete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark an open request completed (now, or at the time given)."""
    found = selectors.get_request_for(request.user, pk)
    require(request.user, "citizen.record_request", found)
    back = _safe_next(request, reverse("citizen:request-detail", args=[found.pk]))
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Waktu selesai tidak valid."))
        return redirect(back)
    try:
        done = services.complete_request(
            found,
            actor=request.user,
            completed_at=form.completed_time(),
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Permohonan %(ticket)s selesai dalam %(duration)s (%(verdict)s).")
            % {
                "ticket": done.ticket_code or done.service.name,
                "duration": duration_text(done.turnaround_minutes),
                "verdict": verdict_text(done),
            },
        )
    return redirect(back)


# --- The request list ---------------------------------------------------------------------------

XLSX_HEADERS = [
    "Layanan",
    "Kode layanan",
    "Unit kerja",
    "Nomor antrean",
    "Diterima",
    "Selesai",
    "Lama (menit)",
    "Waktu standar (menit)",
    "Sesuai standar",
    "NIP petugas",
    "Petugas",
    "Sumber",
    "Catatan",
]


def _xlsx_row(found: ServiceRequest) -> list[Any]:
    handler = found.handled_by
    return [
        found.service.name,
        found.service.code,
        found.unit.name,
        found.ticket_code,
        timezone.localtime(found.received_at),
        timezone.localtime(found.completed_at) if found.completed_at else None,
        found.turnaround_minutes,
        found.service.standard_minutes,
        "" if found.within_standard is None else ("Ya" if found.within_standard else "Tidak"),
        handler.nip if handler else "",
        handler.full_name if handler else "",
        found.get_source_display(),
        found.note,
    ]


@login_required
def request_list(request: AuthedRequest) -> HttpResponse:
    """Requests the user may see, filtered by service, unit, status, dates and handler."""
    require(request.user, "citizen.view_services")
    form = RequestFilterForm(
        request.GET or None,
        services=selectors.services_in_view(request.user),
        units=selectors.units_in_view(request.user),
        handlers=selectors.handlers_in_view(request.user),
    )
    filters = selectors.RequestFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.RequestFilters(
            q=data["q"],
            service=data["service"],
            unit=data["unit"],
            status=data["status"],
            received_from=data["received_from"],
            received_to=data["received_to"],
            handled_by=data["handled_by"],
        )
    found = selectors.requests_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "permohonan-layanan.xlsx",
            "Permohonan layanan",
            XLSX_HEADERS,
            (_xlsx_row(r) for r in found.iterator(2000)),
        )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "citizen/request_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_record": request.user.has_perm("citizen.record_requests"),
            "can_import": request.user.has_perm("citizen.import_requests"),
        },
    )


# --- One request ------------------------------------------------------------------------------


def _correction_form(
    request: AuthedRequest, found: ServiceRequest, data: Any = None
) -> RequestCorrectForm:
    return RequestCorrectForm(
        data,
        services=selectors.services_to_record(request.user, keep=found.service),
        handlers=selectors.desk_handlers(found.service.unit),
        initial={
            "service": found.service_id,
            "ticket_code": found.ticket_code,
            "received_at": found.received_at,
            "completed_at": found.completed_at,
            "handled_by": found.handled_by_id,
            "note": found.note,
            "version": found.version,
        },
    )


@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A request's facts; the desk corrects it here (version-checked, audited)."""
    found = selectors.get_request_for(request.user, pk)
    can_correct = request.user.has_perm("citizen.record_request", found)
    form = None
    status = 200
    if can_correct:
        form = _correction_form(request, found, request.POST or None)
    if request.method == "POST":
        require(request.user, "citizen.record_request", found)
        assert form is not None
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.correct_request(
                    found, actor=request.user, expected_version=version, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Koreksi permohonan disimpan."))
                return redirect("citizen:request-detail", pk=found.pk)
        status = 400
    return render(
        request,
        "citizen/request_detail.html",
        {
            "found": found,
            "form": form,
            "can_correct": can_correct,
            "complete_form": CompleteForm(initial={"version": found.version}),
            "now": now_for_input(),
            "turnaround": duration_text(found.turnaround_minutes),
            "standard": duration_text(found.service.standard_minutes),
        },
        status=status,
    )
