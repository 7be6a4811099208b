"""Objection pages: the employee's and the decider's lists, one objection with the decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.appraisal.forms.evaluation import DecideObjectionForm
from kinerja.appraisal.models import Objection, ObjectionStatus
from kinerja.appraisal.selectors import objections as selectors
from kinerja.appraisal.selectors.evaluation import subperiod_label
from kinerja.appraisal.services.objections import decide_objection
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.spreadsheets import xlsx_response

EXPORT_HEADERS = [
    "Diajukan",
    "NIP",
    "Nama",
    "Evaluasi",
    "Periode",
    "Status",
    "Batas keputusan",
    "Predikat semula",
    "Predikat setelah keberatan",
]


def _export_row(objection: Objection) -> list[Any]:
    evaluation = objection.evaluation
    return [
        objection.created_at,
        evaluation.employee.nip,
        evaluation.employee.full_name,
        subperiod_label(evaluation.period, evaluation.subperiod),
        evaluation.period.name,
        objection.get_status_display(),
        objection.decide_by,
        objection.old_predicate,
        objection.new_predicate,
    ]


@login_required
def objection_list(request: AuthedRequest) -> HttpResponse:
    """Objections the user filed, those they decide, and (for overseers) every one in reach."""
    status = request.GET.get("status", "")
    if status not in ObjectionStatus.values:
        status = ""
    q = request.GET.get("q", "")
    visible = selectors.objections_visible_to(request.user, status=status, q=q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "keberatan.xlsx", "Keberatan", EXPORT_HEADERS, (_export_row(o) for o in visible)
        )
    page = Paginator(visible, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "appraisal/objection_list.html",
        {
            "mine": list(selectors.objections_filed_by(request.user)[:50]),
            "to_decide": list(
                selectors.objections_to_decide(request.user).filter(status=ObjectionStatus.PENDING)[
                    :50
                ]
            ),
            "page": page,
            "statuses": ObjectionStatus.choices,
            "status": status,
            "q": q,
            "query": query.urlencode(),
        },
    )


@login_required
def objection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One objection: the reason, the requested ratings, the decision or the decision form."""
    objection = selectors.get_objection_for(request.user, pk)
    can_decide = objection.status == ObjectionStatus.PENDING and request.user.has_perm(
        "appraisal.decide_objection", objection
    )
    form = None
    if can_decide:
        form = DecideObjectionForm(
            initial={
                "version": objection.version,
                "results_rating": objection.requested_results_rating,
                "behaviour_rating": objection.requested_behaviour_rating,
            },
        )
    evaluation = objection.evaluation
    return render(
        request,
        "appraisal/objection_detail.html",
        {
            "objection": objection,
            "evaluation": evaluation,
            "label": subperiod_label(evaluation.period, evaluation.subperiod),
            "form": form,
        },
    )


@login_required
@require_POST
def objection_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    objection = selectors.get_objection_for(request.user, pk)
    form = DecideObjectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decide_objection(
                objection,
                actor=request.user,
                expected_version=data["version"],
                outcome=data["outcome"],
                decision=data["decision"],
                results_rating=data["results_rating"],
                behaviour_rating=data["behaviour_rating"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Keputusan atas keberatan disimpan."))
            return redirect("appraisal:objection-detail", pk=objection.pk)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("appraisal:objection-detail", pk=objection.pk)
