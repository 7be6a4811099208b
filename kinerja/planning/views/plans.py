"""SKP pages: my plans, the plan document (edit while draft, decide as rater), all plans."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import actor_of, require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Employee, Unit
from kinerja.planning import selectors, services
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.forms import (
    AppendixForm,
    ExpectationsForm,
    IndicatorForm,
    PlanFilterForm,
    RaterForm,
    ResultForm,
    ReturnForm,
    ReviseForm,
    StartPlanForm,
    VersionForm,
)
from kinerja.planning.models import Indicator, PerformancePlan, PlannedResult, PlanStatus


@login_required
def my_plans(request: AuthedRequest) -> HttpResponse:
    """The SKP saya page: every plan of the signed-in employee, and starting a new one."""
    employee_id = actor_of(request.user).employee_id
    form = StartPlanForm(periods=selectors.open_periods()) if employee_id else None
    return render(
        request,
        "planning/plan_mine.html",
        {"plans": selectors.my_plans(request.user), "form": form},
    )


@login_required
@require_POST
def plan_start(request: AuthedRequest) -> HttpResponse:
    employee_id = actor_of(request.user).employee_id
    if employee_id is None:
        messages.error(request, _("Akun ini tidak terhubung dengan data pegawai."))
        return redirect("planning:plan-mine")
    employee = Employee.objects.get(pk=employee_id)
    form = StartPlanForm(request.POST, periods=selectors.open_periods())
    if not form.is_valid():
        messages.error(request, _("Pilih periode SKP."))
        return redirect("planning:plan-mine")
    try:
        plan = services.start_plan(
            employee,
            actor=request.user,
            period=form.cleaned_data["period"],
            copy_previous=form.cleaned_data["copy_previous"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:plan-mine")
    messages.success(request, _("Draf SKP dibuat."))
    return redirect("planning:plan-detail", pk=plan.pk)


def _version(plan: PerformancePlan) -> dict[str, int]:
    return {"version": plan.version}


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The SKP document; forms for the employee while draft, decisions for the rater."""
    plan = selectors.get_plan_for(request.user, pk)
    user = request.user
    can_edit = plan.is_editable and user.has_perm("planning.edit_plan", plan)
    can_decide = (
        plan.is_current
        and plan.status == PlanStatus.SUBMITTED
        and user.has_perm("planning.decide_plan", plan)
        and plan.rater_id != plan.employee_id
    )
    expectations = {e.value: e.text for e in plan.expectations.all()}
    results = list(plan.results.all())
    context: dict[str, Any] = {
        "plan": plan,
        "main_results": [r for r in results if r.kind == "utama"],
        "additional_results": [r for r in results if r.kind == "tambahan"],
        "values": [(value, expectations.get(value.code, "")) for value in CORE_VALUES],
        "can_edit": can_edit,
        "can_decide": can_decide,
        "can_revise": plan.is_current
        and plan.status == PlanStatus.APPROVED
        and user.has_perm("planning.revise_plan", plan),
        "can_override": plan.is_current
        and plan.status != PlanStatus.APPROVED
        and user.has_perm("planning.override_rater", plan),
        "employee": plan.snapshot.get("employee") or services.person_snapshot(plan.employee),
        "rater": plan.snapshot.get("rater") or services.person_snapshot(plan.rater),
    }
    if can_edit:
        context["result_form"] = ResultForm(
            initial=_version(plan), parents=selectors.cascade_choices(plan)
        )
        context["indicator_form"] = IndicatorForm(initial=_version(plan))
        context["appendix_form"] = AppendixForm(
            initial={
                **_version(plan),
                "resources": plan.resources,
                "accountability": plan.accountability,
                "consequences": plan.consequences,
            }
        )
    if can_edit or can_decide:
        context["expectations_form"] = ExpectationsForm(initial={**_version(plan), **expectations})
    if can_decide:
        context["return_form"] = ReturnForm(initial=_version(plan))
    if context["can_revise"]:
        context["revise_form"] = ReviseForm(initial=_version(plan))
    return render(request, "planning/plan_detail.html", context)


