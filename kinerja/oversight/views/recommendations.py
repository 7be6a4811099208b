"""Recommendation pages: setting one on a finding, its page with the follow-ups and the
team's review, the owner's follow-up with its evidence file (downloaded, never rendered),
"Rekomendasi saya", and the overdue recommendations per unit."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.appraisal import evidence as sniffing
from kinerja.core.http import AuthedRequest, stored_file_response
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.oversight import exports, lifecycle, selectors, services
from kinerja.oversight.forms import (
    FollowUpForm,
    NotApplicableForm,
    RecommendationForm,
    ReviewForm,
)
from kinerja.oversight.views.audits import PAGE_SIZE, add_errors


@login_required
def recommendation_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member sets a recommendation on a finding (owner and due date)."""
    finding = selectors.get_finding_for(request.user, pk)
    audit = finding.audit
    require(request.user, "oversight.work_in_audit", audit)
    default_due = timezone.localdate() + dt.timedelta(days=lifecycle.DEFAULT_FOLLOW_UP_DAYS)
    form = RecommendationForm(
        request.POST or None,
        owners=selectors.employees_for_owner(audit),
        initial={"due_date": default_due},
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data.pop("version", None)
            services.add_recommendation(finding, actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Rekomendasi ditetapkan."))
            return redirect("oversight:audit-detail", pk=audit.pk)
    return render(
        request,
        "oversight/recommendation_form.html",
        {"form": form, "finding": finding, "audit": audit},
        status=400 if form.errors else 200,
    )


@login_required
def recommendation_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member revises an unfinished recommendation: text, owner, due date."""
    recommendation = selectors.get_recommendation_for(request.user, pk)
    finding = recommendation.finding
    audit = finding.audit
    require(request.user, "oversight.work_in_audit", audit)
    if recommendation.is_finished:
        messages.error(request, _("Rekomendasi ini sudah selesai dan tidak dapat diubah lagi."))
        return redirect("oversight:recommendation-detail", pk=pk)
    form = RecommendationForm(
        request.POST or None,
        owners=selectors.employees_for_owner(audit),
        initial={
            "text": recommendation.text,
            "owner": recommendation.owner_id,
            "due_date": recommendation.due_date,
            "version": recommendation.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.update_recommendation(
                recommendation, actor=request.user, expected_version=version, **data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Rekomendasi diperbarui."))
            return redirect("oversight:recommendation-detail", pk=pk)
    return render(
        request,
        "oversight/recommendation_form.html",
        {"form": form, "finding": finding, "audit": audit, "recommendation": recommendation},
        status=400 if form.errors else 200,
    )


def _detail_context(request: AuthedRequest, recommendation, **forms) -> dict:
    audit = recommendation.finding.audit
    follow_ups = selectors.follow_ups_of(recommendation)
    pending = selectors.pending_follow_up(follow_ups)
    open_for_work = not recommendation.is_finished
    can_work = request.user.has_perm("oversight.work_in_audit", audit) and open_for_work
    can_submit = (
        request.user.has_perm("oversight.submit_follow_up", recommendation)
        and open_for_work
        and pending is None
        and lifecycle.accepts_follow_ups(audit.status)
    )
    return {
        "recommendation": recommendation,
        "finding": recommendation.finding,
        "audit": audit,
        "follow_ups": follow_ups,
        "pending": pending,
        "today": timezone.localdate(),
        "is_overdue": lifecycle.is_overdue(
            recommendation.status, recommendation.due_date, timezone.localdate()
        ),
        "can_see_audit": request.user.has_perm("oversight.view_audit", audit),
        "can_edit": can_work and lifecycle.accepts_findings(audit.status),
        "follow_up_form": forms.get("follow_up_form") or (FollowUpForm() if can_submit else None),
        "review_form": forms.get("review_form")
        or (ReviewForm(initial={"version": pending.version}) if can_work and pending else None),
        "not_applicable_form": forms.get("not_applicable_form")
        or (NotApplicableForm(initial={"version": recommendation.version}) if can_work else None),
    }


@login_required
def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A recommendation with its finding, the follow-ups and the forms of whoever acts next."""
    recommendation = selectors.get_recommendation_for(request.user, pk)
    return render(
        request,
        "oversight/recommendation_detail.html",
        _detail_context(request, recommendation),
    )


@login_required
@require_POST
def follow_up_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    """The owner submits a follow-up with its evidence file."""
    recommendation = selectors.get_recommendation_for(
        request.user, pk, perm="oversight.submit_follow_up"
    )
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.submit_follow_up(
                recommendation,
                actor=request.user,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Tindak lanjut diajukan dan menunggu tinjauan."))
            return redirect("oversight:recommendation-detail", pk=pk)
    context = _detail_context(request, recommendation, follow_up_form=form)
    return render(request, "oversight/recommendation_detail.html", context, status=400)


@login_required
@require_POST
def follow_up_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member accepts or rejects a follow-up."""
    follow_up = selectors.get_follow_up_for(request.user, pk)
    recommendation = follow_up.recommendation
    require(request.user, "oversight.work_in_audit", recommendation.finding.audit)
    form = ReviewForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.review_follow_up(
                follow_up,
                actor=request.user,
                accept=accept,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Tindak lanjut diterima; rekomendasi selesai.")
                if accept
                else _("Tindak lanjut ditolak; penanggung jawab diberi tahu."),
            )
            return redirect("oversight:recommendation-detail", pk=recommendation.pk)
    recommendation = selectors.get_recommendation_for(request.user, recommendation.pk)
    context = _detail_context(request, recommendation, review_form=form)
    return render(request, "oversight/recommendation_detail.html", context, status=400)


@login_required
@require_POST
def recommendation_not_applicable(request: AuthedRequest, pk: int) -> HttpResponse:
    """A team member declares a recommendation not applicable, with the reason."""
    recommendation = selectors.get_recommendation_for(request.user, pk)
    require(request.user, "oversight.work_in_audit", recommendation.finding.audit)
    form = NotApplicableForm(request.POST)
    if form.is_valid():
        try:
            services.declare_not_applicable(
                recommendation,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Rekomendasi dinyatakan tidak dapat ditindaklanjuti."))
            return redirect("oversight:recommendation-detail", pk=pk)
    context = _detail_context(request, recommendation, not_applicable_form=form)
    return render(request, "oversight/recommendation_detail.html", context, status=400)


@login_required
def follow_up_file(request: AuthedRequest, pk: int) -> FileResponse:
    """The evidence file, to those who may see the recommendation: always a download."""
    follow_up = selectors.get_follow_up_for(request.user, pk)
    return stored_file_response(
        follow_up.file,
        filename=sniffing.download_name(follow_up.original_name, follow_up.content_type),
        content_type=follow_up.content_type,
    )


@login_required
def my_recommendations(request: AuthedRequest) -> HttpResponse:
    """ "Rekomendasi saya": what the user owns, due first; open ones by default."""
    require(request.user, "oversight.view_own_recommendations")
    status = request.GET.get("status", "open")
    if status not in ("open", "finished", "all"):
        status = "open"
    recommendations = selectors.recommendations_of_owner(
        request.user, status="" if status == "all" else status
    )
    today = timezone.localdate()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "rekomendasi-saya.xlsx",
            "Rekomendasi saya",
            exports.RECOMMENDATION_HEADERS,
            exports.recommendation_rows(recommendations, today=today),
        )
    page = Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/my_recommendations.html",
        {"page": page, "status": status, "today": today, "query": query.urlencode()},
    )


@login_required
def overdue_list(request: AuthedRequest) -> HttpResponse:
    """Overdue recommendations: counts per unit (one SQL aggregate) and the list, 50 a page."""
    require(request.user, "oversight.list_overdue")
    today = timezone.localdate()
    unit_id: int | None = None
    if request.GET.get("unit", "").isdigit():
        unit_id = int(request.GET["unit"])
    recommendations = selectors.overdue_recommendations(request.user, today=today, unit_id=unit_id)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "rekomendasi-terlambat.xlsx",
            "Terlambat",
            exports.RECOMMENDATION_HEADERS,
            exports.recommendation_rows(recommendations, today=today),
        )
    by_unit = selectors.overdue_by_unit(request.user, today=today)
    page = Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/overdue_list.html",
        {
            "page": page,
            "by_unit": by_unit,
            "total": sum(row.overdue for row in by_unit),
            "unit_id": unit_id,
            "today": today,
            "query": query.urlencode(),
        },
    )
