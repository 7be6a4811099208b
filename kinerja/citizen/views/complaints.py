"""Complaint pages for staff under /layanan/pengaduan/: the list (filters, summary, Excel),
desk entry, one complaint with its timeline and the actions the viewer may take, and the
import of SP4N-LAPOR! exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.citizen.forms.complaints import (
    AssignForm,
    ClassifyForm,
    ComplaintFilterForm,
    ComplaintImportForm,
    DeskComplaintForm,
    RejectForm,
    ResolveForm,
    RespondForm,
    VersionForm,
)
from kinerja.citizen.lapor_sheet import expected_headers
from kinerja.citizen.models import Complaint, ComplaintStatus
from kinerja.citizen.selectors import complaints as selectors
from kinerja.citizen.services import complaint_import as importing
from kinerja.citizen.services import complaints
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import ImportStatus

PAGE_SIZE = 25

EXPORT_HEADERS = [
    "Kode tiket",
    "Nomor SP4N-LAPOR!",
    "Diterima",
    "Saluran",
    "Unit",
    "Layanan",
    "Kategori",
    "Klasifikasi",
    "Judul",
    "Status",
    "Batas tanggapan pertama",
    "Ditanggapi",
    "Batas penyelesaian",
    "Diselesaikan",
    "Tepat waktu",
    "Ditugaskan kepada",
    "Dieskalasi kepada",
    "Penilaian pelapor",
]


def _export_row(complaint: Complaint) -> list[Any]:
    """One complaint as an Excel row; the complainant's name and contact stay out."""
    on_time = {True: "Ya", False: "Tidak", None: ""}[complaint.resolved_on_time]
    return [
        complaint.ticket_code,
        complaint.external_id,
        timezone.localtime(complaint.received_at),
        complaint.get_channel_display(),
        complaint.unit.name,
        complaint.service.name if complaint.service else "",
        complaint.category,
        complaint.get_complaint_class_display(),
        complaint.subject,
        complaint.get_status_display(),
        complaint.first_response_due,
        timezone.localtime(complaint.first_responded_at) if complaint.first_responded_at else None,
        complaint.resolution_due,
        timezone.localtime(complaint.resolved_at) if complaint.resolved_at else None,
        on_time,
        complaint.assigned_to.full_name if complaint.assigned_to else "",
        complaint.escalated_to.full_name if complaint.escalated_to else "",
        complaint.rating,
    ]


@login_required
def complaint_list(request: AuthedRequest) -> HttpResponse:
    """Complaints in the viewer's reach, filtered; overdue and due-soon badges; on-time share."""
    require(request.user, "citizen.list_complaints")
    units = selectors.filter_units(request.user)
    form = ComplaintFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ComplaintFilters(
        q=data.get("q") or "",
        status=data.get("status") or "",
        unit=data.get("unit"),
        complaint_class=data.get("complaint_class") or "",
        channel=data.get("channel") or "",
        overdue=bool(data.get("overdue")),
        mine=bool(data.get("mine")),
        received_from=data.get("received_from"),
        received_to=data.get("received_to"),
    )
    today = timezone.localdate()
    visible = selectors.complaints_visible_to(request.user, filters, today=today)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "pengaduan.xlsx", "Pengaduan", EXPORT_HEADERS, (_export_row(c) for c in visible)
        )
    page = Paginator(visible, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "citizen/complaint_list.html",
        {
            "form": form,
            "page": page,
            "summary": selectors.complaint_summary(visible, today=today),
            "query": query.urlencode(),
            "can_register": request.user.has_perm("citizen.register_complaint"),
            "can_import": request.user.has_perm("citizen.import_complaints"),
            "filtered": bool(request.GET.dict().keys() - {"page"}),
            "unit_filter": not units.query.is_empty(),
        },
    )


