"""Execution pages: the realisation sheet of a plan and sub-period (the employee records, the
rater gives feedback), evidence download, "Kinerja saya", the supervisor's team and the
realisation list of a unit or agency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.appraisal import evidence as sniffing
from kinerja.appraisal.forms.execution import (
    DialogueForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    FeedbackForm,
    RealisationFilterForm,
    RealisationForm,
)
from kinerja.appraisal.models import EvidenceKind, Realisation
from kinerja.appraisal.selectors import execution as selectors
from kinerja.appraisal.selectors import team as team_selectors
from kinerja.appraisal.services import execution as services
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, stored_file_response
from kinerja.core.permissions import actor_of, require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.planning.models import Indicator, PlannedResult
from kinerja.planning.selectors import open_periods

# --- The realisation sheet ------------------------------------------------------------------


@dataclass
class RowForms:
    """One indicator row with the forms the viewer may use on it."""

    row: selectors.IndicatorRow
    form: RealisationForm | None = None
    file_form: EvidenceFileForm | None = None
    link_form: EvidenceLinkForm | None = None


def _realisation_form(row: selectors.IndicatorRow) -> RealisationForm:
    realisation = row.realisation
    if realisation is None:
        return RealisationForm(prefix=f"r{row.indicator.pk}", initial={"version": 0})
    form = RealisationForm(
        prefix=f"r{row.indicator.pk}",
        initial={
            "version": realisation.version,
            "value": realisation.value,
            "text": realisation.text,
            "note": realisation.note,
        },
    )
    if realisation.computed_at is not None:
        # Fed by data: another value only through the override with a reason (the service
        # refuses it here); the note can still be saved.
        form.fields["value"].widget.attrs["readonly"] = True
    return form


def _render_sheet(
    request: AuthedRequest,
    sheet: selectors.RealisationSheet,
    *,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The page; `bound` replaces a form by the submitted one (with its errors)."""
    bound = bound or {}
    plan, user = sheet.plan, request.user
    own_id = actor_of(user).employee_id
    is_owner = own_id is not None and own_id == plan.employee_id
    is_rater = own_id is not None and own_id == plan.rater_id and not is_owner
    can_record = sheet.is_open and is_owner and user.has_perm("appraisal.record_realisation", plan)
    can_feedback = sheet.is_open and is_rater and user.has_perm("appraisal.give_feedback", plan)

    def with_forms(rows: list[selectors.IndicatorRow]) -> list[RowForms]:
        if not can_record:
            return [RowForms(row) for row in rows]
        entries = []
        for row in rows:
            key = row.realisation.pk if row.realisation else None
            entries.append(
                RowForms(
                    row,
                    bound.get(f"realisation:{row.indicator.pk}") or _realisation_form(row),
                    (bound.get(f"file:{key}") or EvidenceFileForm(prefix=f"f{key}"))
                    if key
                    else None,
                    (bound.get(f"link:{key}") or EvidenceLinkForm(prefix=f"l{key}"))
                    if key
                    else None,
                )
            )
        return entries

    indicators = [row.indicator for row in sheet.rows]
    context: dict[str, Any] = {
        "sheet": sheet,
        "plan": plan,
        "main": [(block.result, with_forms(block.rows)) for block in sheet.main],
        "additional": [(block.result, with_forms(block.rows)) for block in sheet.additional],
        "can_record": can_record,
        "can_feedback": can_feedback,
        "is_owner": is_owner,
        "is_rater": is_rater,
        "max_mb": services.evidence_max_bytes() // (1024 * 1024),
    }
    if can_feedback:
        context["feedback_form"] = bound.get("feedback") or FeedbackForm(indicators=indicators)
        context["dialogue_form"] = bound.get("dialogue") or DialogueForm()
    return render(request, "appraisal/execution_sheet.html", context, status=status)


def _sheet_url(plan_pk: int, number: int, anchor: str = "") -> str:
    url = reverse("appraisal:realisation", kwargs={"pk": plan_pk, "subperiod": number})
    return f"{url}#{anchor}" if anchor else url


@login_required
def realisation_page(request: AuthedRequest, pk: int, subperiod: int | None = None) -> HttpResponse:
    """The realisation of a plan in one sub-period (the current one by default)."""
    return _render_sheet(request, selectors.realisation_sheet(request.user, pk, subperiod))


def _indicator_of(sheet: selectors.RealisationSheet, indicator_pk: int) -> Indicator:
    for row in sheet.rows:
        if row.indicator.pk == indicator_pk:
            return row.indicator
    raise Http404


