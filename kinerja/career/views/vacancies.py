"""Vacant positions, the merit ranking of candidates for one (XLSX and PDF for the selection
committee, Baperjakat/TPK), and the agency admin's requirements of a position."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinerja.career import exports
from kinerja.career.documents import table_pdf
from kinerja.career.forms import VacancyFilterForm, VacancyRequirementForm
from kinerja.career.selectors import vacancies as selectors
from kinerja.career.services.vacancies import set_vacancy_requirement
from kinerja.career.views.common import add_errors, pdf_response, query_without_page
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response

PAGE_SIZE = 50


@login_required
def vacancy_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "career.list_vacancies")
    form = VacancyFilterForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    positions = selectors.vacant_positions(request.user, q=q, kind=kind)
    export = request.GET.get("format")
    if export == "xlsx":
        return xlsx_response(
            "jabatan-lowong.xlsx",
            "Jabatan lowong",
            exports.VACANCY_HEADERS,
            exports.vacancy_rows(positions),
        )
    if export == "pdf":
        return pdf_response(
            "jabatan-lowong.pdf",
            table_pdf(
                _("Jabatan lowong"),
                [],
                exports.VACANCY_HEADERS,
                list(exports.vacancy_rows(positions)),
                [70, 30, 25, 70, 50],
                request.user.agency.name if request.user.agency else "",
            ),
        )
    page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "filtered": bool(q or kind),
    }
    return render(request, "career/vacancy_list.html", context)


@login_required
def ranking(request: AuthedRequest, pk: int) -> HttpResponse:
    """Candidates for a vacant position ranked by merit, with the reasons per criterion."""
    position = selectors.get_vacancy_for(request.user, pk)
    terms = selectors.vacancy_terms(position)
    rows = selectors.ranking(position, terms)
    export = request.GET.get("format")
    filename = f"peringkat-kandidat-{slugify(position.name)[:60]}"
    if export == "xlsx":
        return xlsx_response(
            f"{filename}.xlsx",
            "Peringkat kandidat",
            exports.RANKING_HEADERS,
            exports.ranking_rows(rows),
        )
    if export == "pdf":
        return pdf_response(
            f"{filename}.pdf",
            table_pdf(
                _("Peringkat kandidat berdasarkan merit (bahan Baperjakat/TPK)"),
                exports.terms_lines(position, terms),
                exports.RANKING_HEADERS,
                list(exports.ranking_rows(rows)),
                [17, 34, 40, 15, 40, 36, 14, 18, 40, 34, 22, 24, 26],
                position.agency.name,
            ),
        )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "position": position,
        "terms": terms,
        "page": page,
        "eligible": sum(1 for r in rows if r.merit.eligible),
        "total": len(rows),
        "can_manage": request.user.has_perm("career.manage_vacancy", position),
    }
    return render(request, "career/vacancy_ranking.html", context)


@login_required
def requirement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The agency admin sets the minimum golongan / angka kredit of a vacant position."""
    position = selectors.get_vacancy_for(request.user, pk)
    require(request.user, "career.manage_vacancy", position)
    terms = selectors.vacancy_terms(position)
    own = terms.requirement
    initial = (
        {
            "min_rank": own.min_rank,
            "min_credit": own.min_credit,
            "note": own.note,
            "version": own.version,
        }
        if own
        else {}
    )
    form = VacancyRequirementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_vacancy_requirement(
                position,
                actor=request.user,
                min_rank=data["min_rank"],
                min_credit=data["min_credit"],
                note=data["note"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Persyaratan jabatan disimpan."))
            return redirect("career:vacancy-ranking", pk=position.pk)
    return render(
        request,
        "career/vacancy_requirement_form.html",
        {"form": form, "position": position, "terms": terms},
        status=400 if form.errors else 200,
    )
