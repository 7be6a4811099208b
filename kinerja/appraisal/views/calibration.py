"""The unit's evaluation page for the head above (SE MenPANRB 3/2023): the organisation
predicate, the employees' predicates against the distribution pattern (chart and table),
calibration adjustments with reasons, the breach confirmation and the finalisation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.appraisal.forms.evaluation import (
    AdjustForm,
    OrganisationPredicateForm,
    ReasonForm,
    VersionForm,
)
from kinerja.appraisal.models import EvaluationStatus, UnitAssessment
from kinerja.appraisal.selectors import calibration as selectors
from kinerja.appraisal.selectors import evaluation as evaluation_selectors
from kinerja.appraisal.services import calibration as services
from kinerja.core.http import AuthedRequest
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.planning.models import Period

# The chart: one row per bar, the label above a bar of at most BAR_WIDTH user units.
BAR_WIDTH = 300
ROW_HEIGHT = 46


@dataclass(frozen=True)
class ChartRow:
    bar: selectors.DistributionBar
    y: int
    width: int
    markers: tuple[tuple[int, str, str], ...]  # x, kind ("max"/"min"), label

    @property
    def label_y(self) -> int:
        return self.y + 13

    @property
    def bar_y(self) -> int:
        return self.y + 19

    @property
    def text_y(self) -> int:
        return self.y + 32

    @property
    def marker_top(self) -> int:
        return self.y + 15

    @property
    def marker_bottom(self) -> int:
        return self.y + 41


def _chart(bars: list[selectors.DistributionBar]) -> list[ChartRow]:
    rows = []
    for index, bar in enumerate(bars):
        rows.append(
            ChartRow(
                bar=bar,
                y=index * ROW_HEIGHT,
                width=round(float(bar.share) * BAR_WIDTH),
                markers=tuple(
                    (round(float(limit.share) * BAR_WIDTH), limit.kind, limit.label)
                    for limit in bar.limits
                ),
            )
        )
    return rows


def _choice(request: AuthedRequest, unit: Unit) -> tuple[list[Period], Period | None, int]:
    """The period and sub-period chosen by ?period= and ?sub= (default: the newest period,
    and the sub-period last rated in the unit, else the annual evaluation)."""
    periods = list(Period.objects.order_by("-year", "-start_date"))
    wanted = request.GET.get("period")
    period = next((p for p in periods if str(p.pk) == wanted), None)
    if period is None:
        period = next((p for p in periods if p.is_active), periods[0] if periods else None)
    sub = request.GET.get("sub", "")
    if sub.isdigit():
        return periods, period, int(sub)
    last = (
        unit.evaluations.filter(period=period).exclude(rated_at=None).order_by("-rated_at").first()
        if period is not None
        else None
    )
    return periods, period, last.subperiod if last is not None else 0


def _page_url(unit_pk: int, period_pk: int, subperiod: int) -> str:
    url = reverse("appraisal:calibration", kwargs={"unit_pk": unit_pk})
    return f"{url}?period={period_pk}&sub={subperiod}"


@login_required
def calibration_index(request: AuthedRequest) -> HttpResponse:
    """The units whose organisation predicate the user sets."""
    return render(
        request,
        "appraisal/calibration_index.html",
        {"units": selectors.units_to_assess(request.user)},
    )


EXPORT_HEADERS = [
    "NIP",
    "Nama",
    "Jabatan",
    "Pejabat penilai",
    "Status",
    "Rating hasil kerja",
    "Rating perilaku kerja",
    "Predikat",
    "Saran rating hasil kerja",
]


@login_required
def calibration_unit(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    """The unit's evaluation: organisation predicate, distribution, calibration, finalisation."""
    unit = selectors.get_unit_for(request.user, unit_pk)
    periods, period, subperiod = _choice(request, unit)
    context: dict[str, Any] = {"unit": unit, "periods": periods, "period": period}
    if period is None:
        return render(request, "appraisal/calibration_unit.html", context)
    try:
        label = evaluation_selectors.subperiod_label(period, subperiod)
        evaluation_selectors.evaluation_dates(period, subperiod)
    except ValueError:
        subperiod, label = 0, evaluation_selectors.ANNUAL_LABEL
    evaluations = selectors.unit_evaluations(unit, period, subperiod)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "kalibrasi.xlsx",
            "Kalibrasi",
            EXPORT_HEADERS,
            (
                [
                    e.employee.nip,
                    e.employee.full_name,
                    e.employee.position.name if e.employee.position else "",
                    e.rater.full_name if e.rater else "",
                    e.get_status_display(),
                    e.results_rating,
                    e.behaviour_rating,
                    e.predicate,
                    e.suggested_results_rating,
                ]
                for e in evaluations
            ),
        )
    assessment = selectors.find_assessment(unit, period, subperiod)
    can_assess = request.user.has_perm("appraisal.assess_unit", unit)
    is_final = assessment is not None and assessment.is_final
    check = (
        selectors.unit_distribution(assessment.organisation_predicate, evaluations)
        if assessment
        else None
    )
    bars = selectors.distribution_bars(check) if check else []
    evaluation_list = list(evaluations)
    editable = can_assess and not is_final
    context.update(
        {
            "subperiod": subperiod,
            "label": label,
            "subperiods": [
                (0, evaluation_selectors.ANNUAL_LABEL),
                *((b.number, b.label) for b in evaluation_selectors.period_subperiods(period)),
            ],
            "assessment": assessment,
            "rows": [(e, None) for e in evaluation_list],
            "check": check,
            "bars": bars,
            "chart": _chart(bars),
            "chart_height": len(bars) * ROW_HEIGHT,
            "bar_width": BAR_WIDTH,
            "pattern": selectors.pattern_descriptions(assessment.organisation_predicate)
            if assessment
            else [],
            "missing": selectors.missing_ratings(unit, period, subperiod),
            "adjustments": list(selectors.adjustments_of(assessment)) if assessment else [],
            "can_assess": can_assess,
            "editable": editable,
            "query": f"period={period.pk}&sub={subperiod}",
        }
    )
    if editable:
        context["predicate_form"] = OrganisationPredicateForm(
            initial={
                "version": assessment.version if assessment else None,
                "period": period.pk,
                "subperiod": subperiod,
                "organisation_predicate": assessment.organisation_predicate if assessment else "",
                "basis": assessment.basis if assessment else "",
            }
        )
    if editable and assessment is not None:
        context["finalise_version"] = assessment.version
        if check is not None and not check.passes and assessment.breach_confirmed_at is None:
            context["confirm_form"] = ReasonForm(initial={"version": assessment.version})
        context["can_adjust"] = True
        context["rows"] = [
            (
                e,
                AdjustForm(initial={"version": e.version}, prefix=f"e{e.pk}")
                if e.status == EvaluationStatus.RATED
                else None,
            )
            for e in evaluation_list
        ]
    return render(request, "appraisal/calibration_unit.html", context)


