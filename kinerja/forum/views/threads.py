"""Discussion pages: the thread list (filters, search, 25/50 a page, XLSX for the admin),
opening a thread, one thread with its replies, replying, marking it answered, and the
moderator's hide / restore / lock actions; the search over the whole forum."""

from __future__ import annotations

from collections.abc import Callable
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
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.forum import exports
from kinerja.forum.forms import ReasonForm, ReplyForm, ThreadForm, VersionForm
from kinerja.forum.selectors import announcements as announcement_selectors
from kinerja.forum.selectors import threads as selectors
from kinerja.forum.services import threads as services
from kinerja.forum.views.announcements import _add_errors, _query_without_page

STATUS_CHOICES = (
    (selectors.ThreadFilter.ALL, "Semua"),
    (selectors.ThreadFilter.OPEN, "Belum terjawab"),
    (selectors.ThreadFilter.ANSWERED, "Terjawab"),
    (selectors.ThreadFilter.MINE, "Utas saya"),
)


@login_required
def thread_list(request: AuthedRequest) -> HttpResponse:
    """The agency's threads, latest activity first, with their reply counts (stored), searched
    in titles and questions; the agency admin downloads the list as XLSX."""
    require(request.user, "forum.view_forum")
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    threads = selectors.threads_visible_to(request.user, q=q, status=status)
    can_export = request.user.has_perm("forum.export_threads")
    if request.GET.get("format") == "xlsx":
        require(request.user, "forum.export_threads")
        return xlsx_response(
            "utas-diskusi.xlsx",
            "Utas diskusi",
            exports.THREAD_HEADERS,
            exports.thread_rows(threads),
        )
    size = selectors.page_size(request.GET.get("per_page"))
    page = Paginator(threads, size).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "page": page,
        "q": q,
        "status": status,
        "status_choices": [(value, _(label)) for value, label in STATUS_CHOICES],
        "per_page": size,
        "query": _query_without_page(request),
        "can_export": can_export,
        "can_moderate": request.user.has_perm("forum.moderate"),
        "can_start": request.user.has_perm("forum.start_thread") and request.user.agency_id,
    }
    return render(request, "forum/thread_list.html", context)


@login_required
def thread_create(request: AuthedRequest) -> HttpResponse:
    """Open a thread, optionally about an announcement (`?pengumuman=<id>`)."""
    require(request.user, "forum.start_thread")
    agency = own_agency(request)
    about_id = request.GET.get("pengumuman") or request.POST.get("announcement") or ""
    about = (
        announcement_selectors.get_announcement_for(request.user, int(about_id))
        if str(about_id).isdigit()
        else None
    )
    form = ThreadForm(request.POST or None, initial={"announcement": about.pk if about else None})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.start_thread(
                agency,
                actor=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                announcement=about,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Utas diskusi dibuka."))
            return redirect("forum:thread-detail", pk=created.pk)
    return render(
        request,
        "forum/thread_form.html",
        {"form": form, "about": about},
        status=400 if form.errors else 200,
    )


@login_required
def thread_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A thread with its replies in order; hidden content shows only its reason to others."""
    thread = selectors.get_thread_for(request.user, pk)
    can_moderate = request.user.has_perm("forum.moderate", thread)
    context: dict[str, Any] = {
        "thread": thread,
        "posts": list(selectors.posts_of(thread)),
        "can_moderate": can_moderate,
        "can_reply": not thread.is_locked and not thread.is_hidden,
        "can_mark_answered": not thread.is_answered
        and not thread.is_hidden
        and request.user.has_perm("forum.mark_answered", thread),
        "reply_form": ReplyForm(),
        "reason_form": ReasonForm(),
        "version_form": VersionForm(initial={"version": thread.version}),
    }
    return render(request, "forum/thread_detail.html", context)


@login_required
@require_POST
def thread_reply(request: AuthedRequest, pk: int) -> HttpResponse:
    thread = selectors.get_thread_for(request.user, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Balasan tidak boleh kosong."))
        return redirect("forum:thread-detail", pk=pk)
    try:
        post = services.reply(thread, actor=request.user, body=form.cleaned_data["body"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("forum:thread-detail", pk=pk)
    messages.success(request, _("Balasan terkirim."))
    return redirect(f"{services.thread_url(thread)}#post-{post.pk}")


def _thread_action(
    request: AuthedRequest, pk: int, action: Callable[[Any], Any], success: str
) -> HttpResponse:
    thread = selectors.get_thread_for(request.user, pk)
    try:
        action(thread)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("forum:thread-detail", pk=pk)


def _version(request: AuthedRequest) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


def _reason(request: AuthedRequest) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@login_required
@require_POST
def thread_answered(request: AuthedRequest, pk: int) -> HttpResponse:
    return _thread_action(
        request,
        pk,
        lambda t: services.mark_answered(t, actor=request.user, expected_version=_version(request)),
        _("Utas ditandai terjawab."),
    )


@login_required
@require_POST
def thread_lock(request: AuthedRequest, pk: int) -> HttpResponse:
    """Lock or unlock (`lock=1` / `lock=0`)."""
    lock = request.POST.get("lock") == "1"
    return _thread_action(
        request,
        pk,
        lambda t: services.set_locked(
            t, actor=request.user, expected_version=_version(request), locked_state=lock
        ),
        _("Utas dikunci.") if lock else _("Kunci utas dibuka."),
    )


@login_required
@require_POST
def thread_hide(request: AuthedRequest, pk: int) -> HttpResponse:
    return _thread_action(
        request,
        pk,
        lambda t: services.hide_thread(t, actor=request.user, reason=_reason(request)),
        _("Utas disembunyikan."),
    )


@login_required
@require_POST
def thread_restore(request: AuthedRequest, pk: int) -> HttpResponse:
    return _thread_action(
        request,
        pk,
        lambda t: services.restore_thread(t, actor=request.user),
        _("Utas ditampilkan kembali."),
    )


def _post_action(
    request: AuthedRequest, pk: int, action: Callable[[Any], Any], success: str
) -> HttpResponse:
    post = selectors.get_post_for(request.user, pk)
    try:
        action(post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(f"{services.thread_url(post.thread)}#post-{post.pk}")


@login_required
@require_POST
def post_hide(request: AuthedRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda p: services.hide_post(p, actor=request.user, reason=_reason(request)),
        _("Balasan disembunyikan."),
    )


@login_required
@require_POST
def post_restore(request: AuthedRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda p: services.restore_post(p, actor=request.user),
        _("Balasan ditampilkan kembali."),
    )


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    """Search titles and texts of threads, replies and announcements the user may read."""
    require(request.user, "forum.view_forum")
    q = request.GET.get("q", "").strip()[:100]
    results = selectors.search(request.user, q)
    return render(
        request,
        "forum/search.html",
        {"q": q, "results": results, "can_moderate": request.user.has_perm("forum.moderate")},
    )
