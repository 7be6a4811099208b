"""The catalogue of public services per unit: list (search, filters, XLSX), add, edit,
withdraw and offer again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.citizen.forms.services import ServiceFilterForm, ServiceForm
from kinerja.citizen.selectors import services as selectors
from kinerja.citizen.services import catalogue
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response

PAGE_SIZE = 50
XLSX_HEADERS = [
    "Kode",
    "Nama layanan",
    "Unit kerja",
    "Waktu standar (menit)",
    "Aktif",
    "Selesai pada tahun",
    "Belum selesai",
    "Keterangan",
]


@login_required
def service_list(request: AuthedRequest) -> HttpResponse:
    """The services the user may see, 50 a page, with their request counts."""
    require(request.user, "citizen.view_services")
    this_year = timezone.localdate().year
    form = ServiceFilterForm(
        request.GET or None,
        units=selectors.units_in_view(request.user),
        initial={"year": this_year},
    )
    filters = selectors.ServiceFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ServiceFilters(
            q=data["q"], unit=data["unit"], status=data["status"] or "active", year=data["year"]
        )
    services = selectors.services_visible_to(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "katalog-layanan.xlsx",
            "Katalog layanan",
            XLSX_HEADERS,
            (
                (
                    s.code,
                    s.name,
                    s.unit.name,
                    s.standard_minutes,
                    "Ya" if s.is_active else "Tidak",
                    s.completed_in_year,  # type: ignore[attr-defined]
                    s.open_count,  # type: ignore[attr-defined]
                    s.description,
                )
                for s in services.iterator(2000)
            ),
        )
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(s, request.user.has_perm("citizen.manage_service", s)) for s in page.object_list]
    return render(
        request,
        "citizen/service_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "can_create": request.user.has_perm("citizen.manage_services"),
            "year": filters.year or this_year,
        },
    )


@login_required
def service_create(request: AuthedRequest) -> HttpResponse:
    """Add a service to a unit the user manages."""
    require(request.user, "citizen.manage_services")
    form = ServiceForm(
        request.POST or None,
        units=selectors.units_to_manage(request.user),
        initial={"unit": request.GET.get("unit"), "standard_unit": "menit"},
    )
    if request.method == "POST" and form.is_valid():
        own_agency(request)
        fields = form.service_fields()
        try:
            service = catalogue.create_service(fields.pop("unit"), actor=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Layanan %(name)s ditambahkan.") % {"name": service.name})
            return redirect("citizen:service-list")
    return render(
        request,
        "citizen/service_form.html",
        {"form": form, "service": None},
        status=400 if form.errors else 200,
    )


@login_required
def service_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit a service; withdraw it or offer it again."""
    service = selectors.get_service_for(request.user, pk)
    require(request.user, "citizen.manage_service", service)
    form = ServiceForm(
        request.POST or None,
        units=selectors.units_to_manage(request.user),
        initial=ServiceForm.initial_for(service),
    )
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.update_service(
                service,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perubahan layanan disimpan."))
            return redirect("citizen:service-list")
    return render(
        request,
        "citizen/service_form.html",
        {"form": form, "service": service},
        status=400 if form.errors else 200,
    )


def _switch(request: AuthedRequest, pk: int, *, active: bool) -> HttpResponse:
    service = selectors.get_service_for(request.user, pk)
    require(request.user, "citizen.manage_service", service)
    switch = catalogue.reactivate_service if active else catalogue.deactivate_service
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        switch(service, actor=request.user, expected_version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = (
            _("Layanan %(name)s diaktifkan kembali.")
            if active
            else _("Layanan %(name)s dinonaktifkan; permohonan yang sudah tercatat tetap ada.")
        )
        messages.success(request, text % {"name": service.name})
    return redirect("citizen:service-edit", pk=service.pk)


@login_required
@require_POST
def service_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    return _switch(request, pk, active=False)


@login_required
@require_POST
def service_reactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    return _switch(request, pk, active=True)
