"""Gap reports: per unit for the agency (heads: their subtree), and per competency for one
unit's subtree, each count leading to the employees behind it; XLSX and PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from kinerja.competency import documents, exports
from kinerja.competency.selectors.reports import (
    get_report_unit,
    report_units,
    unit_report,
    unit_rows,
)
from kinerja.competency.views.dictionary import PAGE_SIZE
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response


@login_required
def agency_gaps(request: AuthedRequest) -> HttpResponse:
    """Per unit (its own employees): assessed, below the standard, mean gap."""
    require(request.user, "competency.view_gap_reports")
    units = report_units(request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "kesenjangan-kompetensi-per-unit.xlsx",
            "Per unit",
            exports.AGENCY_HEADERS,
            exports.agency_rows(unit_rows(list(units))),
        )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "competency/agency_gaps.html",
        {"page": page, "rows": unit_rows(list(page.object_list))},
    )


@login_required
def unit_gaps(request: AuthedRequest, pk: int) -> HttpResponse:
    """Per competency, for the unit and its subunits."""
    unit = get_report_unit(request.user, pk)
    report = unit_report(unit)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"kesenjangan-kompetensi-{slugify(unit.name)}.xlsx",
            "Per kompetensi",
            exports.UNIT_REPORT_HEADERS,
            exports.unit_report_rows(report),
        )
    return render(request, "competency/unit_gaps.html", {"report": report, "unit": unit})


@login_required
def unit_gaps_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = get_report_unit(request.user, pk)
    content = documents.unit_report_pdf(unit_report(unit), agency_name=unit.agency.name)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="kesenjangan-kompetensi-{slugify(unit.name)}.pdf"'
    )
    return response
