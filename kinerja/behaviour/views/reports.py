"""A person's 360° report of a closed round: the radar of the seven values, the table per value
and rater group with the gap self − others, the comments without names; as XLSX and PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from kinerja.behaviour import documents, exports
from kinerja.behaviour.selectors import reports as selectors
from kinerja.core.http import AuthedRequest
from kinerja.core.spreadsheets import xlsx_response


@login_required
def report(request: AuthedRequest, round_pk: int, employee_pk: int) -> HttpResponse:
    """The report page (404 outside reach, for an open round or someone not rated in it)."""
    found = selectors.report_for(request.user, round_pk, employee_pk)
    if request.GET.get("format") == "xlsx":
        response = xlsx_response(
            exports.report_filename(found), "Umpan balik 360", *exports.report_sheet(found)
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "behaviour/report.html",
        {"found": found, "is_own": found.subject.user_id == request.user.pk},
    )


@login_required
def report_pdf(request: AuthedRequest, round_pk: int, employee_pk: int) -> HttpResponse:
    found = selectors.report_for(request.user, round_pk, employee_pk)
    response = HttpResponse(documents.report_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.report_filename(found).replace(".xlsx", ".pdf")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
