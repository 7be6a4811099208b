"""Import of requests from a queue system's export: upload, preview every row's problems,
commit all at once, follow its progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from kinerja.citizen import importing_requests as importing
from kinerja.citizen.forms.services import RequestImportForm
from kinerja.citizen.models import RequestImport
from kinerja.citizen.selectors.services import get_import_for, imports_visible_to
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.models import Agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import ImportStatus

ERRORS_PER_PAGE = 50
STATUS_BADGES = {
    ImportStatus.READY: "badge-ok",
    ImportStatus.DONE: "badge-ok",
    ImportStatus.RUNNING: "badge-warn",
    ImportStatus.INVALID: "badge-bad",
    ImportStatus.FAILED: "badge-bad",
}


def _require_importer(request: AuthedRequest) -> Agency:
    """Agency admins and service-desk officers import, into their own agency only."""
    require(request.user, "citizen.import_requests")
    return own_agency(request)


@login_required
def request_import(request: AuthedRequest) -> HttpResponse:
    """Upload an export; every row is checked before anything is written."""
    agency = _require_importer(request)
    form = RequestImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.preview_request_import(
                agency, actor=request.user, upload=form.cleaned_data["file"]
            )
        except importing.ImportFileError as error:
            form.add_error("file", error.message)
        else:
            return redirect("citizen:request-import-detail", pk=job.pk)
    return render(
        request,
        "citizen/request_import.html",
        {
            "form": form,
            "recent": imports_visible_to(request.user)[:10],
            "columns": importing.COLUMNS,
            "max_size": importing.human_size(settings.IMPORT_MAX_BYTES),
        },
        status=400 if form.errors else 200,
    )


@login_required
def request_import_template(request: AuthedRequest) -> HttpResponse:
    """An empty XLSX with the recognised headers."""
    _require_importer(request)
    return xlsx_response(
        "templat-impor-permohonan-layanan.xlsx",
        "Permohonan layanan",
        importing.template_headers(),
        [],
    )


def _status_context(job: RequestImport) -> dict[str, Any]:
    return {
        "job": job,
        "badge": STATUS_BADGES[ImportStatus(job.status)],
        "is_running": job.status == ImportStatus.RUNNING,
        "can_commit": job.status in (ImportStatus.READY, ImportStatus.FAILED),
    }


@login_required
def request_import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview (every error, paginated) and, once committed, the outcome."""
    _require_importer(request)
    job = get_import_for(request.user, pk)
    page = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **_status_context(job),
        "page": page,
        "query": "",
        "error_rows": len({error["row"] for error in job.errors}),
    }
    return render(request, "citizen/request_import_detail.html", context)


@login_required
@require_POST
def request_import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Write a checked import; without a Celery broker it runs before the redirect."""
    _require_importer(request)
    job = get_import_for(request.user, pk, with_errors=False)
    try:
        importing.request_commit(job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("citizen:request-import-detail", pk=job.pk)


@login_required
def request_import_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The status fragment polled while the commit runs; then the whole page reloads."""
    _require_importer(request)
    job = get_import_for(request.user, pk, with_errors=False)
    if request.htmx and job.status != ImportStatus.RUNNING:
        return HttpResponseClientRefresh()
    return render(request, "citizen/request_import_detail.html#status", _status_context(job))
