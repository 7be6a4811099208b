"""The notification inbox: newest first, unread highlighted, open (marks read) and mark read.

Only the recipient ever sees a notification; anybody else's answers 404. Opening one follows
its link only when it is a path on this site (never an open redirect).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kinerja.core import notifications
from kinerja.core.http import AuthedRequest
from kinerja.core.spreadsheets import xlsx_response

PAGE_SIZE = 25


def _inbox_url(request: AuthedRequest) -> str:
    """Back to the inbox page the form was sent from (only the known query parameters)."""
    url = reverse("notifications:inbox")
    page = request.POST.get("page", "")
    query = [f"page={page}"] if page.isdigit() else []
    if request.POST.get("unread") == "1":
        query.append("unread=1")
    return f"{url}?{'&'.join(query)}" if query else url


@login_required
@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    items = notifications.inbox_of(request.user, unread_only=unread_only)
    if request.GET.get("format") == "xlsx":
        rows = ((n.created_at, n.text, n.read_at) for n in items.iterator())
        return xlsx_response(
            "notifikasi.xlsx",
            _("Notifikasi"),
            [_("Waktu"), _("Isi"), _("Dibaca")],
            rows,
        )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notification_list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "query": "unread=1" if unread_only else "",
            "has_unread": notifications.inbox_of(request.user, unread_only=True).exists(),
        },
    )


@login_required
@require_GET
def notification_open(request: AuthedRequest, pk: int) -> HttpResponseRedirect:
    """Open a notification: mark it read and go to what it is about (a local path only)."""
    notification = notifications.get_notification_for(request.user, pk)
    notifications.mark_read(notification, actor=request.user)
    return redirect(notifications.local_path(notification.url) or "notifications:inbox")


@login_required
@require_POST
def notification_mark_read(request: AuthedRequest, pk: int) -> HttpResponseRedirect:
    notification = notifications.get_notification_for(request.user, pk)
    notifications.mark_read(notification, actor=request.user)
    return redirect(_inbox_url(request))


@login_required
@require_POST
def notification_mark_all_read(request: AuthedRequest) -> HttpResponseRedirect:
    count = notifications.mark_all_read(request.user, actor=request.user)
    if count:
        messages.success(
            request, _("%(count)s notifikasi ditandai sudah dibaca.") % {"count": count}
        )
    return redirect("notifications:inbox")
