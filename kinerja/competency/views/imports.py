"""Import of assessment results, for the agency admin: upload (checked, nothing written), the
preview with every row's errors, then the commit (all rows or none); the template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.competency.assessment_sheet import TEMPLATE_EXAMPLE, TEMPLATE_HEADERS
from kinerja.competency.forms import ImportForm
from kinerja.competency.models import AssessmentImport
from kinerja.competency.selectors.dictionary import get_import_for
from kinerja.competency.services.imports import check_assessment_file, commit_assessment_import
from kinerja.competency.views.dictionary import add_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import ImportStatus

PREVIEW_ROWS = 100


@login_required
def import_start(request: AuthedRequest) -> HttpResponse:
    require(request.user, "competency.manage_dictionary")
    agency = own_agency(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = check_assessment_file(
                agency,
                actor=request.user,
                upload=upload,
                size=upload.size,
                file_name=upload.name,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("competency:import-detail", pk=job.pk)
    recent = AssessmentImport.objects.order_by("-created_at")[:5]
    return render(
        request,
        "competency/import_start.html",
        {"form": form, "headers": TEMPLATE_HEADERS, "recent": recent},
        status=400 if form.errors else 200,
    )


@login_required
def import_template(request: AuthedRequest) -> HttpResponse:
    require(request.user, "competency.manage_dictionary")
    own_agency(request)
    return xlsx_response(
        "templat-hasil-asesmen-kompetensi.xlsx",
        "Hasil asesmen",
        TEMPLATE_HEADERS,
        [TEMPLATE_EXAMPLE],
    )


@login_required
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_import_for(request.user, pk)
    if request.GET.get("format") == "xlsx" and job.errors:
        return xlsx_response(
            f"kesalahan-impor-{job.pk}.xlsx",
            "Kesalahan",
            ["Baris", "Kesalahan"],
            ([error["row"], error["message"]] for error in job.errors),
        )
    return render(
        request,
        "competency/import_detail.html",
        {
            "job": job,
            "preview": job.rows[:PREVIEW_ROWS],
            "is_ready": job.status == ImportStatus.READY,
        },
    )


@login_required
@require_POST
def import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    job = get_import_for(request.user, pk)
    try:
        done = commit_assessment_import(job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Impor selesai: %(created)s level baru, %(updated)s level diperbarui.")
            % {"created": done.created_rows, "updated": done.updated_rows},
        )
    return redirect("competency:import-detail", pk=pk)
