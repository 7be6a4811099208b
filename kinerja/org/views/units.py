"""Unit pages: the tree with head-counts, the org chart of a unit, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org import selectors, services
from kinerja.org.forms import UnitForm
from kinerja.org.models import Unit


@login_required
def unit_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "org.view_unit")
    units = selectors.units_visible_to(request.user).select_related("agency", "parent")
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(name__icontains=q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "unit-kerja.xlsx",
            "Unit kerja",
            ["Kode", "Nama unit", "Jenis", "Unit induk", "Pegawai aktif"],
            (
                (
                    u.code,
                    u.name,
                    u.get_kind_display(),
                    u.parent.name if u.parent else "",
                    u.active_employees,  # type: ignore[attr-defined]
                )
                for u in units
            ),
        )
    return render(
        request,
        "org/unit_list.html",
        {
            "units": units[:2000],
            "q": q,
            "can_manage": request.user.has_perm("org.manage", request.user.agency),
        },
    )


@login_required
def unit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The org chart of a unit: its leaders and people, and its sub-units with their leaders."""
    unit = selectors.get_unit_for(request.user, pk)
    chart = selectors.org_chart(unit)
    ancestors = Unit.objects.filter(
        pk__in=[int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
    ).order_by("depth")
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "chart": chart,
            "ancestors": ancestors,
            "can_manage": request.user.has_perm("org.manage", unit),
        },
    )


def _unit_choices() -> object:
    return Unit.objects.filter(is_active=True).order_by("path")


@login_required
def unit_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "org.manage", request.user.agency)
    form = UnitForm(
        request.POST or None, units=_unit_choices(), initial={"parent": request.GET.get("parent")}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            unit = services.create_unit(own_agency(request), actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Unit kerja %(name)s dibuat.") % {"name": unit.name})
            return redirect("org:unit-detail", pk=unit.pk)
    return render(
        request,
        "org/unit_form.html",
        {"form": form, "unit": None},
        status=400 if form.errors else 200,
    )


@login_required
def unit_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = selectors.get_unit_for(request.user, pk)
    require(request.user, "org.manage", unit)
    form = UnitForm(
        request.POST or None,
        units=_unit_choices().exclude(  # type: ignore[attr-defined]
            path__startswith=unit.path
        ),
        initial={
            "name": unit.name,
            "kind": unit.kind,
            "code": unit.code,
            "parent": unit.parent_id,
            "address": unit.address,
            "version": unit.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_unit(unit, actor=request.user, expected_version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perubahan unit kerja disimpan."))
            return redirect("org:unit-detail", pk=unit.pk)
    return render(
        request,
        "org/unit_form.html",
        {"form": form, "unit": unit},
        status=400 if form.errors else 200,
    )
