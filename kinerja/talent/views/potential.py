"""Potential-score pages: the recorded scores with the manual entry form, the XLSX/CSV import
(all-or-nothing, per-row messages), its template, and deleting a mistaken score."""

from __future__ import annotations

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
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Employee
from kinerja.talent import documents, exports, selectors
from kinerja.talent.forms import ImportForm, PotentialForm
from kinerja.talent.models import PotentialAssessment
from kinerja.talent.services import potential as services

PAGE_SIZE = 50


@login_required
def potential_list(request: AuthedRequest) -> HttpResponse:
    """The recorded scores (admin; inspector: the units under audit); the admin adds one with
    the form above."""
    agency = own_agency(request)
    q = request.GET.get("q", "")
    assessments = selectors.potentials_for(request.user, agency, q=q)
    output = request.GET.get("format")
    title = _("Skor potensial")
    if output == "xlsx":
        return xlsx_response(
            "skor-potensial.xlsx",
            title,
            exports.POTENTIAL_HEADERS,
            exports.potential_rows(assessments),
        )
    if output == "pdf":
        content = documents.list_pdf(
            title=title,
            agency_name=agency.name,
            subtitle=_("Semua asesmen tercatat"),
            headers=exports.POTENTIAL_HEADERS,
            rows=exports.potential_rows(assessments),
            widths=[24, 16, 24, 8, 12, 20],
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="skor-potensial.pdf"'
        return response
    can_manage = request.user.has_perm("talent.manage", agency)
    form = None
    if can_manage:
        form = PotentialForm(
            request.POST or None,
            employees=Employee.objects.filter(agency=agency, is_active=True),
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.record_potential(
                    data["nip"],
                    actor=request.user,
                    score=data["score"],
                    assessed_on=data["assessed_on"],
                    assessor=data["assessor"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Skor potensial %(name)s dicatat.") % {"name": data["nip"].full_name},
                )
                return redirect("talent:potential-list")
    elif request.method == "POST":
        require(request.user, "talent.manage", agency)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "q": q,
        "query": query.urlencode(),
        "can_manage": can_manage,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "talent/potential_list.html", context, status=status)


@login_required
def potential_import(request: AuthedRequest) -> HttpResponse:
    """Upload a sheet of scores; nothing is saved unless every row is valid."""
    agency = own_agency(request)
    require(request.user, "talent.manage", agency)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.import_potentials(
            agency, actor=request.user, upload=upload, size=upload.size
        )
        if result.ok:
            messages.success(
                request,
                _("%(count)s skor potensial diimpor. Hitung ulang pemetaan 9-box agar berlaku.")
                % {"count": result.created},
            )
            return redirect("talent:potential-list")
    context = {
        "form": form,
        "result": result,
        "columns": services.COLUMNS,
    }
    failed = form.errors or (result is not None and not result.ok)
    return render(request, "talent/potential_import.html", context, status=400 if failed else 200)


@login_required
def potential_template(request: AuthedRequest) -> HttpResponse:
    """The import template: the recognised headers and one example row."""
    require(request.user, "talent.manage", own_agency(request))
    return xlsx_response(
        "templat-skor-potensial.xlsx",
        "Skor potensial",
        [column.header for column in services.COLUMNS],
        [services.TEMPLATE_EXAMPLE],
    )


@login_required
@require_POST
def potential_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = own_agency(request)
    assessment = PotentialAssessment.objects.filter(agency=agency, pk=pk).first()
    if assessment is None:
        raise Http404
    services.delete_potential(assessment, actor=request.user)
    messages.success(request, _("Skor potensial dihapus."))
    return redirect("talent:potential-list")
