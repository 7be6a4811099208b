"""The 9-box pages: the grid (counts per box, unit filter, recompute), the people of one box, the
talent pool (boxes 7–9), those not yet mappable, the cut-off settings, and "my box"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import actor_of, require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.talent import documents, exports, selectors
from kinerja.talent.boxes import BOX_ACTIONS, BOX_NAMES, POOL_BOXES
from kinerja.talent.forms import FilterForm, SettingsForm
from kinerja.talent.permissions import reads_whole_agency
from kinerja.talent.services import placements as placement_services
from kinerja.talent.services import settings as settings_services

PAGE_SIZE = 50
PLACEMENT_PDF_WIDTHS = [6, 15, 13, 13, 13, 9, 7, 8, 7, 24, 22]
UNMAPPED_PDF_WIDTHS = [20, 14, 20, 20, 30]


def _filters(request: AuthedRequest) -> tuple[FilterForm, str, Any, str]:
    agency = own_agency(request)
    form = FilterForm(request.GET or None, units=selectors.visible_units(request.user, agency))
    q = request.GET.get("q", "")
    unit_id = request.GET.get("unit") or None
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return form, q, unit_id, query.urlencode()


def _unit_label(request: AuthedRequest, unit_id: Any) -> str:
    """The PDF subtitle: the unit filtered by, or what the unfiltered list covers."""
    if not unit_id:
        if reads_whole_agency(actor_of(request.user)):
            return _("Seluruh instansi")
        return _("Unit kerja dalam jangkauan Anda")
    unit = selectors.visible_units(request.user, own_agency(request)).filter(pk=unit_id).first()
    return unit.name if unit else ""


@login_required
def grid(request: AuthedRequest) -> HttpResponse:
    """The 3×3 grid with the count of each box, and its table view."""
    agency = own_agency(request)
    require(request.user, "talent.view_grid", agency)
    form, _q, unit_id, query = _filters(request)
    found = selectors.grid_for(request.user, agency, unit_id=unit_id)
    context = {
        "grid": found,
        "form": form,
        "query": query,
        "unit_id": unit_id or "",
        "settings": settings_services.settings_of(agency),
        "can_manage": request.user.has_perm("talent.manage", agency),
    }
    return render(request, "talent/grid.html", context)


def _placement_page(
    request: AuthedRequest,
    *,
    boxes: tuple[int, ...],
    title: str,
    description: str,
    filename: str,
    actions: tuple[str, ...] = (),
) -> HttpResponse:
    agency = own_agency(request)
    form, q, unit_id, query = _filters(request)
    placements = selectors.placements_for(request.user, agency, boxes=boxes, unit_id=unit_id, q=q)
    output = request.GET.get("format")
    if output == "xlsx":
        return xlsx_response(
            f"{filename}.xlsx",
            title,
            exports.PLACEMENT_HEADERS,
            exports.placement_rows(placements),
        )
    if output == "pdf":
        content = documents.list_pdf(
            title=title,
            agency_name=agency.name,
            subtitle=_unit_label(request, unit_id),
            headers=exports.PLACEMENT_HEADERS,
            rows=exports.placement_rows(placements),
            widths=PLACEMENT_PDF_WIDTHS,
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "query": query,
        "title": title,
        "description": description,
        "actions": actions,
        "filtered": bool(q or unit_id),
        "box_actions": BOX_ACTIONS,
    }
    return render(request, "talent/placement_list.html", context)


@login_required
def box_detail(request: AuthedRequest, box: int) -> HttpResponse:
    """The people of one box, with their scores, basis and the box's recommended actions."""
    if not 1 <= box <= 9:
        raise Http404
    return _placement_page(
        request,
        boxes=(box,),
        title=_("Kotak %(box)s") % {"box": box},
        description=BOX_NAMES[box],
        filename=f"9-box-kotak-{box}",
        actions=BOX_ACTIONS[box],
    )


@login_required
def pool(request: AuthedRequest) -> HttpResponse:
    """The talent pool: boxes 7–9 (kelompok rencana suksesi, PermenPANRB 3/2020)."""
    return _placement_page(
        request,
        boxes=POOL_BOXES,
        title=_("Kelompok rencana suksesi (kotak 7–9)"),
        description=_(
            "Pegawai di kotak 7, 8 dan 9 menjadi kelompok rencana suksesi instansi "
            "(PermenPANRB 3/2020)."
        ),
        filename="kelompok-rencana-suksesi",
    )


@login_required
def unmapped(request: AuthedRequest) -> HttpResponse:
    """Active employees without a box, with the reason."""
    agency = own_agency(request)
    form, q, unit_id, query = _filters(request)
    employees = selectors.unmapped_for(request.user, agency, unit_id=unit_id, q=q)
    title = _("Belum dapat dipetakan")
    output = request.GET.get("format")
    if output == "xlsx":
        return xlsx_response(
            "9-box-belum-dipetakan.xlsx",
            title,
            exports.UNMAPPED_HEADERS,
            exports.unmapped_rows(employees),
        )
    if output == "pdf":
        content = documents.list_pdf(
            title=title,
            agency_name=agency.name,
            subtitle=_unit_label(request, unit_id),
            headers=exports.UNMAPPED_HEADERS,
            rows=exports.unmapped_rows(employees),
            widths=UNMAPPED_PDF_WIDTHS,
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="9-box-belum-dipetakan.pdf"'
        return response
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(employee, selectors.unmapped_reason(employee)) for employee in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "form": form,
        "query": query,
        "filtered": bool(q or unit_id),
    }
    return render(request, "talent/unmapped_list.html", context)


@login_required
@require_POST
def recompute(request: AuthedRequest) -> HttpResponse:
    """Recompute every box of the agency now (agency admin)."""
    agency = own_agency(request)
    summary = placement_services.recompute_placements(agency, actor=request.user)
    messages.success(
        request,
        _(
            "Pemetaan dihitung ulang: %(placed)s pegawai dipetakan, %(unmapped)s belum dapat "
            "dipetakan (%(seconds)s detik)."
        )
        % {
            "placed": summary.placed,
            "unmapped": summary.unmapped,
            "seconds": str(summary.seconds).replace(".", ","),
        },
    )
    return redirect("talent:grid")


@login_required
def settings_edit(request: AuthedRequest) -> HttpResponse:
    """The agency's cut-offs (agency admin)."""
    agency = own_agency(request)
    require(request.user, "talent.manage", agency)
    current = settings_services.settings_of(agency)
    initial = {field: getattr(current, field) for field in settings_services.EDITABLE}
    form = SettingsForm(request.POST or None, initial={**initial, "version": current.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            settings_services.update_settings(
                agency,
                actor=request.user,
                years=data["years"],
                performance_as_from=data["performance_as_from"],
                performance_above_from=data["performance_above_from"],
                potential_middle_from=data["potential_middle_from"],
                potential_high_from=data["potential_high_from"],
                use_periodic_fallback=data["use_periodic_fallback"],
                expected_version=data.get("version"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Batas 9-box disimpan. Hitung ulang pemetaan agar batas baru berlaku."),
            )
            return redirect("talent:grid")
    return render(
        request,
        "talent/settings_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    """The user's own box (a card) and, for a supervisor, the direct reports' boxes."""
    found = selectors.my_talent(request.user)
    context = {"found": found, "box_actions": BOX_ACTIONS, "box_names": BOX_NAMES}
    return render(request, "talent/mine.html", context)
