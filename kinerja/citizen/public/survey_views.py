"""The public satisfaction survey (SKM): no account, phone first, in Indonesian.

`/publik/survei/<agency code>/<unit>/` lets the citizen pick the unit's service and answer;
`…/<service code>/` is the page a service's QR poster opens. A visitor has no agency, so each
view finds the agency from the address and opens its tenant scope itself. Abuse: at most
SUBMISSIONS per WINDOW seconds per client (429), a honeypot field (400, nothing stored), one
response per service ticket (a clear message on the field).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kinerja.citizen.forms.survey import SurveyForm
from kinerja.citizen.models import Service
from kinerja.citizen.selectors.survey import find_survey_target
from kinerja.citizen.services.survey import submit_response
from kinerja.core.models import Agency
from kinerja.core.ratelimit import Limit, rate_limited
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import Unit

SUBMISSIONS, WINDOW = 10, 600
SURVEY_LIMIT = Limit("survey", SUBMISSIONS, WINDOW)


@dataclass(frozen=True)
class Target:
    """Whom the survey is about: the agency, its unit and, from a service's poster, the service."""

    agency: Agency
    unit: Unit
    service: Service | None


class UnknownTargetError(Exception):
    """The address names no active agency, unit or service."""


@contextmanager
def survey_target(
    agency_code: str, unit_pk: int, service_code: str | None = None
) -> Iterator[Target]:
    """Find the target of the address and keep its agency's tenant scope open."""
    found = find_survey_target(agency_code, unit_pk, service_code)
    if found is None:
        raise UnknownTargetError
    unit, service = found
    with tenant_scope(unit.agency):
        yield Target(unit.agency, unit, service)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "citizen/public/survey_not_found.html", status=404)


def _public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 404 with the public page for an unknown address; tell robots to stay away."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except UnknownTargetError:
            response = not_found(request)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _answer(request: HttpRequest, target: Target) -> HttpResponse:
    services: list[Service] = []
    if target.service is None:
        services = list(Service.objects.filter(unit=target.unit, is_active=True).order_by("name"))
    if request.method == "POST":
        form = SurveyForm(request.POST, services=services)
        if form.is_bot:
            return render(request, "citizen/public/survey_rejected.html", status=400)
        if form.is_valid():
            service = target.service or next(
                (s for s in services if s.pk == form.cleaned_data.get("service")), None
            )
            try:
                submit_response(target.unit, actor=None, service=service, given=form.answers())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                return redirect(
                    "public:survey-thanks", agency_code=target.agency.code, unit_pk=target.unit.pk
                )
        status = 400
    else:
        ticket = request.GET.get("tiket", "")[:40]
        form = SurveyForm(initial={"ticket_code": ticket}, services=services)
        status = 200
    context = {
        "agency": target.agency,
        "unit": target.unit,
        "service": target.service,
        "form": form,
        "action": request.path,
    }
    return render(request, "citizen/public/survey_form.html", context, status=status)


@_public
@require_http_methods(["GET", "POST"])
@rate_limited(SURVEY_LIMIT)
def survey_unit(request: HttpRequest, agency_code: str, unit_pk: int) -> HttpResponse:
    """The survey of a unit: the citizen picks the service they received, then answers."""
    with survey_target(agency_code, unit_pk) as target:
        return _answer(request, target)


@_public
@require_http_methods(["GET", "POST"])
@rate_limited(SURVEY_LIMIT)
def survey_service(
    request: HttpRequest, agency_code: str, unit_pk: int, service_code: str
) -> HttpResponse:
    """The survey of one service (the page its QR poster opens)."""
    with survey_target(agency_code, unit_pk, service_code) as target:
        return _answer(request, target)


@_public
@require_http_methods(["GET"])
def survey_thanks(request: HttpRequest, agency_code: str, unit_pk: int) -> HttpResponse:
    """The thank-you page after an answer."""
    with survey_target(agency_code, unit_pk) as target:
        context = {"agency": target.agency, "unit": target.unit}
        return render(request, "citizen/public/survey_thanks.html", context)
