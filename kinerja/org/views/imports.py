"""Import pages: upload a sheet, preview its errors, commit it, follow its progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.models import Agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org import importing
from kinerja.org.forms import ImportUploadForm
from kinerja.org.models import ImportJob, ImportKind, ImportStatus

ERRORS_PER_PAGE = 50
TEMPLATE_FILE_NAMES: dict[str, str] = {
    ImportKind.UNITS: "templat-impor-unit-kerja.xlsx",
    ImportKind.POSITIONS: "templat-impor-jabatan.xlsx",
    ImportKind.EMPLOYEES: "templat-impor-pegawai.xlsx",
}


def _require_manager(request: AuthedRequest) -> Agency:
    """Only an agency admin imports, and only into their own agency."""
    agency = own_agency(request)
    require(request.user, "org.manage", ImportJob(agency=agency))
    return agency


def _job(request: AuthedRequest, pk: int, *, with_errors: bool = True) -> ImportJob:
    """A job of the user's agency (another agency's is simply not found: 404)."""
    _require_manager(request)
    jobs = (
        ImportJob.objects.defer("rows")
        if with_errors
        else ImportJob.objects.defer("rows", "errors")
    )
    return get_object_or_404(jobs.select_related("created_by"), pk=pk)


STATUS_BADGES = {
    ImportStatus.READY: "badge-ok",
    ImportStatus.DONE: "badge-ok",
    ImportStatus.RUNNING: "badge-warn",
    ImportStatus.INVALID: "badge-bad",
    ImportStatus.FAILED: "badge-bad",
}


def _status_context(job: ImportJob) -> dict[str, Any]:
    return {
        "job": job,
        "badge": STATUS_BADGES[ImportStatus(job.status)],
        "is_running": job.status == ImportStatus.RUNNING,
        "can_commit": job.status in (ImportStatus.READY, ImportStatus.FAILED),
    }


@login_required
def import_start(request: AuthedRequest) -> HttpResponse:
    """Choose the kind of data, upload the file (or download a template)."""
    agency = _require_manager(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.preview_upload(
                agency,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except importing.ImportFileError as error:
            form.add_error("file", error.message)
        else:
            return redirect("org:import-detail", pk=job.pk)
    recent = ImportJob.objects.defer("rows", "errors").select_related("created_by")[:10]
    return render(
        request,
        "org/import_start.html",
        {
            "form": form,
            "recent": recent,
            "kinds": _kind_guides(),
            "max_size": importing.human_size(settings.IMPORT_MAX_BYTES),
        },
        status=400 if form.errors else 200,
    )


KIND_NOTES = {
    ImportKind.UNITS: gettext_lazy(
        "Unit induk ditulis dengan kode atau nama. Baris dengan kode yang sudah ada, atau nama "
        "yang sama di bawah unit induk yang sama, memperbarui unit itu."
    ),
    ImportKind.POSITIONS: gettext_lazy(
        "Unit kerja harus sudah ada. Jabatan bernama sama di unit yang sama diperbarui. Jabatan "
        "atasan dicari di unit yang sama, lalu di unit-unit induknya."
    ),
    ImportKind.EMPLOYEES: gettext_lazy(
        "NIP yang sudah ada di instansi memperbarui pegawai itu; kolom yang tidak ada di berkas "
        "tidak diubah. Tanggal lahir dan jenis kelamin yang kosong diambil dari NIP. Atasan "
        "ditulis dengan NIP, dan boleh ada di berkas yang sama."
    ),
}


def _kind_guides() -> list[dict[str, Any]]:
    return [
        {
            "kind": kind,
            "label": label,
            "columns": importing.COLUMNS[kind],
            "note": KIND_NOTES[ImportKind(kind)],
        }
        for kind, label in ImportKind.choices
    ]


@login_required
def import_template(request: AuthedRequest, kind: str) -> HttpResponse:
    """An empty XLSX with the headers of one kind of import."""
    _require_manager(request)
    if kind not in TEMPLATE_FILE_NAMES:
        raise Http404
    return xlsx_response(
        TEMPLATE_FILE_NAMES[kind], str(ImportKind(kind).label), importing.template_headers(kind), []
    )


def _detail_context(request: AuthedRequest, job: ImportJob) -> dict[str, Any]:
    page = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return {
        **_status_context(job),
        "page": page,
        "query": "",
        "error_rows": len({error["row"] for error in job.errors}),
    }


@login_required
def import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview (summary and every error, paginated) and, once committed, the status."""
    job = _job(request, pk)
    return render(request, "org/import_detail.html", _detail_context(request, job))


@login_required
@require_POST
def import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Apply a checked import; without a Celery broker it runs before the redirect."""
    job = _job(request, pk, with_errors=False)
    try:
        importing.request_commit(job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("org:import-detail", pk=job.pk)


@login_required
def import_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by HTMX; once the job stops, reload the whole page."""
    job = _job(request, pk, with_errors=False)
    if request.htmx and job.status != ImportStatus.RUNNING:
        return HttpResponseClientRefresh()
    return render(request, "org/import_detail.html#status", _status_context(job))