@login_required
def complaint_create(request: AuthedRequest) -> HttpResponse:
    """Desk entry: a complaint received in person, by phone or by letter."""
    require(request.user, "citizen.register_complaint")
    own_agency(request)
    form = DeskComplaintForm(
        request.POST or None,
        units=selectors.registration_units(request.user),
        services=selectors.services_of_agency(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = complaints.register_complaint(
                data["unit"],
                actor=request.user,
                channel=data["channel"],
                subject=data["subject"],
                description=data["description"],
                complaint_class=data["complaint_class"],
                service=data["service"],
                complainant_name=data["complainant_name"],
                complainant_contact=data["complainant_contact"],
                received_at=data["received_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Pengaduan dicatat dengan kode tiket %(ticket)s. Berikan kode ini kepada pelapor."
                )
                % {"ticket": complaint.ticket_code},
            )
            return redirect("citizen:complaint-detail", pk=complaint.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "citizen/complaint_form.html", {"form": form}, status=status)


def _action_forms(request: AuthedRequest, complaint: Complaint) -> dict[str, Any]:
    """The forms of the actions the viewer may take on an open complaint."""
    user = request.user
    initial = {"version": complaint.version}
    if complaint.status not in complaints.OPEN_STATUSES:
        return {}
    forms: dict[str, Any] = {}
    if user.has_perm("citizen.assign_complaint", complaint):
        forms["assign_form"] = AssignForm(
            initial={**initial, "assignee": complaint.assigned_to_id},
            employees=selectors.assignable_employees(complaint),
        )
        forms["classify_form"] = ClassifyForm(
            initial={**initial, "complaint_class": complaint.complaint_class}
        )
    if user.has_perm("citizen.respond_complaint", complaint):
        if complaint.first_responded_at is None:
            forms["respond_form"] = RespondForm(initial=initial)
        forms["resolve_form"] = ResolveForm(initial=initial)
    if user.has_perm("citizen.reject_complaint", complaint):
        forms["reject_form"] = RejectForm(initial=initial)
    return forms


@login_required
def complaint_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One complaint: facts, limits with badges, the timeline and the allowed actions."""
    complaint = selectors.get_complaint_for(request.user, pk)
    return render(
        request,
        "citizen/complaint_detail.html",
        {
            "complaint": complaint,
            "timeline": selectors.complaint_timeline(complaint),
            **_action_forms(request, complaint),
        },
    )


# One action of the detail page: a VersionForm whose fields other than `version` are the
# service's keywords; `employees` (assign) gets the complaint's assignable staff.
_Service = Callable[..., Complaint]


def _action_view(
    form_class: type[VersionForm],
    service: _Service,
    done: StrPromise,
    *,
    employees: Callable[[Complaint], Any] | None = None,
) -> Callable[[AuthedRequest, int], HttpResponse]:
    """A POST view running one action from the detail page; errors come back as messages."""

    @login_required
    @require_POST
    def view(request: AuthedRequest, pk: int) -> HttpResponse:
        complaint = selectors.get_complaint_for(request.user, pk)
        form_kwargs = {"employees": employees(complaint)} if employees is not None else {}
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            fields = dict(form.cleaned_data)
            version = fields.pop("version")
            try:
                service(complaint, actor=request.user, expected_version=version, **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, str(done))
                return redirect("citizen:complaint-detail", pk=pk)
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("citizen:complaint-detail", pk=pk)

    return view


complaint_assign = _action_view(
    AssignForm,
    complaints.assign_complaint,
    gettext_lazy("Pengaduan ditugaskan."),
    employees=selectors.assignable_employees,
)
complaint_classify = _action_view(
    ClassifyForm,
    complaints.classify_complaint,
    gettext_lazy("Klasifikasi diubah; batas penyelesaian dihitung ulang dari tanggal diterima."),
)
complaint_respond = _action_view(
    RespondForm,
    complaints.respond_to_complaint,
    gettext_lazy("Tanggapan disimpan; pengaduan sedang diproses."),
)
complaint_resolve = _action_view(
    ResolveForm,
    complaints.resolve_complaint,
    gettext_lazy("Pengaduan diselesaikan."),
)
complaint_reject = _action_view(
    RejectForm,
    complaints.reject_complaint,
    gettext_lazy("Pengaduan ditutup: tidak dapat ditindaklanjuti."),
)


# --- Import of SP4N-LAPOR! exports -------------------------------------------------------------


@login_required
def complaint_import(request: AuthedRequest) -> HttpResponse:
    """Upload an export; every row is checked and shown before anything is registered."""
    agency = own_agency(request)
    require(request.user, "citizen.import_complaints", agency)
    form = ComplaintImportForm(
        request.POST or None,
        request.FILES or None,
        units=selectors.registration_units(request.user),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = importing.check_complaint_file(
                agency,
                actor=request.user,
                upload=upload,
                size=upload.size or 0,
                file_name=upload.name or "",
                unit=form.cleaned_data["unit"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("citizen:complaint-import-detail", pk=job.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "citizen/complaint_import.html",
        {"form": form, "headers": expected_headers()},
        status=status,
    )


@login_required
def complaint_import_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview: the errors of each row, or the complaints about to be registered."""
    job = selectors.get_import_for(request.user, pk)
    require(request.user, "citizen.import_complaints", job)
    return render(
        request,
        "citizen/complaint_import_detail.html",
        {
            "job": job,
            "preview": [
                {**row, "status": ComplaintStatus(row["status"]).label}
                for row in job.rows[: importing.PREVIEW_ROWS]
            ],
            "is_ready": job.status == ImportStatus.READY,
        },
    )


@login_required
@require_POST
def complaint_import_commit(request: AuthedRequest, pk: int) -> HttpResponse:
    job = selectors.get_import_for(request.user, pk)
    try:
        created = importing.commit_complaint_import(job, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("citizen:complaint-import-detail", pk=pk)
    messages.success(request, _("%(count)s pengaduan SP4N-LAPOR! diimpor.") % {"count": created})
    return redirect("citizen:complaint-list")
