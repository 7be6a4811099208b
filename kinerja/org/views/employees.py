"""Employee pages: list (search, filters, pagination, XLSX), detail, create, edit, transfer,
deactivate, accounts."""

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

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org import selectors, services
from kinerja.org.forms import DeactivateForm, EmployeeFilterForm, EmployeeForm, TransferForm
from kinerja.org.models import Employee, Unit


def _filters(form: EmployeeFilterForm) -> selectors.EmployeeFilters:
    if not form.is_valid():
        return selectors.EmployeeFilters()
    data = form.cleaned_data
    return selectors.EmployeeFilters(
        q=data["q"],
        unit=data["unit"],
        rank=data["rank"],
        employee_type=data["employee_type"],
        position_kind=data["position_kind"],
        status=data["status"] or "active",
    )


EXPORT_HEADERS = [
    "NIP",
    "Nama",
    "Gelar depan",
    "Gelar belakang",
    "Jenis pegawai",
    "Jenis kelamin",
    "Tanggal lahir",
    "Golongan",
    "Jabatan",
    "Unit kerja",
    "NIP atasan",
    "Atasan",
    "Status",
]


def _export_row(e: Employee) -> list[Any]:
    return [
        e.nip,
        e.name,
        e.front_title,
        e.back_title,
        e.get_employee_type_display(),
        e.get_sex_display(),
        e.birth_date,
        e.rank,
        e.position.name if e.position else "",
        e.unit.name,
        e.supervisor.nip if e.supervisor else "",
        e.supervisor.name if e.supervisor else "",
        _("Aktif") if e.is_active else _("Nonaktif"),
    ]


@login_required
def employee_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "org.list_employees")
    units = Unit.objects.filter(is_active=True).order_by("path")
    form = EmployeeFilterForm(request.GET or None, units=units)
    employees = selectors.employees_visible_to(request.user, _filters(form))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "pegawai.xlsx",
            "Pegawai",
            EXPORT_HEADERS,
            (_export_row(e) for e in employees.iterator(chunk_size=2000)),
        )
    page = Paginator(employees, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if request.htmx:
        return render(request, "org/employee_list.html#results", context)
    return render(request, "org/employee_list.html", context)


@login_required
def employee_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for(request.user, pk)
    return render(
        request,
        "org/employee_detail.html",
        {
            "employee": employee,
            "subordinates": employee.subordinates.filter(is_active=True).select_related("position"),
            "history": employee.history.select_related("unit", "position")[:20],
            "can_manage": request.user.has_perm("org.manage", employee),
            "issued_password": request.session.pop("issued_password", None),
        },
    )


def _units(request: AuthedRequest) -> Any:
    return Unit.objects.filter(is_active=True).order_by("path")


@login_required
def employee_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "org.manage", request.user.agency)
    form = EmployeeForm(request.POST or None, units=_units(request))
    if request.method == "POST" and form.is_valid():
        try:
            employee = services.create_employee(
                own_agency(request), actor=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Pegawai %(name)s ditambahkan.") % {"name": employee})
            return redirect("org:employee-detail", pk=employee.pk)
    return render(
        request,
        "org/employee_form.html",
        {"form": form, "employee": None},
        status=400 if form.errors else 200,
    )


@login_required
def employee_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for(request.user, pk)
    require(request.user, "org.manage", employee)
    form = EmployeeForm(
        request.POST or None,
        units=_units(request),
        initial=EmployeeForm.initial_from(employee),
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employee(
                employee,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perubahan data pegawai disimpan."))
            return redirect("org:employee-detail", pk=employee.pk)
    return render(
        request,
        "org/employee_form.html",
        {"form": form, "employee": employee},
        status=400 if form.errors else 200,
    )


@login_required
def employee_transfer(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for(request.user, pk)
    require(request.user, "org.manage", employee)
    form = TransferForm(
        request.POST or None, units=_units(request), initial={"version": employee.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transfer_employee(
                employee,
                actor=request.user,
                expected_version=data["version"],
                unit=data["unit"],
                position=data["position"],
                supervisor=data["supervisor"],
                effective_date=data["effective_date"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Mutasi pegawai dicatat."))
            return redirect("org:employee-detail", pk=employee.pk)
    return render(
        request,
        "org/employee_transfer.html",
        {"form": form, "employee": employee},
        status=400 if form.errors else 200,
    )


@login_required
def employee_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for(request.user, pk)
    require(request.user, "org.manage", employee)
    form = DeactivateForm(request.POST or None, initial={"version": employee.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.deactivate_employee(
                employee,
                actor=request.user,
                expected_version=data["version"],
                reason=data["reason"],
                since=data["since"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Pegawai dinonaktifkan."))
            return redirect("org:employee-detail", pk=employee.pk)
    return render(
        request,
        "org/employee_deactivate.html",
        {"form": form, "employee": employee},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def employee_reactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    employee = selectors.get_employee_for(request.user, pk)
    try:
        services.reactivate_employee(
            employee, actor=request.user, expected_version=int(request.POST.get("version") or 0)
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Pegawai diaktifkan kembali."))
    return redirect("org:employee-detail", pk=employee.pk)


@login_required
@require_POST
def employee_account(request: AuthedRequest, pk: int) -> HttpResponse:
    """Create the employee's account, or reset its password; the one-time password is shown once."""
    employee = selectors.get_employee_for(request.user, pk)
    try:
        if employee.user_id:
            issued = services.reset_password(employee, actor=request.user)
        else:
            issued = services.create_account(employee, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        request.session["issued_password"] = {
            "username": issued.user.username,
            "password": issued.password,
        }
    return redirect("org:employee-detail", pk=employee.pk)
