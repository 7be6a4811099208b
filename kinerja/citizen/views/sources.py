"""Pages of indicators fed by data: "Indikator dari data" of an SKP (per indicator and
sub-period: the value computed from data, the value used, the override reason; the override
form), "Sumber data" of one indicator (bind, change, unbind) and the agency's list."""

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
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.citizen.forms.sources import OverrideForm, SourceFilterForm, SourceForm
from kinerja.citizen.indicator_metrics import ASPECT_NAMES
from kinerja.citizen.models import IndicatorSource
from kinerja.citizen.selectors import sources as selectors
from kinerja.citizen.services import sources as services
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.planning.models import Indicator, PlanStatus
from kinerja.planning.selectors import open_periods

# --- "Indikator dari data" of one SKP -------------------------------------------------------


def _plan_url(plan_pk: int, anchor: str = "") -> str:
    url = reverse("citizen:source-plan", kwargs={"pk": plan_pk})
    return f"{url}#{anchor}" if anchor else url


def target_name(source: IndicatorSource) -> str:
    """What the metric is taken of, in words."""
    parts = []
    if source.service is not None:
        parts.append(source.service.name)
    if source.unit is not None:
        parts.append(source.unit.name)
    if source.employee is not None:
        parts.append(source.employee.name)
    return " · ".join(parts)


PLAN_HEADERS = [
    "RHK",
    "Indikator",
    "Aspek",
    "Target",
    "Satuan",
    "Sumber data",
    "Dari",
    "Periode",
    "Nilai dari data",
    "Nilai dipakai",
    "Alasan nilai manual",
    "Dihitung",
]


def _plan_rows(sheet: selectors.PlanSources) -> list[list[Any]]:
    rows = []
    for row in sheet.bound:
        assert row.source is not None
        for cell in row.cells:
            realisation = cell.realisation
            computed_at = realisation.computed_at if realisation else None
            rows.append(
                [
                    row.result.text,
                    row.indicator.text,
                    row.indicator.get_aspect_display(),
                    row.indicator.target_value,
                    row.indicator.unit_of_measure,
                    row.source.get_metric_display(),
                    target_name(row.source),
                    cell.tab.block.label,
                    realisation.computed_value if realisation else None,
                    realisation.value if realisation else None,
                    realisation.override_reason if realisation else "",
                    timezone.localtime(computed_at).strftime("%d-%m-%Y %H:%M")
                    if computed_at
                    else "",
                ]
            )
    return rows


