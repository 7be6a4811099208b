"""Audit pages: the list (search, status filter, XLSX), planning and editing an audit, its
detail (plan, team, units, visits, findings with their recommendations), the status steps,
field visits and findings, and the PDF "Laporan Hasil Pemeriksaan"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit
from kinerja.oversight import documents, exports, lifecycle, selectors, services
from kinerja.oversight.forms import AuditFilterForm, AuditForm, FindingForm, StatusForm, VisitForm
from kinerja.oversight.models import AuditStatus

PAGE_SIZE = 50


def add_errors(form: Any, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def audit_list(request: AuthedRequest) -> HttpResponse:
    """The audits the user may read, searchable and filtered by status, 50 a page."""
    require(request.user, "oversight.list_audits")
    form = AuditFilterForm(request.GET or None)
    q = status = ""
    if form.is_valid():
        q, status = form.cleaned_data["q"], form.cleaned_data["status"]
    audits = selectors.audits_visible_to(request.user, q=q, status=status)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "pemeriksaan.xlsx", "Pemeriksaan", exports.AUDIT_HEADERS, exports.audit_rows(audits)
        )
    page = Paginator(audits, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/audit_list.html",
        {
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "filtered": bool(q or status),
            "can_create": request.user.has_perm("oversight.create_audit")
            and request.user.agency_id is not None,
        },
    )


def _audit_form(request: AuthedRequest, agency_id: int, **kwargs: Any) -> AuditForm:
    return AuditForm(
        request.POST or None,
        units=Unit.objects.filter(is_active=True).order_by("path"),
        inspectors=selectors.inspectors_of(agency_id),
        **kwargs,
    )


@login_required
def audit_create(request: AuthedRequest) -> HttpResponse:
    """An inspector plans an audit: letter, units, team and lead (themself by default)."""
    require(request.user, "oversight.create_audit")
    agency = own_agency(request)
    form = _audit_form(
        request,
        agency.pk,
        initial={"team": [request.user.pk], "lead": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_audit(
                agency,
                actor=request.user,
                title=data["title"],
                letter_number=data["letter_number"],
                objectives=data["objectives"],
                scope=data["scope"],
                planned_start=data["planned_start"],
                planned_end=data["planned_end"],
                units=list(data["units"]),
                team=list(data["team"]),
                lead=data["lead"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Pemeriksaan direncanakan."))
            return redirect("oversight:audit-detail", pk=created.pk)
    return render(
        request,
        "oversight/audit_form.html",
        {"form": form, "audit": None},
        status=400 if form.errors else 200,
    )


@login_required
def audit_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The lead edits the plan, units and team until the audit is closed."""
    audit = selectors.get_audit_for(request.user, pk, perm="oversight.manage_audit")
    if audit.status == AuditStatus.CLOSED:
        messages.error(request, _("Pemeriksaan sudah selesai dan tidak dapat diubah lagi."))
        return redirect("oversight:audit-detail", pk=pk)
    form = _audit_form(
        request,
        audit.agency_id,
        initial={
            "title": audit.title,
            "letter_number": audit.letter_number,
            "objectives": audit.objectives,
            "scope": audit.scope,
            "planned_start": audit.planned_start,
            "planned_end": audit.planned_end,
            "units": [unit.pk for unit in selectors.units_of(audit)],
            "team": [member.pk for member in selectors.team_of(audit)],
            "lead": audit.lead_id,
            "version": audit.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_audit(
                audit,
                actor=request.user,
                expected_version=data["version"],
                title=data["title"],
                letter_number=data["letter_number"],
                objectives=data["objectives"],
                scope=data["scope"],
                planned_start=data["planned_start"],
                planned_end=data["planned_end"],
                units=list(data["units"]),
                team=list(data["team"]),
                lead=data["lead"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Rencana pemeriksaan disimpan."))
            return redirect("oversight:audit-detail", pk=pk)
    return render(
        request,
        "oversight/audit_form.html",
        {"form": form, "audit": audit},
        status=400 if form.errors else 200,
    )


STEP_LABELS = {
    AuditStatus.FIELDWORK: gettext_lazy("Mulai pemeriksaan lapangan"),
    AuditStatus.REPORTING: gettext_lazy("Mulai pelaporan"),
    AuditStatus.CLOSED: gettext_lazy("Tutup pemeriksaan"),
}
BACK_LABEL = gettext_lazy("Kembali ke pemeriksaan lapangan")


@login_required
def audit_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An audit: plan, team, units, visits and the findings the user may see, with their
    recommendations and status badges; the team's forms beside them."""
    audit = selectors.get_audit_for(request.user, pk)
    can_work = request.user.has_perm("oversight.work_in_audit", audit)
    can_manage = request.user.has_perm("oversight.manage_audit", audit)
    today = timezone.localdate()
    findings = selectors.findings_visible_in(audit, request.user)
    going_back = audit.status == AuditStatus.REPORTING
    steps = [
        (
            target,
            BACK_LABEL
            if going_back and target == AuditStatus.FIELDWORK
            else STEP_LABELS[AuditStatus(target)],
        )
        for target in lifecycle.TRANSITIONS[audit.status]
    ]
    current = AuditStatus.values.index(audit.status)
    stages = [
        (label, "current" if index == current else "done" if index < current else "")
        for index, (_value, label) in enumerate(AuditStatus.choices)
    ]
    return render(
        request,
        "oversight/audit_detail.html",
        {
            "audit": audit,
            "stages": stages,
            "units": selectors.units_of(audit),
            "team": selectors.team_of(audit),
            "visits": selectors.visits_of(audit),
            "findings": findings,
            "today": today,
            "can_work": can_work and audit.status != AuditStatus.CLOSED,
            "can_manage": can_manage and audit.status != AuditStatus.CLOSED,
            "accepts_visits": can_work and lifecycle.accepts_visits(audit.status),
            "accepts_findings": can_work and lifecycle.accepts_findings(audit.status),
            "steps": steps if can_manage else [],
        },
    )


@login_required
@require_POST
def audit_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The lead moves the audit to its next stage."""
    audit = selectors.get_audit_for(request.user, pk, perm="oversight.manage_audit")
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Status tujuan tidak dikenal."))
        return redirect("oversight:audit-detail", pk=pk)
    try:
        changed = services.change_audit_status(
            audit,
            actor=request.user,
            target=form.cleaned_data["target"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Status pemeriksaan kini “%(status)s”.") % {"status": changed.get_status_display()},
        )
    return redirect("oversight:audit-detail", pk=pk)


@login_required
def visit_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member records a field visit."""
    audit = selectors.get_audit_for(request.user, pk, perm="oversight.work_in_audit")
    form = VisitForm(
        request.POST or None,
        units=selectors.units_in_audit(audit),
        initial={"visited_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_visit(audit, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Kunjungan lapangan dicatat."))
            return redirect("oversight:audit-detail", pk=pk)
    return render(
        request,
        "oversight/visit_form.html",
        {"form": form, "audit": audit},
        status=400 if form.errors else 200,
    )


@login_required
def finding_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member records a finding: kondisi, kriteria, sebab, akibat."""
    audit = selectors.get_audit_for(request.user, pk, perm="oversight.work_in_audit")
    form = FindingForm(request.POST or None, units=selectors.units_in_audit(audit))
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data.pop("version", None)
            finding = services.add_finding(audit, actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Temuan nomor %(number)s dicatat. Tambahkan rekomendasinya.")
                % {"number": finding.number},
            )
            return redirect("oversight:recommendation-create", pk=finding.pk)
    return render(
        request,
        "oversight/finding_form.html",
        {"form": form, "audit": audit},
        status=400 if form.errors else 200,
    )


@login_required
def finding_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member revises a finding until the audit is closed."""
    finding = selectors.get_finding_for(request.user, pk)
    audit = finding.audit
    require(request.user, "oversight.work_in_audit", audit)
    form = FindingForm(
        request.POST or None,
        units=selectors.units_in_audit(audit),
        initial={
            "unit": finding.unit_id,
            "category": finding.category,
            "title": finding.title,
            "condition": finding.condition,
            "criteria": finding.criteria,
            "cause": finding.cause,
            "effect": finding.effect,
            "version": finding.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_finding(finding, actor=request.user, expected_version=version, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Temuan diperbarui."))
            return redirect(
                f"{reverse('oversight:audit-detail', args=[audit.pk])}#finding-{finding.number}"
            )
    return render(
        request,
        "oversight/finding_form.html",
        {"form": form, "audit": audit, "finding": finding},
        status=400 if form.errors else 200,
    )


@login_required
def audit_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    """The Laporan Hasil Pemeriksaan as a PDF: for those who may read the whole audit."""
    audit = selectors.get_audit_for(request.user, pk)
    findings = selectors.findings_visible_in(audit, request.user)
    content = documents.audit_report_pdf(
        audit,
        units=selectors.units_of(audit),
        team=selectors.team_of(audit),
        visits=selectors.visits_of(audit),
        findings=findings,
    )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"lhp-{slugify(audit.title)[:60]}-{audit.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
