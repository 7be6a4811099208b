"""Evaluation pages: the rater's list, opening an evaluation, the evaluation document with the
decision (and the suggestion beside it), reopening by an admin, filing an objection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.appraisal.forms.evaluation import (
    EvaluationFilterForm,
    ObjectionForm,
    OpenEvaluationForm,
    RateForm,
    ReasonForm,
)
from kinerja.appraisal.models import Evaluation, ObjectionStatus
from kinerja.appraisal.selectors import evaluation as selectors
from kinerja.appraisal.services import evaluation as services
from kinerja.appraisal.services.objections import file_objection, objection_deadline
from kinerja.appraisal.suggestion import Suggestion
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import actor_of
from kinerja.core.spreadsheets import xlsx_response
from kinerja.planning.models import PerformancePlan, Period


def _periods() -> Any:
    return Period.objects.order_by("-year", "-start_date")


EXPORT_HEADERS = [
    "Periode",
    "Evaluasi",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Pejabat penilai",
    "Status",
    "Rating hasil kerja",
    "Rating perilaku kerja",
    "Predikat",
    "Saran rating hasil kerja",
    "Dinilai",
    "Ditetapkan",
]


def _export_row(evaluation: Evaluation) -> list[Any]:
    employee = evaluation.employee
    return [
        evaluation.period.name,
        selectors.subperiod_label(evaluation.period, evaluation.subperiod),
        employee.nip,
        employee.full_name,
        employee.position.name if employee.position else "",
        evaluation.unit.name,
        evaluation.rater.full_name if evaluation.rater else "",
        evaluation.get_status_display(),
        evaluation.results_rating,
        evaluation.behaviour_rating,
        evaluation.predicate,
        evaluation.suggested_results_rating,
        evaluation.rated_at,
        evaluation.finalised_at,
    ]


# The SKP the rater may open evaluations of, shown a page at a time above the list (a rater of
# 262 made the page 430 KB when every one was rendered with its form).
OPEN_PAGE_SIZE = 20


@login_required
def evaluation_list(request: AuthedRequest) -> HttpResponse:
    """Evaluations in the user's reach (their own, those they rate, their units'), filtered,
    paged and exportable; above them, the SKP the user rates with a form to open one."""
    form = EvaluationFilterForm(request.GET or None, periods=_periods())
    filters = selectors.EvaluationFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.EvaluationFilters(
            period=data["period"],
            kind=data["kind"],
            subperiod=data["subperiod"],
            status=data["status"],
            q=data["q"],
        )
    evaluations = selectors.evaluations_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "evaluasi-kinerja.xlsx",
            "Evaluasi",
            EXPORT_HEADERS,
            (_export_row(e) for e in evaluations.iterator(2000)),
        )
    page = Paginator(evaluations, 25).get_page(request.GET.get("page"))
    rows = [(e, selectors.subperiod_label(e.period, e.subperiod)) for e in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
    }
    if request.htmx:
        return render(request, "appraisal/evaluation_list.html#results", context)
    to_open = Paginator(selectors.plans_to_evaluate(request.user), OPEN_PAGE_SIZE)
    open_page = to_open.get_page(request.GET.get("buka"))
    context["open_page"] = open_page
    context["to_open"] = [
        (plan, [(0, selectors.ANNUAL_LABEL), *_blocks(plan)]) for plan in open_page.object_list
    ]
    open_query = request.GET.copy()
    open_query.pop("buka", None)
    context["open_query"] = open_query.urlencode()
    return render(request, "appraisal/evaluation_list.html", context)


def _blocks(plan: PerformancePlan) -> list[tuple[int, str]]:
    return [
        (block.number, block.label)
        for block in selectors.period_subperiods(plan.period)
        if block.start <= plan.segment_end and block.end >= plan.segment_start
    ]


@login_required
@require_POST
def evaluation_open(request: AuthedRequest) -> HttpResponse:
    """The rater opens the evaluation of an SKP they rate for a sub-period or the year."""
    form = OpenEvaluationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih SKP dan periode evaluasi."))
        return redirect("appraisal:evaluation-list")
    plan = PerformancePlan.objects.select_related("period").filter(pk=form.cleaned_data["plan"])
    found = plan.first()
    if found is None or not request.user.has_perm("planning.view_plan", found):
        raise Http404
    try:
        evaluation = services.open_evaluation(
            found, actor=request.user, subperiod=form.cleaned_data["subperiod"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("appraisal:evaluation-list")
    return redirect("appraisal:evaluation-detail", pk=evaluation.pk)


def _may_rate(request: AuthedRequest, evaluation: Evaluation) -> bool:
    own_id = actor_of(request.user).employee_id
    return (
        not evaluation.is_final
        and own_id is not None
        and evaluation.rater_id == own_id
        and evaluation.employee_id != own_id
        and request.user.has_perm("appraisal.rate_evaluation", evaluation)
    )


def _may_object(request: AuthedRequest, evaluation: Evaluation, objections: list[Any]) -> bool:
    deadline = objection_deadline(evaluation)
    return (
        evaluation.is_final
        and request.user.has_perm("appraisal.file_objection", evaluation)
        and deadline is not None
        and timezone.localdate() <= deadline
        and not [o for o in objections if o.status != ObjectionStatus.WITHDRAWN]
    )


@login_required
def evaluation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The evaluation document; the decision form for the rater while it is not final."""
    evaluation = selectors.get_evaluation_for(request.user, pk)
    document = selectors.evaluation_document(evaluation)
    objections = list(evaluation.objections.select_related("decider").order_by("-created_at"))
    can_rate = _may_rate(request, evaluation)
    stored = evaluation.rated_at is not None
    suggestion = (
        Suggestion(None, tuple(evaluation.suggestion_reasons)) if stored else document.suggestion
    )
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "label": selectors.subperiod_label(evaluation.period, evaluation.subperiod),
        "document": document,
        "suggested_rating": evaluation.suggested_results_rating
        if stored
        else (document.suggestion.rating.value if document.suggestion.rating else ""),
        "suggestion_reasons": suggestion.reasons,
        "suggestion_stored": stored,
        "employee": evaluation.snapshot.get("employee")
        or services.person_snapshot(evaluation.employee),
        "rater": evaluation.snapshot.get("rater") or services.person_snapshot(evaluation.rater),
        "can_rate": can_rate,
        "can_reopen": evaluation.is_final
        and request.user.has_perm("appraisal.reopen_evaluation", evaluation),
        "objections": objections,
        "deadline": objection_deadline(evaluation),
        "can_view_unit": request.user.has_perm("appraisal.view_unit_assessment", evaluation.unit),
    }
    if can_rate:
        context["rate_form"] = RateForm(
            initial={
                "version": evaluation.version,
                "results_rating": evaluation.results_rating,
                "behaviour_rating": evaluation.behaviour_rating,
                "results_note": evaluation.results_note,
                "behaviour_note": evaluation.behaviour_note,
            }
        )
    if context["can_reopen"]:
        context["reopen_form"] = ReasonForm(initial={"version": evaluation.version})
    if _may_object(request, evaluation, objections):
        context["objection_form"] = ObjectionForm()
    return render(request, "appraisal/evaluation_detail.html", context)