@login_required
@require_POST
def realisation_save(
    request: AuthedRequest, pk: int, subperiod: int, indicator: int
) -> HttpResponse:
    """The employee records an indicator's realisation (version-checked)."""
    sheet = selectors.realisation_sheet(request.user, pk, subperiod)
    require(request.user, "appraisal.record_realisation", sheet.plan)
    target = _indicator_of(sheet, indicator)
    form = RealisationForm(request.POST, prefix=f"r{target.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_realisation(
                sheet.plan,
                actor=request.user,
                indicator=target,
                subperiod=subperiod,
                value=data["value"],
                text=data["text"],
                note=data["note"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Realisasi disimpan."))
            return redirect(_sheet_url(pk, subperiod, f"indicator-{target.pk}"))
    return _render_sheet(request, sheet, bound={f"realisation:{target.pk}": form}, status=400)


def _realisation_in_sheet(
    request: AuthedRequest, realisation_pk: int
) -> tuple[Realisation, selectors.RealisationSheet]:
    realisation = selectors.get_realisation_for(request.user, realisation_pk)
    require(request.user, "appraisal.record_realisation", realisation.plan)
    sheet = selectors.realisation_sheet(request.user, realisation.plan_id, realisation.subperiod)
    return realisation, sheet


@login_required
@require_POST
def evidence_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee uploads a file as evidence of a realisation."""
    realisation, sheet = _realisation_in_sheet(request, pk)
    form = EvidenceFileForm(request.POST, request.FILES, prefix=f"f{pk}")
    if form.is_valid():
        try:
            services.add_evidence_file(
                realisation,
                actor=request.user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Bukti dukung diunggah."))
            return redirect(
                _sheet_url(
                    realisation.plan_id,
                    realisation.subperiod,
                    f"indicator-{realisation.indicator_id}",
                )
            )
    return _render_sheet(request, sheet, bound={f"file:{pk}": form}, status=400)


@login_required
@require_POST
def evidence_link(request: AuthedRequest, pk: int) -> HttpResponse:
    """The employee adds a link (http/https) as evidence of a realisation."""
    realisation, sheet = _realisation_in_sheet(request, pk)
    form = EvidenceLinkForm(request.POST, prefix=f"l{pk}")
    if form.is_valid():
        try:
            services.add_evidence_link(
                realisation,
                actor=request.user,
                url=form.cleaned_data["url"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Tautan bukti dukung ditambahkan."))
            return redirect(
                _sheet_url(
                    realisation.plan_id,
                    realisation.subperiod,
                    f"indicator-{realisation.indicator_id}",
                )
            )
    return _render_sheet(request, sheet, bound={f"link:{pk}": form}, status=400)


@login_required
@require_POST
def evidence_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    evidence = selectors.get_evidence_for(request.user, pk)
    realisation = evidence.realisation
    try:
        services.delete_evidence(evidence, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Bukti dukung dihapus."))
    return redirect(
        _sheet_url(
            realisation.plan_id, realisation.subperiod, f"indicator-{realisation.indicator_id}"
        )
    )


@login_required
def evidence_download(request: AuthedRequest, pk: int) -> FileResponse:
    """The stored file, to those who may see the plan: always a download, never rendered."""
    evidence = selectors.get_evidence_for(request.user, pk)
    if evidence.kind != EvidenceKind.FILE:
        raise Http404
    return stored_file_response(
        evidence.file,
        filename=sniffing.download_name(evidence.original_name, evidence.content_type),
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def feedback_add(request: AuthedRequest, pk: int, subperiod: int) -> HttpResponse:
    """The rater gives feedback on an indicator or a BerAKHLAK value."""
    sheet = selectors.realisation_sheet(request.user, pk, subperiod)
    require(request.user, "appraisal.give_feedback", sheet.plan)
    form = FeedbackForm(request.POST, indicators=[row.indicator for row in sheet.rows])
    if form.is_valid():
        indicator, value = form.target()
        try:
            services.give_feedback(
                sheet.plan,
                actor=request.user,
                subperiod=subperiod,
                text=form.cleaned_data["text"],
                indicator=indicator,
                value=value,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Umpan balik disimpan dan pegawai diberi tahu."))
            return redirect(_sheet_url(pk, subperiod, "feedback"))
    return _render_sheet(request, sheet, bound={"feedback": form}, status=400)


@login_required
@require_POST
def dialogue_add(request: AuthedRequest, pk: int, subperiod: int) -> HttpResponse:
    """The rater records a performance dialogue."""
    sheet = selectors.realisation_sheet(request.user, pk, subperiod)
    require(request.user, "appraisal.give_feedback", sheet.plan)
    form = DialogueForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_dialogue(
                sheet.plan,
                actor=request.user,
                subperiod=subperiod,
                held_on=data["held_on"],
                status=data["status"],
                explanation=data["explanation"],
                cause=data["cause"],
                follow_up=data["follow_up"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Dialog kinerja dicatat."))
            return redirect(_sheet_url(pk, subperiod, "dialogues"))
    return _render_sheet(request, sheet, bound={"dialogue": form}, status=400)


# --- Kinerja saya -----------------------------------------------------------------------------


@login_required
def my_performance(request: AuthedRequest) -> HttpResponse:
    """The signed-in employee's progress, feedback received and predicate history."""
    overview = selectors.my_performance(request.user)
    return render(
        request,
        "appraisal/my_performance.html",
        {"overview": overview, "is_employee": actor_of(request.user).employee_id is not None},
    )


# --- The supervisor's team ----------------------------------------------------------------------

TEAM_HEADERS = [
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Plt./Plh.",
    "Status SKP",
    "Indikator",
    "Indikator dengan realisasi",
    "Bukti dukung",
    "Umpan balik diberikan",
    "Realisasi tanpa umpan balik",
]


def _team_row(row: team_selectors.TeamRow) -> list[Any]:
    employee = row.employee
    return [
        employee.nip,
        employee.full_name,
        employee.position.name if employee.position else "",
        employee.unit.name,
        "Ya" if row.is_acting else "",
        row.plan.get_status_display() if row.plan else "Belum dibuat",
        row.indicators,
        row.realised,
        row.evidence,
        row.feedback,
        row.without_feedback,
    ]


@login_required
def team_performance(request: AuthedRequest) -> HttpResponse:
    """Each report's SKP status and this sub-period's realisation, evidence and feedback,
    50 per page with a search by name or NIP; what waits for the supervisor over the whole team."""
    require(request.user, "appraisal.view_team_performance")
    periods = list(open_periods())
    chosen = request.GET.get("period")
    period = next((p for p in periods if str(p.pk) == chosen), periods[0] if periods else None)
    context: dict[str, Any] = {"periods": periods, "period": period}
    if period is not None:
        if request.GET.get("format") == "xlsx":
            rows = team_selectors.whole_team(request.user, period)
            return xlsx_response(
                "kinerja-tim.xlsx", "Kinerja tim", TEAM_HEADERS, (_team_row(r) for r in rows)
            )
        q = request.GET.get("q", "").strip()[:100]
        team = team_selectors.team_performance(
            request.user, period, q=q, page=request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update({"team": team, "page": team.page, "query": query.urlencode(), "q": q})
    return render(request, "appraisal/team_performance.html", context)


# --- Realisations of a unit or the agency --------------------------------------------------------

LIST_HEADERS = [
    "Periode",
    "Periode ke",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Jenis RHK",
    "Rencana hasil kerja",
    "Aspek",
    "Indikator",
    "Target",
    "Satuan",
    "Realisasi",
    "Realisasi (uraian)",
    "Capaian (%)",
    "Catatan",
    "Bukti dukung",
]


def _list_row(realisation: Realisation) -> list[Any]:
    plan, indicator = realisation.plan, realisation.indicator
    employee = plan.employee
    result: PlannedResult = indicator.result
    reached = selectors.indicator_achievement(
        plan.period, indicator, realisation, len(selectors.plan_subperiods(plan))
    )
    return [
        plan.period.name,
        realisation.subperiod,
        employee.nip,
        employee.full_name,
        employee.position.name if employee.position else "",
        employee.unit.name,
        result.get_kind_display(),
        result.text,
        indicator.get_aspect_display(),
        indicator.text,
        indicator.target_value if indicator.target_value is not None else indicator.target_text,
        indicator.unit_of_measure,
        realisation.value,
        realisation.text,
        reached.percent if reached.percent is not None else reached.reason,
        realisation.note,
        getattr(realisation, "evidence_count", 0),
    ]


@login_required
def realisation_list(request: AuthedRequest) -> HttpResponse:
    """Realisations of a unit or the whole agency (admin, head, inspector), paged or as XLSX."""
    require(request.user, "appraisal.list_realisations")
    form = RealisationFilterForm(
        request.GET or None,
        periods=open_periods(),
        units=Unit.objects.filter(is_active=True).order_by("path"),
    )
    filters = selectors.RealisationFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.RealisationFilters(
            period=data["period"], unit=data["unit"], subperiod=data["subperiod"], q=data["q"]
        )
    rows = selectors.realisations_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "realisasi.xlsx", "Realisasi", LIST_HEADERS, (_list_row(r) for r in rows.iterator(2000))
        )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    entries = [
        (
            r,
            selectors.indicator_achievement(
                r.plan.period, r.indicator, r, len(selectors.plan_subperiods(r.plan))
            ),
        )
        for r in page.object_list
    ]
    context = {"form": form, "page": page, "entries": entries, "query": query.urlencode()}
    return render(request, "appraisal/execution_list.html", context)
