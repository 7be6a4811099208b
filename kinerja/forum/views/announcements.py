"""Announcement pages: the list (addressed to me / managed by me), writing and editing a draft,
one announcement with its read confirmation, publishing and withdrawing it, and who has not
read it yet (paged, filtered by unit, searchable, exportable)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import actor_of, require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.forum import exports
from kinerja.forum.forms import AnnouncementForm, VersionForm, WithdrawForm
from kinerja.forum.models import Announcement
from kinerja.forum.selectors import announcements as selectors
from kinerja.forum.selectors.threads import page_size
from kinerja.forum.services import announcements as services
from kinerja.org.models import Unit

MINE = "untuk-saya"
MANAGED = "kelola"


def _query_without_page(request: AuthedRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


@login_required
def announcement_list(request: AuthedRequest) -> HttpResponse:
    """Announcements addressed to me (with whether I confirmed), or — for publishers — those I
    manage with how many of their audience have read them."""
    can_publish = request.user.has_perm("forum.publish_announcements")
    tab = request.GET.get("tab", MINE)
    if tab != MANAGED or not can_publish:
        tab = MINE
    q = request.GET.get("q", "").strip()
    announcements = (
        selectors.managed_by(request.user)
        if tab == MANAGED
        else selectors.addressed_to(request.user)
    )
    if q:
        announcements = announcements.filter(title__icontains=q)
    size = page_size(request.GET.get("per_page"))
    page = Paginator(selectors.with_audience(announcements), size).get_page(request.GET.get("page"))
    rows: list[Announcement] = list(page.object_list)
    readings = selectors.reading_of_page(rows) if tab == MANAGED else {}
    context: dict[str, Any] = {
        "tab": tab,
        "page": page,
        "rows": [(a, readings.get(a.pk)) for a in rows],
        "q": q,
        "per_page": size,
        "query": _query_without_page(request),
        "can_publish": can_publish,
    }
    return render(request, "forum/announcement_list.html", context)


def _unit_choices(request: AuthedRequest) -> Any:
    """Units a publisher may address: every active unit for the admin, a head's subtrees."""
    units = Unit.objects.filter(is_active=True).order_by("path")
    actor = actor_of(request.user)
    if actor.is_superuser or "agency_admin" in actor.roles:
        return units
    query = selectors.subtree_filter(actor.head_unit_paths, field="path")
    return units.filter(query) if query is not None else units.none()


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def announcement_create(request: AuthedRequest) -> HttpResponse:
    """Write a draft announcement: title, text, audience, confirmation and reminder."""
    require(request.user, "forum.publish_announcements")
    agency = own_agency(request)
    form = AnnouncementForm(request.POST or None, units=_unit_choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_announcement(
                agency,
                actor=request.user,
                title=data["title"],
                body=data["body"],
                whole_agency=data["whole_agency"],
                units=list(data["units"]),
                requires_confirmation=data["requires_confirmation"],
                remind_after_days=data["remind_after_days"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draf pengumuman disimpan. Periksa, lalu terbitkan."))
            return redirect("forum:announcement-detail", pk=created.pk)
    return render(
        request,
        "forum/announcement_form.html",
        {"form": form, "announcement": None},
        status=400 if form.errors else 200,
    )


@login_required
def announcement_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Edit a draft announcement."""
    announcement = selectors.get_announcement_for(
        request.user, pk, perm="forum.manage_announcement"
    )
    if not announcement.is_draft:
        messages.error(request, _("Pengumuman yang sudah terbit tidak dapat diubah."))
        return redirect("forum:announcement-detail", pk=pk)
    initial = {
        "title": announcement.title,
        "body": announcement.body,
        "whole_agency": announcement.whole_agency,
        "units": list(announcement.units.all()),
        "requires_confirmation": announcement.requires_confirmation,
        "remind_after_days": announcement.remind_after_days,
        "version": announcement.version,
    }
    form = AnnouncementForm(request.POST or None, initial=initial, units=_unit_choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_announcement(
                announcement,
                actor=request.user,
                expected_version=data["version"],
                title=data["title"],
                body=data["body"],
                whole_agency=data["whole_agency"],
                units=list(data["units"]),
                requires_confirmation=data["requires_confirmation"],
                remind_after_days=data["remind_after_days"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draf pengumuman diperbarui."))
            return redirect("forum:announcement-detail", pk=pk)
    return render(
        request,
        "forum/announcement_form.html",
        {"form": form, "announcement": announcement},
        status=400 if form.errors else 200,
    )


@login_required
def announcement_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One announcement: its text (escaped, line breaks kept), the reader's confirmation, and for
    those who manage it the reading count and the actions."""
    announcement = selectors.get_announcement_for(request.user, pk)
    can_manage = request.user.has_perm("forum.manage_announcement", announcement)
    can_confirm = (
        announcement.is_published
        and announcement.requires_confirmation
        and request.user.has_perm("forum.confirm_read", announcement)
    )
    context: dict[str, Any] = {
        "announcement": announcement,
        "audience_units": list(announcement.units.all()),
        "can_manage": can_manage,
        "can_confirm": can_confirm,
        "confirmed": can_confirm and selectors.is_confirmed_by(announcement, request.user),
        "reading": selectors.reading_of(announcement)
        if can_manage and not announcement.is_draft
        else None,
        "threads": list(
            announcement.threads.filter(is_hidden=False).order_by("-last_activity_at")[:10]
        ),
        "version_form": VersionForm(initial={"version": announcement.version}),
        "withdraw_form": WithdrawForm(initial={"version": announcement.version}),
        "can_discuss": request.user.has_perm("forum.start_thread")
        and request.user.agency_id == announcement.agency_id,
    }
    return render(request, "forum/announcement_detail.html", context)


def _version(request: AuthedRequest) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


@login_required
@require_POST
def announcement_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    announcement = selectors.get_announcement_for(
        request.user, pk, perm="forum.manage_announcement"
    )
    try:
        services.publish_announcement(
            announcement, actor=request.user, expected_version=_version(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Pengumuman diterbitkan. Penerima telah diberi tahu."))
    return redirect("forum:announcement-detail", pk=pk)


@login_required
@require_POST
def announcement_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    announcement = selectors.get_announcement_for(
        request.user, pk, perm="forum.manage_announcement"
    )
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Alasan penarikan wajib diisi."))
        return redirect("forum:announcement-detail", pk=pk)
    try:
        services.withdraw_announcement(
            announcement,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Pengumuman ditarik."))
    return redirect("forum:announcement-detail", pk=pk)


@login_required
@require_POST
def announcement_confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    announcement = selectors.get_announcement_for(request.user, pk)
    try:
        services.confirm_read(announcement, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Terima kasih, konfirmasi Anda sudah tercatat."))
    return redirect("forum:announcement-detail", pk=pk)


@login_required
def announcement_readers(request: AuthedRequest, pk: int) -> HttpResponse:
    """Who of the audience has not confirmed yet: "N dari M sudah membaca", a unit filter, a
    name/NIP search, 25 or 50 a page, and the list as XLSX."""
    announcement = selectors.get_announcement_for(
        request.user, pk, perm="forum.manage_announcement"
    )
    units = selectors.audience_units(announcement)
    unit_id = request.GET.get("unit", "")
    unit = units.filter(pk=int(unit_id)).first() if unit_id.isdigit() else None
    q = request.GET.get("q", "").strip()
    unread = selectors.unread_employees(announcement, unit=unit, q=q)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"belum-membaca-pengumuman-{announcement.pk}.xlsx",
            "Belum membaca",
            exports.UNREAD_HEADERS,
            exports.unread_rows(unread),
        )
    size = page_size(request.GET.get("per_page"))
    page = Paginator(unread, size).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "announcement": announcement,
        "reading": selectors.reading_of(announcement),
        "page": page,
        "units": units.only("pk", "name", "depth"),
        "unit": unit,
        "q": q,
        "per_page": size,
        "query": _query_without_page(request),
        "filtered": bool(q or unit),
    }
    return render(request, "forum/announcement_readers.html", context)