def _render_plan(
    request: AuthedRequest,
    sheet: selectors.PlanSources,
    *,
    bound: dict[int, OverrideForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    plan, user = sheet.plan, request.user
    can_override = user.has_perm("citizen.override_source_value", plan)
    is_open = plan.status == PlanStatus.APPROVED and plan.is_current
    bound = bound or {}
    rows = []
    for row in sheet.rows:
        cells = []
        for cell in row.cells:
            realisation, form = cell.realisation, None
            editable = (
                can_override
                and is_open
                and realisation is not None
                and realisation.computed_at is not None
                and row.source is not None
                and not cell.tab.final
            )
            if editable:
                assert realisation is not None
                form = bound.get(realisation.pk) or OverrideForm(
                    prefix=f"o{realisation.pk}",
                    initial={
                        "version": realisation.version,
                        "value": realisation.value,
                        "reason": realisation.override_reason,
                    },
                )
            cells.append((cell, form))
        rows.append((row, cells))
    context = {
        "sheet": sheet,
        "plan": plan,
        "can_bind": user.has_perm("citizen.bind_indicator_source", plan),
        "can_override": can_override,
        "can_recompute": user.has_perm("citizen.recompute_plan_sources", plan),
        "rows": [(row, cells) for row, cells in rows if row.source is not None],
        "manual_rows": [row for row, _cells in rows if row.source is None],
        "is_open": is_open,
    }
    return render(request, "citizen/source_plan.html", context, status=status)


@login_required
def source_plan(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every indicator of an SKP with its data source and, per sub-period, the value computed
    from data beside the value used (and why they differ); "Unduh Excel" for the bound ones."""
    sheet = selectors.plan_sources(request.user, pk)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"indikator-dari-data-skp-{sheet.plan.pk}.xlsx",
            "Indikator dari data",
            PLAN_HEADERS,
            _plan_rows(sheet),
        )
    return _render_plan(request, sheet)


@login_required
@require_POST
def source_recompute(request: AuthedRequest, pk: int) -> HttpResponse:
    """Compute the SKP's indicators fed by data now (normally automatic)."""
    sheet = selectors.plan_sources(request.user, pk)
    summary = services.recompute_plan_sources(sheet.plan, actor=request.user)
    messages.success(
        request,
        _("Dihitung ulang: %(stored)s realisasi; %(locked)s terkunci karena evaluasi final.")
        % {"stored": summary.stored, "locked": summary.locked},
    )
    return redirect(_plan_url(pk))


@login_required
@require_POST
def source_override(request: AuthedRequest, pk: int) -> HttpResponse:
    """Use a manual value instead of the computed one, with a reason (the SKP's employee or
    rater, while the sub-period is open)."""
    realisation = selectors.get_fed_realisation_for(request.user, pk)
    require(request.user, "citizen.override_source_value", realisation.plan)
    form = OverrideForm(request.POST, prefix=f"o{pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.override_realisation(
                realisation,
                actor=request.user,
                value=data["value"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Nilai manual dipakai; alasannya dicatat."))
            return redirect(_plan_url(realisation.plan_id, f"indicator-{realisation.indicator_id}"))
    sheet = selectors.plan_sources(request.user, realisation.plan_id)
    return _render_plan(request, sheet, bound={pk: form}, status=400)


@login_required
@require_POST
def source_override_clear(request: AuthedRequest, pk: int) -> HttpResponse:
    """Return to the value computed from data."""
    realisation = selectors.get_fed_realisation_for(request.user, pk)
    require(request.user, "citizen.override_source_value", realisation.plan)
    try:
        services.clear_realisation_override(realisation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Realisasi kembali memakai nilai dari data."))
    return redirect(_plan_url(realisation.plan_id, f"indicator-{realisation.indicator_id}"))


# --- "Sumber data" of one indicator -------------------------------------------------------------


def _source_form(
    indicator: Indicator, source: IndicatorSource | None, data: Any = None
) -> SourceForm:
    choices = selectors.source_choices(indicator.result.plan)
    initial: dict[str, Any] = {"version": 0}
    if source is not None:
        initial = {
            "version": source.version,
            "metric": source.metric,
            "service": source.service_id,
            "unit": source.unit_id,
            "employee": source.employee_id,
        }
    return SourceForm(
        data,
        initial=initial,
        aspect=indicator.aspect,
        services=choices.services,
        units=choices.units,
        employees=choices.employees,
    )


@login_required
def source_indicator(request: AuthedRequest, pk: int) -> HttpResponse:
    """Bind an indicator to a metric, change or remove it (GET shows the page)."""
    indicator = selectors.get_indicator_for(request.user, pk)
    plan = indicator.result.plan
    source = selectors.source_of(indicator)
    can_bind = request.user.has_perm("citizen.bind_indicator_source", plan)
    status = 200
    form = _source_form(indicator, source) if can_bind else None
    if request.method == "POST":
        require(request.user, "citizen.bind_indicator_source", plan)
        form = _source_form(indicator, source, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.bind_indicator_source(
                    indicator,
                    actor=request.user,
                    metric=data["metric"],
                    service=data["service"],
                    unit=data["unit"],
                    employee=data["employee"],
                    expected_version=data["version"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Sumber data disimpan; realisasi dihitung dari data."),
                )
                return redirect(_plan_url(plan.pk, f"indicator-{indicator.pk}"))
        status = 400
    context = {
        "indicator": indicator,
        "plan": plan,
        "source": source,
        "target_name": target_name(source) if source else "",
        "form": form,
        "can_bind": can_bind,
        "aspect_name": ASPECT_NAMES.get(indicator.aspect, indicator.aspect),
    }
    return render(request, "citizen/source_indicator.html", context, status=status)


@login_required
@require_POST
def source_unbind(request: AuthedRequest, pk: int) -> HttpResponse:
    """Stop feeding the indicator from data."""
    indicator = selectors.get_indicator_for(request.user, pk)
    plan = indicator.result.plan
    require(request.user, "citizen.bind_indicator_source", plan)
    source = selectors.source_of(indicator)
    if source is None:
        messages.info(request, _("Indikator ini memang tidak bersumber dari data."))
    else:
        services.unbind_indicator_source(source, actor=request.user)
        messages.success(
            request,
            _("Sumber data dilepas; realisasi dapat dicatat sendiri oleh pegawai."),
        )
    return redirect(_plan_url(plan.pk, f"indicator-{indicator.pk}"))


# --- The agency's list ------------------------------------------------------------------------

LIST_HEADERS = [
    "NIP",
    "Nama",
    "Unit kerja",
    "Periode",
    "Indikator",
    "Aspek",
    "Target",
    "Satuan",
    "Sumber data",
    "Dari",
    "Periode ke (terakhir)",
    "Nilai dipakai",
    "Nilai dari data",
]


def _list_row(source: Any) -> list[Any]:
    indicator = source.indicator
    plan = indicator.result.plan
    return [
        plan.employee.nip,
        plan.employee.full_name,
        plan.employee.unit.name,
        plan.period.name,
        indicator.text,
        indicator.get_aspect_display(),
        indicator.target_value,
        indicator.unit_of_measure,
        source.get_metric_display(),
        target_name(source),
        source.latest_subperiod,
        source.latest_value,
        source.latest_computed,
    ]


@login_required
def source_list(request: AuthedRequest) -> HttpResponse:
    """The agency's indicators fed by data (admin, head, inspector), paged or as XLSX."""
    require(request.user, "citizen.list_indicator_sources")
    form = SourceFilterForm(
        request.GET or None,
        periods=open_periods(),
        units=Unit.objects.filter(is_active=True).order_by("path"),
    )
    filters = selectors.SourceFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.SourceFilters(
            period=data["period"], metric=data["metric"], unit=data["unit"], q=data["q"]
        )
    rows = selectors.sources_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "indikator-dari-data.xlsx",
            "Indikator dari data",
            LIST_HEADERS,
            (_list_row(r) for r in rows.iterator(2000)),
        )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    entries = [(source, target_name(source)) for source in page.object_list]
    context = {"form": form, "page": page, "entries": entries, "query": query.urlencode()}
    return render(request, "citizen/source_list.html", context)