def _act(
    request: AuthedRequest,
    evaluation: Evaluation,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """Run one service with the form's values; show its refusal as a message on the page."""
    target = reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk})
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(target)
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(target)
    messages.success(request, success)
    return redirect(target)


@login_required
@require_POST
def evaluation_rate(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_evaluation_for(request.user, pk)
    return _act(
        request,
        evaluation,
        RateForm(request.POST),
        lambda data: services.rate_evaluation(
            evaluation,
            actor=request.user,
            expected_version=data["version"],
            results_rating=data["results_rating"],
            behaviour_rating=data["behaviour_rating"],
            results_note=data["results_note"],
            behaviour_note=data["behaviour_note"],
        ),
        _("Penilaian disimpan."),
    )


@login_required
@require_POST
def evaluation_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_evaluation_for(request.user, pk)
    return _act(
        request,
        evaluation,
        ReasonForm(request.POST),
        lambda data: services.reopen_evaluation(
            evaluation, actor=request.user, expected_version=data["version"], reason=data["reason"]
        ),
        _("Evaluasi dibuka kembali."),
    )


@login_required
@require_POST
def objection_file(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluation = selectors.get_evaluation_for(request.user, pk)
    return _act(
        request,
        evaluation,
        ObjectionForm(request.POST),
        lambda data: file_objection(
            evaluation,
            actor=request.user,
            reason=data["reason"],
            requested_results_rating=data["requested_results_rating"],
            requested_behaviour_rating=data["requested_behaviour_rating"],
        ),
        _("Keberatan diajukan kepada atasan pejabat penilai."),
    )
