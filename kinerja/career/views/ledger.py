"""Angka kredit pages: the agency's functional employees with their credit, one employee's
ledger (XLSX, PDF statement), the opening balance, posting credits from predicates, and the
credit-needed table."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.career import credit, exports
from kinerja.career.documents import ledger_pdf, table_pdf
from kinerja.career.forms import (
    CreditRequirementForm,
    LedgerFilterForm,
    OpeningBalanceForm,
    OpeningImportForm,
    PostingForm,
)
from kinerja.career.models import CreditRequirement
from kinerja.career.selectors import credits as selectors
from kinerja.career.services import credits as services
from kinerja.career.services import openings
from kinerja.career.views.common import add_errors, pdf_response, query_without_page
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.planning.models import Period

PAGE_SIZE = 50


@login_required
def my_ledger(request: AuthedRequest) -> HttpResponse:
    """The signed-in employee's own ledger."""
    require(request.user, "career.view_own_ledger")
    employee = getattr(request.user, "employee", None)
    if employee is None:
        raise Http404
    return redirect("career:ledger", pk=employee.pk)


@login_required
def ledger_list(request: AuthedRequest) -> HttpResponse:
    """Functional employees in reach with their total credit and progress; XLSX and PDF."""
    require(request.user, "career.list_ledgers")
    form = LedgerFilterForm(
        request.GET or None, units=Unit.objects.filter(is_active=True).order_by("path")
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        filters = {
            "q": form.cleaned_data["q"].strip(),
            "level": form.cleaned_data["level"],
            "unit_id": unit.pk if unit else None,
        }
    employees = selectors.functional_employees(request.user, **filters)
    export = request.GET.get("format")
    if export in ("xlsx", "pdf"):
        rows = selectors.list_rows(list(employees))
        if export == "xlsx":
            return xlsx_response(
                "angka-kredit-pegawai.xlsx",
                "Angka kredit",
                exports.LEDGER_LIST_HEADERS,
                exports.ledger_list_rows(rows),
            )
        return pdf_response(
            "angka-kredit-pegawai.pdf",
            table_pdf(
                _("Angka kredit pejabat fungsional"),
                [],
                exports.LEDGER_LIST_HEADERS,
                list(exports.ledger_list_rows(rows)),
                [34, 44, 44, 20, 14, 40, 18, 18, 18, 18, 18],
                request.user.agency.name if request.user.agency else "",
            ),
        )
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": selectors.list_rows(list(page.object_list)),
        "query": query_without_page(request),
        "filtered": any(filters.values()),
        "can_manage": request.user.has_perm("career.manage_credits", request.user.agency),
    }
    return render(request, "career/ledger_list.html", context)


@login_required
def ledger_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One employee's ledger with the running total and progress; XLSX and the PDF statement."""
    employee = selectors.get_employee_for(request.user, pk)
    ledger = selectors.ledger_of(employee)
    export = request.GET.get("format")
    if export == "xlsx":
        return xlsx_response(
            f"angka-kredit-{employee.nip}.xlsx",
            "Angka kredit",
            exports.LEDGER_HEADERS,
            exports.ledger_rows(ledger),
        )
    if export == "pdf":
        return pdf_response(f"angka-kredit-{employee.nip}.pdf", ledger_pdf(ledger, employee.agency))
    context = {
        "ledger": ledger,
        "employee": employee,
        "can_manage": request.user.has_perm("career.manage_credits", employee),
    }
    return render(request, "career/ledger_detail.html", context)


