"""An employee's competency profile (required vs current, the gap, a dot chart), its PDF and
XLSX; the supervisor's (or admin's) form to set a current level; the team list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinerja.competency import documents, exports
from kinerja.competency.forms import SetLevelForm, TeamFilterForm
from kinerja.competency.models import Competency, EmployeeCompetency
from kinerja.competency.selectors.profiles import (
    TeamFilters,
    get_profile_employee,
    profile_of,
    team_list,
)
from kinerja.competency.services.levels import set_employee_level
from kinerja.competency.views.dictionary import PAGE_SIZE, add_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """The signed-in employee's own profile; accounts without an employee go to the dictionary."""
    employee = getattr(request.user, "employee", None)
    if employee is None:
        return redirect("competency:dictionary-list")
    return redirect("competency:profile", pk=employee.pk)


@login_required
def profile(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = get_profile_employee(request.user, pk)
    found = profile_of(employee)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"kompetensi-{slugify(employee.name)}.xlsx",
            "Profil kompetensi",
            exports.PROFILE_HEADERS,
            exports.profile_rows(found),
        )
    return render(
        request,
        "competency/profile.html",
        {
            "profile": found,
            "employee": employee,
            "is_self": request.user.pk == employee.user_id,
            "can_set": request.user.has_perm("competency.set_level", employee),
        },
    )


@login_required
def profile_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = get_profile_employee(request.user, pk)
    content = documents.profile_pdf(profile_of(employee), agency_name=employee.agency.name)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="profil-kompetensi-{slugify(employee.name)}.pdf"'
    )
    return response


@login_required
def level_set(request: AuthedRequest, pk: int) -> HttpResponse:
    """Set one current level of the employee (supervisor: of a direct report; admin: anyone)."""
    employee = get_profile_employee(request.user, pk)
    require(request.user, "competency.set_level", employee)
    is_admin = request.user.has_perm("competency.manage_dictionary", employee)
    competencies = Competency.objects.filter(is_active=True).order_by("kind", "code")
    chosen = request.POST.get("competency") or request.GET.get("competency") or ""
    existing = (
        EmployeeCompetency.objects.filter(employee=employee, competency_id=int(chosen)).first()
        if chosen.isdigit()
        else None
    )
    initial = {"competency": chosen} if chosen.isdigit() else {}
    if existing is not None:
        initial |= {"level": existing.level, "version": existing.version, "note": existing.note}
    form = SetLevelForm(
        request.POST or None,
        competencies=competencies,
        can_choose_source=is_admin,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_employee_level(
                employee,
                actor=request.user,
                competency=data["competency"],
                level=data["level"],
                assessed_on=data["assessed_on"],
                source=data.get("source") or "atasan",
                note=data["note"],
                expected_version=data.get("version"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Level %(competency)s ditetapkan: %(level)s.")
                % {"competency": data["competency"].name, "level": data["level"]},
            )
            return redirect("competency:profile", pk=employee.pk)
    return render(
        request,
        "competency/level_form.html",
        {"employee": employee, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@login_required
def team(request: AuthedRequest) -> HttpResponse:
    """The employees the user may see with how many competencies they fall short in; the
    drill-down of the gap reports (by unit, by competency and state)."""
    require(request.user, "competency.view_team")
    form = TeamFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = Unit.objects.filter(pk=int(request.GET["unit"])).first()
    competency = None
    if request.GET.get("competency", "").isdigit():
        competency = Competency.objects.filter(pk=int(request.GET["competency"])).first()
    state = request.GET.get("state", "")
    filters = TeamFilters(
        q=data.get("q", ""),
        unit=unit,
        include_subunits=request.GET.get("subunits", "1") != "0",
        competency_id=competency.pk if competency else None,
        state=state if state in ("required", "assessed", "below") else "",
        below_only=bool(data.get("below")),
    )
    employees = team_list(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "kompetensi-pegawai.xlsx", "Pegawai", exports.TEAM_HEADERS, exports.team_rows(employees)
        )
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "competency/team.html",
        {
            "form": form,
            "page": page,
            "unit": unit,
            "competency": competency,
            "state": filters.state,
            "subunits": filters.include_subunits,
            "query": query.urlencode(),
            "filtered": bool(filters.q or unit or competency or filters.below_only),
            "list_url": reverse("competency:team"),
        },
    )
