"""Position pages: list with XLSX, create, edit, acting officials, and the options partial."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org import selectors, services
from kinerja.org.forms import ActingForm, PositionForm
from kinerja.org.models import ActingAssignment, Position, PositionKind, Unit


def _units() -> object:
    return Unit.objects.filter(is_active=True).order_by("path")


@login_required
def position_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "org.manage", request.user.agency)
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    positions = selectors.position_list(q=q, kind=kind if kind in PositionKind.values else "")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "jabatan.xlsx",
            "Jabatan",
            ["Nama jabatan", "Jenis", "Jenjang", "Kelas", "Unit kerja", "Pemangku aktif"],
            (
                (
                    p.name,
                    p.get_kind_display(),
                    p.get_level_display(),
                    p.grade,
                    p.unit.name,
                    p.holder_count,  # type: ignore[attr-defined]
                )
                for p in positions
            ),
        )
    page = Paginator(positions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "org/position_list.html",
        {
            "page": page,
            "q": q,
            "kind": kind,
            "kinds": PositionKind.choices,
            "query": query.urlencode(),
        },
    )


@login_required
def position_options(request: AuthedRequest) -> HttpResponse:
    """`<option>`s of the positions of one unit, for the employee and transfer forms (HTMX)."""
    require(request.user, "org.manage", request.user.agency)
    unit_id = request.GET.get("unit", "")
    positions = (
        Position.objects.filter(unit_id=unit_id, is_active=True).order_by("name")
        if unit_id.isdigit()
        else Position.objects.none()
    )
    return render(request, "org/position_options.html", {"positions": positions})


@login_required
def position_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "org.manage", request.user.agency)
    form = PositionForm(
        request.POST or None, units=_units(), initial={"unit": request.GET.get("unit")}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.create_position(own_agency(request), actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Jabatan dibuat."))
            return redirect("org:position-list")
    return render(
        request,
        "org/position_form.html",
        {"form": form, "position": None},
        status=400 if form.errors else 200,
    )


@login_required
def position_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    position = selectors.get_position_for(request.user, pk)
    form = PositionForm(
        request.POST or None,
        units=_units(),
        initial={
            "name": position.name,
            "kind": position.kind,
            "level": position.level,
            "grade": position.grade,
            "unit": position.unit_id,
            "version": position.version,
        },
    )
    acting_form = ActingForm()
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_position(position, actor=request.user, expected_version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perubahan jabatan disimpan."))
            return redirect("org:position-list")
    return render(
        request,
        "org/position_form.html",
        {
            "form": form,
            "position": position,
            "acting_form": acting_form,
            "acting": ActingAssignment.objects.filter(position=position).select_related(
                "acting_employee"
            )[:20],
        },
        status=400 if form.errors else 200,
    )


@login_required
def position_acting(request: AuthedRequest, pk: int) -> HttpResponse:
    """Appoint a Plt./Plh. for the position."""
    position = selectors.get_position_for(request.user, pk)
    form = ActingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_acting(position, actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Plt./Plh. ditetapkan."))
            return redirect("org:position-edit", pk=position.pk)
    return render(
        request,
        "org/position_acting.html",
        {"form": form, "position": position},
        status=400 if form.errors else 200,
    )
