"""Award recommendations (with the admin's decision) and the sanction path, each with its
evidence trail; XLSX and PDF of each list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.career import exports
from kinerja.career.documents import table_pdf
from kinerja.career.forms import AwardDecisionForm, SearchForm
from kinerja.career.selectors import awards as selectors
from kinerja.career.selectors.credits import get_employee_for
from kinerja.career.services.awards import decide_award
from kinerja.career.views.common import add_errors, pdf_response, query_without_page
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response

PAGE_SIZE = 50
AWARD_NOTE = (
    "Rekomendasi dari predikat final terakhir Sangat Baik (PermenPANRB 6/2022) dan/atau kotak 9 "
    "manajemen talenta (PermenPANRB 3/2020)."
)
SANCTION_NOTE = (
    "Jalur pembinaan dan sanksi: predikat terakhir Sangat Kurang, atau dua predikat final "
    "berturut-turut Butuh Perbaikan atau lebih rendah (PP 30/2019 Pasal 56)."
)


def _agency_name(request: AuthedRequest) -> str:
    return request.user.agency.name if request.user.agency else ""


@login_required
def award_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "career.view_awards")
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = selectors.recommendations(request.user, q=q)
    export = request.GET.get("format")
    if export == "xlsx":
        return xlsx_response(
            "rekomendasi-penghargaan.xlsx",
            "Penghargaan",
            exports.AWARD_HEADERS,
            exports.award_rows(found),
        )
    if export == "pdf":
        return pdf_response(
            "rekomendasi-penghargaan.pdf",
            table_pdf(
                _("Rekomendasi penghargaan"),
                [AWARD_NOTE],
                exports.AWARD_HEADERS,
                list(exports.award_rows(found)),
                [34, 44, 40, 36, 30, 22, 28, 28, 12, 22, 30, 40],
                _agency_name(request),
            ),
        )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "q": q,
        "query": query_without_page(request),
        "note": AWARD_NOTE,
        "can_decide": request.user.has_perm("career.decide_award", request.user.agency),
    }
    return render(request, "career/award_list.html", context)


@login_required
def award_decide(request: AuthedRequest, employee_pk: int) -> HttpResponse:
    """The agency admin records the decision on an employee's current recommendation."""
    employee = get_employee_for(request.user, employee_pk, perm="career.decide_award")
    recommendation = selectors.recommendation_for(request.user, employee)
    if recommendation is None:
        raise Http404
    decision = recommendation.decision
    initial = (
        {
            "outcome": decision.outcome,
            "award": decision.award,
            "note": decision.note,
            "version": decision.version,
        }
        if decision
        else {}
    )
    form = AwardDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decide_award(
                employee,
                actor=request.user,
                basis_key=recommendation.basis_key,
                outcome=data["outcome"],
                award=data["award"],
                note=data["note"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Keputusan penghargaan dicatat."))
            return redirect("career:award-list")
    return render(
        request,
        "career/award_decide.html",
        {"form": form, "item": recommendation, "employee": employee},
        status=400 if form.errors else 200,
    )


@login_required
def sanction_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "career.view_awards")
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    cases = selectors.sanction_cases(request.user, q=q)
    export = request.GET.get("format")
    if export == "xlsx":
        return xlsx_response(
            "jalur-sanksi.xlsx",
            "Jalur sanksi",
            exports.SANCTION_HEADERS,
            exports.sanction_rows(cases),
        )
    if export == "pdf":
        return pdf_response(
            "jalur-sanksi.pdf",
            table_pdf(
                _("Pegawai pada jalur pembinaan dan sanksi"),
                [SANCTION_NOTE],
                exports.SANCTION_HEADERS,
                list(exports.sanction_rows(cases)),
                [34, 44, 40, 36, 40, 80, 14, 50],
                _agency_name(request),
            ),
        )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "q": q,
        "query": query_without_page(request),
        "note": SANCTION_NOTE,
    }
    return render(request, "career/sanction_list.html", context)