def _act(
    request: AuthedRequest,
    target: str,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
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
def calibration_predicate(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    unit = selectors.get_unit_for(request.user, unit_pk)
    form = OrganisationPredicateForm(request.POST)
    period = (
        Period.objects.filter(pk=form.cleaned_data["period"]).first() if form.is_valid() else None
    )
    if period is None:
        messages.error(request, _("Pilih periode dan predikat organisasi."))
        return redirect("appraisal:calibration", unit_pk=unit.pk)
    target = _page_url(unit.pk, period.pk, form.cleaned_data["subperiod"])
    return _act(
        request,
        target,
        form,
        lambda data: services.set_organisation_predicate(
            unit,
            actor=request.user,
            period=period,
            subperiod=data["subperiod"],
            organisation_predicate=data["organisation_predicate"],
            basis=data["basis"],
            expected_version=data["version"],
        ),
        _("Predikat kinerja organisasi disimpan."),
    )


def _assessment(request: AuthedRequest, pk: int) -> tuple[UnitAssessment, str]:
    assessment = selectors.get_assessment_for(request.user, pk)
    return assessment, _page_url(assessment.unit_id, assessment.period_id, assessment.subperiod)


@login_required
@require_POST
def calibration_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    assessment, target = _assessment(request, pk)
    return _act(
        request,
        target,
        ReasonForm(request.POST),
        lambda data: services.confirm_breach(
            assessment, actor=request.user, expected_version=data["version"], reason=data["reason"]
        ),
        _("Penyimpangan pola distribusi dikonfirmasi."),
    )


@login_required
@require_POST
def calibration_finalise(request: AuthedRequest, pk: int) -> HttpResponse:
    assessment, target = _assessment(request, pk)
    return _act(
        request,
        target,
        VersionForm(request.POST),
        lambda data: services.finalise_unit(
            assessment, actor=request.user, expected_version=data["version"]
        ),
        _("Predikat unit difinalkan; evaluasi pegawai kini final."),
    )


@login_required
@require_POST
def calibration_adjust(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_selectors.get_evaluation_for(request.user, pk)
    target = _page_url(evaluation.unit_id, evaluation.period_id, evaluation.subperiod)
    unit = get_object_or_404(Unit, pk=evaluation.unit_id)
    if not request.user.has_perm("appraisal.view_unit_assessment", unit):
        target = reverse("appraisal:evaluation-detail", kwargs={"pk": evaluation.pk})
    return _act(
        request,
        target,
        AdjustForm(request.POST, prefix=f"e{evaluation.pk}"),
        lambda data: services.adjust_rating(
            evaluation,
            actor=request.user,
            expected_version=data["version"],
            field=data["field"],
            value=data["value"],
            reason=data["reason"],
        ),
        _("Rating disesuaikan; predikat dihitung ulang."),
    )
