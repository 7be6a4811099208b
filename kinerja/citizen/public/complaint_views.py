"""The public complaint pages: no account, phone first, in Indonesian.

`/publik/pengaduan/<agency code>/` takes a complaint (name and contact optional) and shows the
ticket code on the next page; `/publik/pengaduan/status/?tiket=…` shows what the citizen may
know of their complaint — never who complained, never anything of another complaint — and, once
it is resolved, lets them rate the resolution once. A visitor has no agency: each view finds it
(from the address or the ticket) and opens its tenant scope itself.

Abuse: submissions and status lookups are rate-limited per client (429; the lookup so that codes
cannot be guessed by trying many), a honeypot field (400, nothing stored), unknown codes answer
the same 404 whatever exists.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kinerja.citizen.forms.complaints import PublicComplaintForm, RatingForm, StatusLookupForm
from kinerja.citizen.models import Channel, Service
from kinerja.citizen.selectors import complaints as selectors
from kinerja.citizen.services.complaints import rate_complaint, register_complaint
from kinerja.core.forms import add_service_errors
from kinerja.core.models import Agency
from kinerja.core.ratelimit import Limit, client_of, hit, rate_limited, too_many_requests
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import Unit

SUBMIT_LIMIT = Limit("complaint-submit", 10, 600)
LOOKUP_LIMIT = Limit("complaint-status", 30, 600)
RATE_LIMIT = Limit("complaint-rate", 10, 600)


def _private(response: HttpResponse) -> HttpResponse:
    """Keep the public pages out of search engines, and their addresses (which may hold a
    ticket code) out of other sites' referrers. Not `no-referrer`: browsers then send
    `Origin: null` with the page's own forms, which the CSRF check rightly refuses."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _submit(form: PublicComplaintForm) -> str:
    """Register the complaint of a valid form; returns its ticket code."""
    data = form.cleaned_data
    unit = Unit.objects.get(pk=data["unit"])
    service = Service.objects.get(pk=data["service"]) if data["service"] is not None else None
    complaint = register_complaint(
        unit,
        actor=None,
        channel=Channel.WEB,
        subject=data["subject"],
        description=data["description"],
        service=service,
        complainant_name=data["complainant_name"],
        complainant_contact=data["complainant_contact"],
    )
    return complaint.ticket_code


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(SUBMIT_LIMIT)
def complaint_form(request: HttpRequest, agency_code: str) -> HttpResponse:
    """The agency's complaint form; a complaint arrives with its ticket and limits."""
    agency = selectors.public_agency(agency_code)
    units = selectors.public_units(agency)
    services = selectors.public_services(agency)
    form = PublicComplaintForm(request.POST or None, units=units, services=services)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                with tenant_scope(agency):
                    ticket = _submit(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("public:complaint-sent", agency_code=agency.code, ticket=ticket)
    return _private(
        render(
            request,
            "citizen/public/complaint_form.html",
            {"agency": agency, "form": form},
            status=status,
        )
    )


@never_cache
def complaint_sent(request: HttpRequest, agency_code: str, ticket: str) -> HttpResponse:
    """The ticket code, big, with the advice to keep it (counted as a lookup: the address
    holds a code, so it must not become a way around the lookup's limit)."""
    if not hit(LOOKUP_LIMIT, client_of(request)):
        return too_many_requests(request)
    agency = selectors.public_agency(agency_code)
    found = selectors.public_status(ticket)
    if found is None or found.agency_id != agency.pk:
        return _not_found(request, agency)
    return _private(
        render(
            request,
            "citizen/public/complaint_sent.html",
            {"agency": agency, "complaint": found},
        )
    )


def _not_found(request: HttpRequest, agency: Agency | None = None, **context: Any) -> HttpResponse:
    return _private(
        render(
            request,
            "citizen/public/complaint_status.html",
            {"agency": agency, "form": StatusLookupForm(request.GET or None), **context},
            status=404,
        )
    )


def _agency_of(found: selectors.PublicStatus) -> Agency:
    return Agency.objects.get(pk=found.agency_id)


@never_cache
@require_http_methods(["GET"])
def complaint_status(request: HttpRequest) -> HttpResponse:
    """Look a complaint up by its ticket code; the result, or a 404 that reveals nothing."""
    if "tiket" not in request.GET:
        return _private(
            render(request, "citizen/public/complaint_status.html", {"form": StatusLookupForm()})
        )
    if not hit(LOOKUP_LIMIT, client_of(request)):
        return too_many_requests(request)
    form = StatusLookupForm(request.GET)
    if not form.is_valid():
        return _private(
            render(request, "citizen/public/complaint_status.html", {"form": form}, status=400)
        )
    found = selectors.public_status(form.cleaned_data["tiket"])
    if found is None:
        return _not_found(request, not_found=True)
    return _status_page(request, found)


def _status_page(
    request: HttpRequest,
    found: selectors.PublicStatus,
    *,
    rating_form: RatingForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    if found.can_rate and rating_form is None:
        rating_form = RatingForm(initial={"tiket": found.ticket_code})
    return _private(
        render(
            request,
            "citizen/public/complaint_status.html",
            {
                "agency": _agency_of(found),
                "form": StatusLookupForm(initial={"tiket": found.ticket_code}),
                "complaint": found,
                "rating_form": rating_form if found.can_rate else None,
                "errors": errors or [],
            },
            status=status,
        )
    )


@never_cache
@require_POST
@rate_limited(RATE_LIMIT)
def complaint_rate(request: HttpRequest) -> HttpResponse:
    """The complainant rates the resolution, once, with the ticket code."""
    form = RatingForm(request.POST)
    found = selectors.public_status(request.POST.get("tiket", ""))
    if found is None:
        return _not_found(request, not_found=True)
    if form.is_valid():
        complaint = selectors.complaint_by_ticket(found.ticket_code)
        assert complaint is not None
        try:
            with tenant_scope(found.agency_id):
                rate_complaint(
                    complaint,
                    actor=None,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Terima kasih, penilaian Anda sudah kami terima."))
            url = reverse("public:complaint-status") + "?" + urlencode({"tiket": found.ticket_code})
            return redirect(url)
    if not found.can_rate:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return _status_page(request, found, errors=errors, status=400)
    return _status_page(request, found, rating_form=form, status=400)