def _act(
    request: AuthedRequest,
    plan: PerformancePlan,
    form: VersionForm,
    action: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """Run one service with the form's values; show its refusal as a message on the page."""
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("planning:plan-detail", pk=plan.pk)
    try:
        outcome = action(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:plan-detail", pk=plan.pk)
    messages.success(request, success)
    target = outcome if isinstance(outcome, PerformancePlan) else plan
    return redirect("planning:plan-detail", pk=target.pk)


@login_required
@require_POST
def result_add(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    form = ResultForm(request.POST, parents=selectors.cascade_choices(plan))
    return _act(
        request,
        plan,
        form,
        lambda data: services.add_result(
            plan,
            actor=request.user,
            expected_version=data["version"],
            kind=data["kind"],
            text=data["text"],
            parent=data["parent"],
            perspective=data["perspective"],
        ),
        _("RHK ditambahkan."),
    )


def _result_for(request: AuthedRequest, pk: int) -> PlannedResult:
    result = get_object_or_404(PlannedResult, pk=pk)
    selectors.get_plan_for(request.user, result.plan_id)
    return result


@login_required
@require_POST
def result_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    result = _result_for(request, pk)
    return _act(
        request,
        result.plan,
        VersionForm(request.POST),
        lambda data: services.delete_result(
            result, actor=request.user, expected_version=data["version"]
        ),
        _("RHK dihapus."),
    )


@login_required
@require_POST
def indicator_add(request: AuthedRequest, pk: int) -> HttpResponse:
    result = _result_for(request, pk)
    return _act(
        request,
        result.plan,
        IndicatorForm(request.POST),
        lambda data: services.add_indicator(
            result,
            actor=request.user,
            expected_version=data["version"],
            aspect=data["aspect"],
            text=data["text"],
            target_value=data["target_value"],
            target_text=data["target_text"],
            unit_of_measure=data["unit_of_measure"],
        ),
        _("Indikator ditambahkan."),
    )


@login_required
@require_POST
def indicator_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("result"), pk=pk)
    plan = selectors.get_plan_for(request.user, indicator.result.plan_id)
    return _act(
        request,
        plan,
        VersionForm(request.POST),
        lambda data: services.delete_indicator(
            indicator, actor=request.user, expected_version=data["version"]
        ),
        _("Indikator dihapus."),
    )


@login_required
@require_POST
def plan_appendix(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return _act(
        request,
        plan,
        AppendixForm(request.POST),
        lambda data: services.update_appendix(
            plan,
            actor=request.user,
            expected_version=data["version"],
            resources=data["resources"],
            accountability=data["accountability"],
            consequences=data["consequences"],
        ),
        _("Lampiran disimpan."),
    )


@login_required
@require_POST
def plan_expectations(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    form = ExpectationsForm(request.POST)
    return _act(
        request,
        plan,
        form,
        lambda data: services.set_expectations(
            plan, actor=request.user, expected_version=data["version"], texts=form.texts()
        ),
        _("Ekspektasi perilaku disimpan."),
    )


@login_required
@require_POST
def plan_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return _act(
        request,
        plan,
        VersionForm(request.POST),
        lambda data: services.submit_plan(
            plan, actor=request.user, expected_version=data["version"]
        ),
        _("SKP diajukan kepada pejabat penilai."),
    )


@login_required
@require_POST
def plan_return(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return _act(
        request,
        plan,
        ReturnForm(request.POST),
        lambda data: services.return_plan(
            plan, actor=request.user, expected_version=data["version"], note=data["note"]
        ),
        _("SKP dikembalikan kepada pegawai."),
    )


@login_required
@require_POST
def plan_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return _act(
        request,
        plan,
        VersionForm(request.POST),
        lambda data: services.approve_plan(
            plan, actor=request.user, expected_version=data["version"]
        ),
        _("SKP disetujui."),
    )


@login_required
@require_POST
def plan_revise(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return _act(
        request,
        plan,
        ReviseForm(request.POST),
        lambda data: services.revise_plan(
            plan, actor=request.user, expected_version=data["version"], reason=data["reason"]
        ),
        _("Versi revisi SKP dibuat sebagai draf."),
    )


@login_required
def plan_rater(request: AuthedRequest, pk: int) -> HttpResponse:
    """The agency admin names another rater, with a reason."""
    plan = selectors.get_plan_for(request.user, pk)
    require(request.user, "planning.override_rater", plan)
    raters = Employee.objects.filter(is_active=True).exclude(pk=plan.employee_id).order_by("name")
    form = RaterForm(
        request.POST or None, raters=raters, initial={"version": plan.version, "rater": plan.rater}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.override_rater(
                plan,
                actor=request.user,
                expected_version=data["version"],
                rater=data["rater"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Pejabat penilai diganti."))
            return redirect("planning:plan-detail", pk=plan.pk)
    return render(
        request,
        "planning/plan_rater.html",
        {"form": form, "plan": plan},
        status=400 if form.errors else 200,
    )


EXPORT_HEADERS = [
    "Periode",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Pejabat penilai",
    "Status",
    "Revisi",
    "Diajukan",
    "Disetujui",
]


def _export_row(plan: PerformancePlan) -> list[Any]:
    employee = plan.employee
    return [
        plan.period.name,
        employee.nip,
        employee.full_name,
        employee.position.name if employee.position else "",
        employee.unit.name,
        plan.rater.full_name if plan.rater else "",
        plan.get_status_display(),
        plan.revision,
        plan.submitted_at,
        plan.approved_at,
    ]


# Above this many units the filter offers the top-level units (and the chosen one), as the
# employee list does: a select of 3,000 units made the page 190 KB and slow to render.
FULL_TREE_LIMIT = 300


def _filter_units(request: AuthedRequest) -> Any:
    units = Unit.objects.filter(is_active=True).order_by("path")
    if units.count() <= FULL_TREE_LIMIT:
        return units
    shallow = Q(depth=0)
    chosen = request.GET.get("unit", "")
    if chosen.isdigit():
        shallow |= Q(pk=int(chosen))
    return units.filter(shallow)


@login_required
def plan_list(request: AuthedRequest) -> HttpResponse:
    """Every plan the user may see (admins, inspectors, heads), filtered, paged, exportable."""
    require(request.user, "planning.list_plans")
    form = PlanFilterForm(
        request.GET or None, periods=selectors.open_periods(), units=_filter_units(request)
    )
    filters = selectors.PlanFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PlanFilters(
            period=data["period"], status=data["status"], unit=data["unit"], q=data["q"]
        )
    plans = selectors.plans_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "skp.xlsx", "SKP", EXPORT_HEADERS, (_export_row(p) for p in plans.iterator(2000))
        )
    page = Paginator(plans, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "planning/plan_list.html#results", context)
    return render(request, "planning/plan_list.html", context)
