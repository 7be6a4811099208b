"""Official appraisal documents as PDF downloads, and the XLSX export page (/penilaian/ekspor/)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.appraisal import documents
from kinerja.appraisal.documents.content import get_assessment_for, get_evaluation_for
from kinerja.appraisal.exports import build_export
from kinerja.appraisal.forms.documents import ExportForm
from kinerja.core.http import AuthedRequest
from kinerja.core.models import Role
from kinerja.core.permissions import Actor, actor_of, require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.planning.models import Period


def _verification_url(request: HttpRequest) -> Callable[[str], str]:
    return lambda token: request.build_absolute_uri(
        reverse("verification", kwargs={"token": token})
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evaluation_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The Dokumen Evaluasi Kinerja Pegawai; sealed with a QR code once final (404 outside reach)."""
    evaluation = get_evaluation_for(request.user, pk)
    content = documents.issue_evaluation_pdf(
        evaluation, actor=request.user, verification_url=_verification_url(request)
    )
    return _pdf(content, documents.evaluation_pdf_filename(evaluation))


@login_required
def assessment_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The Penetapan Predikat Kinerja of a unit; sealed once finalised (404 outside reach)."""
    assessment = get_assessment_for(request.user, pk)
    content = documents.issue_assessment_pdf(
        assessment, actor=request.user, verification_url=_verification_url(request)
    )
    return _pdf(content, documents.assessment_pdf_filename(assessment))


def _whole_label(actor: Actor, whole_agency: bool) -> str:
    if whole_agency:
        return _("Seluruh instansi")
    if actor.head_unit_paths:
        return _("Semua unit yang saya pimpin")
    return _("Semua unit yang sedang saya periksa")


@login_required
def export(request: AuthedRequest) -> HttpResponse:
    """Pick what to export (SKP, realisations, evaluations), the period and a unit; download."""
    require(request.user, "appraisal.export_data")
    actor = actor_of(request.user)
    whole_agency = actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN)
    units = Unit.objects.filter(is_active=True).order_by("path")
    if not whole_agency:
        units = units.subtree_of(actor.reading_unit_paths)
    form = ExportForm(
        request.GET if "what" in request.GET else None,
        periods=Period.objects.order_by("-year", "-start_date", "name"),
        units=units,
        whole_label=_whole_label(actor, whole_agency),
    )
    context: dict[str, object] = {"form": form, "has_periods": Period.objects.exists()}
    if not form.is_bound:
        return render(request, "appraisal/documents_export.html", context)
    if not form.is_valid():
        return render(request, "appraisal/documents_export.html", context, status=400)
    data = form.cleaned_data
    result = build_export(request.user, kind=data["what"], period=data["period"], unit=data["unit"])
    first = next(result.rows, None)
    if first is None:
        context["nothing"] = True
        return render(request, "appraisal/documents_export.html", context)
    response = xlsx_response(
        result.filename, result.title, result.headers, itertools.chain([first], result.rows)
    )
    response["Cache-Control"] = "private, no-store"
    return response
