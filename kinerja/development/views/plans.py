"""The plan pages: the list of plans in reach, one plan with its actions (propose, agree,
return), adding a training with the matching internal trainers proposed first, and recording
completion with the certificate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.development import exports, rules
from kinerja.development.forms import (
    CompleteForm,
    ItemForm,
    ItemStepForm,
    PlanFilterForm,
    ReturnForm,
    VersionForm,
)
from kinerja.development.matching import matching_trainers
from kinerja.development.models import (
    Delivery,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
    Training,
)
from kinerja.development.selectors import people as selectors
from kinerja.development.services import plans as services
from kinerja.development.views import export_response, query_without_page


@login_required
def plan_list(request: AuthedRequest) -> HttpResponse:
    """Plans of the employees in reach, with their planned JP and cost."""
    require(request.user, "development.view_reports")
    form = PlanFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = selectors.plans_visible_to(
        request.user, q=data.get("q", ""), status=data.get("status", ""), year=data.get("year")
    )
    exported = export_response(request, exports.plans_table(found))
    if exported:
        return exported
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "development/plan_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": any(data.values()),
        },
    )


@login_required
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    items = list(selectors.plan_items(plan))
    return render(
        request,
        "development/plan_detail.html",
        {
            "plan": plan,
            "items": items,
            "planned_jp": sum(item.jp for item in items),
            "planned_cost": sum((item.cost for item in items), Decimal(0)),
            "can_edit": plan.is_editable and request.user.has_perm("development.edit_plan", plan),
            "can_propose": plan.status == PlanStatus.DRAFT
            and request.user.has_perm("development.edit_plan", plan),
            "can_agree": plan.status == PlanStatus.PROPOSED
            and request.user.has_perm("development.agree_plan", plan),
            "can_complete": plan.status in (PlanStatus.AGREED, PlanStatus.DONE)
            and request.user.has_perm("development.record_completion", plan),
            "return_form": ReturnForm(initial={"version": plan.version}),
        },
    )


def _trainings_for_plan() -> Any:
    # Internal before external: the saving is shown beside each.
    return Training.objects.filter(is_active=True).order_by("-delivery", "title")


@login_required
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Add a training: step 1 picks the training and dates (GET), step 2 the matching internal
    trainer (best level first, the learner never among them) and confirms (POST)."""
    plan = selectors.get_plan_for(request.user, pk)
    require(request.user, "development.edit_plan", plan)
    if not plan.is_editable:
        messages.error(request, _("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."))
        return redirect("development:plan-detail", pk=plan.pk)
    recommendations = Recommendation.objects.filter(
        employee_id=plan.employee_id, status=RecommendationStatus.OPEN
    )
    source = request.POST if request.method == "POST" else request.GET
    trainings = _trainings_for_plan()
    step = ItemStepForm(
        source if source.get("training") else None,
        trainings=trainings,
        recommendations=recommendations,
        initial={"recommendation": request.GET.get("recommendation")},
    )
    if not step.is_bound or not step.is_valid():
        return render(
            request,
            "development/item_form.html",
            {"plan": plan, "step": step, "trainings": list(trainings)},
            status=400 if step.errors else 200,
        )
    data = step.cleaned_data
    training = data["training"]
    trainers = matching_trainers(
        training, start=data["start_date"], end=data["end_date"], learner_id=plan.employee_id
    )
    form = ItemForm(
        source,
        trainings=trainings,
        recommendations=recommendations,
        trainers=trainers,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_item(
                plan,
                actor=request.user,
                training=training,
                start_date=data["start_date"],
                end_date=data["end_date"],
                trainer=form.cleaned_data.get("trainer"),
                recommendation=data.get("recommendation"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Pelatihan ditambahkan ke rencana."))
            return redirect("development:plan-detail", pk=plan.pk)
    alternatives = (
        Training.objects.filter(
            is_active=True, competency_id=training.competency_id, delivery=Delivery.INTERNAL
        ).exclude(pk=training.pk)
        if training.competency_id and not training.is_internal
        else Training.objects.none()
    )
    return render(
        request,
        "development/item_form.html",
        {
            "plan": plan,
            "step": step,
            "form": form,
            "training": training,
            "trainers": trainers,
            "alternatives": alternatives,
            "saving": rules.saving(training.external_equivalent_cost, training.cost),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def item_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for(request.user, pk)
    try:
        services.remove_item(item, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Pelatihan dihapus dari rencana."))
    return redirect("development:plan-detail", pk=item.plan_id)


def _transition(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    form: VersionForm = (ReturnForm if action == "return" else VersionForm)(request.POST)
    if not form.is_valid():
        text = (
            _("Tuliskan catatan mengapa rencana dikembalikan.")
            if action == "return"
            else _("Permintaan tidak lengkap; muat ulang halaman.")
        )
        messages.error(request, text)
        return redirect("development:plan-detail", pk=plan.pk)
    version = form.cleaned_data["version"]
    try:
        if action == "propose":
            services.propose_plan(plan, actor=request.user, expected_version=version)
            messages.success(request, _("Rencana diajukan kepada atasan langsung."))
        elif action == "agree":
            services.agree_plan(plan, actor=request.user, expected_version=version)
            messages.success(request, _("Rencana disetujui."))
        else:
            services.return_plan(
                plan, actor=request.user, expected_version=version, note=form.cleaned_data["note"]
            )
            messages.success(request, _("Rencana dikembalikan kepada pegawai."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("development:plan-detail", pk=plan.pk)


@login_required
@require_POST
def plan_propose(request: AuthedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "propose")


@login_required
@require_POST
def plan_agree(request: AuthedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "agree")


@login_required
@require_POST
def plan_return(request: AuthedRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "return")


@login_required
def item_complete(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record completion of a training with the date and the certificate."""
    item = selectors.get_item_for(request.user, pk)
    require(request.user, "development.record_completion", item.plan)
    form = CompleteForm(
        request.POST or None,
        request.FILES or None,
        initial={"completed_on": min(item.end_date, timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("certificate")
        try:
            record = services.complete_item(
                item,
                actor=request.user,
                completed_on=form.cleaned_data["completed_on"],
                certificate=upload.read() if upload else None,
                certificate_name=upload.name if upload else "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Penyelesaian dicatat: %(jp)s JP.") % {"jp": record.jp})
            return redirect("development:plan-detail", pk=item.plan_id)
    return render(
        request,
        "development/item_complete.html",
        {"item": item, "form": form},
        status=400 if form.errors else 200,
    )