@login_required
def opening_balance(request: AuthedRequest, pk: int) -> HttpResponse:
    """The agency admin enters an employee's opening (integrated) credit balance."""
    employee = selectors.get_employee_for(request.user, pk)
    require(request.user, "career.manage_credits", employee)
    form = OpeningBalanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_opening_balance(
                employee,
                actor=request.user,
                amount=form.cleaned_data["amount"],
                effective_date=form.cleaned_data["effective_date"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saldo awal angka kredit dicatat."))
            return redirect("career:ledger", pk=employee.pk)
    return render(
        request,
        "career/opening_form.html",
        {"form": form, "employee": employee},
        status=400 if form.errors else 200,
    )


@login_required
def opening_import(request: AuthedRequest) -> HttpResponse:
    """The agency admin imports opening balances from a sheet (all or nothing); `?format=xlsx`
    downloads the template."""
    require(request.user, "career.manage_credits", request.user.agency)
    agency = own_agency(request)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "templat-saldo-awal-angka-kredit.xlsx", "Saldo awal", openings.TEMPLATE_HEADERS, []
        )
    form = OpeningImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = openings.import_opening_balances(
                agency, actor=request.user, upload=upload, size=upload.size, file_name=upload.name
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s saldo awal diimpor (jumlah %(amount)s).")
                % {"count": result.created, "amount": exports.format_credit(result.total_amount)},
            )
            return redirect("career:ledger-list")
    return render(
        request,
        "career/opening_import.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def posting(request: AuthedRequest) -> HttpResponse:
    """Post the credit of final evaluations for the agency (all periods or one)."""
    require(request.user, "career.manage_credits", request.user.agency)
    agency = own_agency(request)
    form = PostingForm(request.POST or None, periods=Period.objects.order_by("-year", "name"))
    if request.method == "POST" and form.is_valid():
        result = services.post_credits(
            agency, actor=request.user, period=form.cleaned_data["period"]
        )
        if result.created or result.superseded:
            messages.success(
                request,
                _(
                    "%(created)s entri angka kredit dibukukan (jumlah %(amount)s); "
                    "%(superseded)s entri periodik digantikan predikat tahunan."
                )
                % {
                    "created": result.created,
                    "amount": exports.format_credit(result.total_amount),
                    "superseded": result.superseded,
                },
            )
        else:
            messages.info(request, _("Tidak ada evaluasi final baru untuk dibukukan."))
        return redirect("career:ledger-list")
    return render(request, "career/posting_form.html", {"form": form})


@login_required
def credit_table(request: AuthedRequest) -> HttpResponse:
    """The coefficients and the credit needed per level (the agency's corrections shown)."""
    require(request.user, "career.view_credit_table", request.user.agency)
    agency = own_agency(request)
    context = {
        "rows": selectors.credit_table(agency.pk),
        "percentages": list(credit.PREDICATE_PERCENT.items()),
        "can_manage": request.user.has_perm("career.manage_credits", agency),
    }
    return render(request, "career/credit_table.html", context)


@login_required
def credit_requirement_edit(request: AuthedRequest, level: str) -> HttpResponse:
    """The agency admin corrects one level of the credit-needed table."""
    require(request.user, "career.manage_credits", request.user.agency)
    agency = own_agency(request)
    if not credit.is_functional_level(level):
        raise Http404
    current = selectors.requirements(agency.pk)[credit.Level(level)]
    row = CreditRequirement.objects.filter(agency=agency, level=level).first()
    initial = {
        "rank_min": current.rank_min,
        "rank_max": current.rank_max,
        "rank_step_credit": current.rank_step_credit,
        "next_level_credit": current.next_level_credit,
        "version": row.version if row else None,
    }
    form = CreditRequirementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_credit_requirement(
                agency,
                actor=request.user,
                level=level,
                rank_min=data["rank_min"],
                rank_max=data["rank_max"],
                rank_step_credit=data["rank_step_credit"],
                next_level_credit=data["next_level_credit"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Tabel kebutuhan angka kredit diperbarui."))
            return redirect("career:credit-table")
    return render(
        request,
        "career/credit_requirement_form.html",
        {"form": form, "level_label": credit.LEVEL_LABELS[credit.Level(level)]},
        status=400 if form.errors else 200,
    )
