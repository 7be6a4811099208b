"""An employee's development page (their own under "Pengembangan saya"): JP against the 20 JP,
recommendations with their reasons, the plan of the year, the learning recorded; and the
actions on it (refresh, dismiss, start a plan, record learning, download a certificate)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.appraisal.evidence import download_name
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, stored_file_response
from kinerja.core.permissions import require
from kinerja.development.forms import DismissForm, RecordForm, YearForm
from kinerja.development.models import RecommendationStatus
from kinerja.development.selectors import people as selectors
from kinerja.development.services import plans, recommendations
from kinerja.org.models import Employee


def _year(request: AuthedRequest) -> int:
    return YearForm(request.GET or None).year_or_current()


def _render(request: AuthedRequest, employee: Employee, *, own: bool) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "development/employee_detail.html",
        {
            "found": selectors.development_of(employee, year),
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1),
            "is_own": own,
            "can_edit_plan": request.user.has_perm("development.edit_plan", employee),
            "can_record": request.user.has_perm("development.record_completion", employee),
            "can_manage": request.user.has_perm("development.manage_recommendations", employee),
            "dismiss_form": DismissForm(),
            "OPEN": RecommendationStatus.OPEN,
        },
    )


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """The signed-in employee's own development."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        return render(request, "development/no_employee.html")
    return _render(request, employee, own=True)


@login_required
def employee_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for(request.user, pk)
    return _render(request, employee, own=employee.user_id == request.user.pk)


def _back(employee: Employee, year: int | None = None) -> HttpResponse:
    response = redirect("development:employee", pk=employee.pk)
    if year:
        response["Location"] += f"?year={year}"
    return response


@login_required
@require_POST
def employee_refresh(request: AuthedRequest, pk: int) -> HttpResponse:
    """Look for new reasons to develop one employee (their supervisor, the agency admin)."""
    employee = selectors.get_employee_for(request.user, pk)
    year = _year_from_post(request)
    created = recommendations.refresh_recommendations(
        employee.agency, actor=request.user, year=year, employee=employee
    )
    messages.success(request, _("%(count)s rekomendasi baru.") % {"count": created})
    return _back(employee, year)


def _year_from_post(request: AuthedRequest) -> int:
    form = YearForm(request.POST)
    return form.year_or_current()


@login_required
@require_POST
def recommendation_dismiss(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.get_recommendation_for(request.user, pk)
    require(request.user, "development.manage_recommendations", found)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan rekomendasi ini diabaikan."))
        return _back(found.employee, found.year)
    try:
        recommendations.dismiss_recommendation(
            found, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rekomendasi diabaikan."))
    return _back(found.employee, found.year)


@login_required
@require_POST
def plan_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Start the employee's plan of the year (the employee, the supervisor or the admin)."""
    employee = selectors.get_employee_for(request.user, pk)
    require(request.user, "development.edit_plan", employee)
    year = _year_from_post(request)
    try:
        plan = plans.create_plan(employee, actor=request.user, year=year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(employee, year)
    messages.success(request, _("Rencana pengembangan %(year)s dibuat.") % {"year": year})
    return redirect("development:plan-detail", pk=plan.pk)


@login_required
def record_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record learning done outside a plan, with its JP and certificate."""
    employee = selectors.get_employee_for(request.user, pk)
    require(request.user, "development.record_completion", employee)
    form = RecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("certificate")
        try:
            record = plans.record_learning(
                employee,
                actor=request.user,
                title=data["title"],
                jp=data["jp"],
                completed_on=data["completed_on"],
                certificate=upload.read() if upload else None,
                certificate_name=upload.name if upload else "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(jp)s JP dicatat.") % {"jp": record.jp})
            return _back(employee, record.year)
    return render(
        request,
        "development/record_form.html",
        {"form": form, "employee": employee},
        status=400 if form.errors else 200,
    )


@login_required
def certificate(request: AuthedRequest, pk: int) -> FileResponse:
    """A certificate, as an attachment, to whoever may see the employee's development."""
    record = selectors.get_record_for(request.user, pk)
    return stored_file_response(
        record.certificate,
        filename=download_name(record.certificate_name, record.certificate_type),
        content_type=record.certificate_type,
    )
