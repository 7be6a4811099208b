"""Key positions and their succession candidates from the talent pool (PermenPANRB 3/2020)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Position
from kinerja.talent import documents, exports, selectors
from kinerja.talent.forms import KeyPositionForm
from kinerja.talent.models import KeyPosition
from kinerja.talent.services import key_positions as services

KEY_HEADERS = ["Jabatan", "Jenis", "Unit kerja", "Pemangku", "Catatan"]


@login_required
def key_position_list(request: AuthedRequest) -> HttpResponse:
    """The key positions (admin; inspector: those of the units under audit); the admin marks
    another one with the form."""
    agency = own_agency(request)
    key_positions = selectors.key_positions_for(request.user, agency)
    rows = [
        [
            key.position.name,
            key.position.get_kind_display(),
            key.position.unit.name,
            key.holders,  # type: ignore[attr-defined]
            key.note,
        ]
        for key in key_positions
    ]
    output = request.GET.get("format")
    if output == "xlsx":
        return xlsx_response("jabatan-kunci.xlsx", "Jabatan kunci", KEY_HEADERS, rows)
    if output == "pdf":
        content = documents.list_pdf(
            title=_("Jabatan kunci"),
            agency_name=agency.name,
            subtitle=_("Jabatan kunci untuk rencana suksesi"),
            headers=KEY_HEADERS,
            rows=rows,
            widths=[30, 16, 30, 8, 30],
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="jabatan-kunci.pdf"'
        return response
    can_manage = request.user.has_perm("talent.manage", agency)
    form = None
    if can_manage:
        positions = (
            Position.objects.filter(agency=agency, is_active=True, key_position__isnull=True)
            .select_related("unit")
            .order_by("unit__path", "name")
        )
        form = KeyPositionForm(request.POST or None, positions=positions)
        if request.method == "POST" and form.is_valid():
            try:
                services.mark_key_position(
                    form.cleaned_data["position"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Jabatan kunci ditetapkan."))
                return redirect("talent:key-position-list")
    elif request.method == "POST":
        require(request.user, "talent.manage", agency)
    context = {"key_positions": key_positions, "form": form, "can_manage": can_manage}
    status = 400 if form is not None and form.errors else 200
    return render(request, "talent/key_position_list.html", context, status=status)


@login_required
@require_POST
def key_position_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = own_agency(request)
    key_position = KeyPosition.objects.filter(agency=agency, pk=pk).first()
    if key_position is None:
        raise Http404
    services.unmark_key_position(key_position, actor=request.user)
    messages.success(request, _("Jabatan kunci dihapus."))
    return redirect("talent:key-position-list")


@login_required
def succession(request: AuthedRequest, pk: int) -> HttpResponse:
    """A key position's ranked candidates from the pool, with the reasons of each rank."""
    agency = own_agency(request)
    found = selectors.succession_for(request.user, agency, pk)
    title = _("Kandidat suksesi %(position)s") % {"position": found.key_position.position.name}
    output = request.GET.get("format")
    if output == "xlsx":
        return xlsx_response(
            f"kandidat-suksesi-{pk}.xlsx",
            "Kandidat suksesi",
            exports.SUCCESSION_HEADERS,
            exports.succession_rows(found),
        )
    if output == "pdf":
        content = documents.list_pdf(
            title=title,
            agency_name=agency.name,
            subtitle=found.key_position.position.unit.name,
            headers=exports.SUCCESSION_HEADERS,
            rows=exports.succession_rows(found),
            widths=[6, 18, 14, 16, 16, 5, 7, 7, 30],
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="kandidat-suksesi-{pk}.pdf"'
        return response
    rows = [(ranked, found.employees[ranked.candidate.employee_id]) for ranked in found.candidates]
    context = {
        "found": found,
        "rows": rows,
        "title": title,
        "can_manage": request.user.has_perm("talent.manage", agency),
    }
    return render(request, "talent/succession.html", context)
