"""Account pages (sign-in, password change) and the audit trail page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from kinerja.core import audit
from kinerja.core.forms import AuditFilterForm, ChangePasswordForm, SignInForm
from kinerja.core.http import AuthedRequest
from kinerja.core.models import User
from kinerja.core.permissions import actor_of, require
from kinerja.core.selectors import audit_entries
from kinerja.core.spreadsheets import xlsx_response


class SignInView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordChangeView(LoginRequiredMixin, View):
    """Change the password; required before anything else after an admin reset."""

    template_name = "core/password_change.html"

    def get(self, request: AuthedRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": ChangePasswordForm(request.user)})

    @transaction.atomic
    def post(self, request: AuthedRequest) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        form = ChangePasswordForm(user, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        form.save()
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        update_session_auth_hash(request, user)
        if user.agency_id:
            audit.record(user, "core.user.password_changed", actor=user, agency_id=user.agency_id)
        messages.success(request, _("Kata sandi berhasil diganti."))
        return redirect("insight:home")


def _audit_filters(request: AuthedRequest) -> tuple[AuditFilterForm, dict[str, Any]]:
    actions = sorted((code, str(label)) for code, label in audit.ACTIONS.items())
    form = AuditFilterForm(request.GET or None, actions=actions)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    return form, filters


class AuditListView(LoginRequiredMixin, View):
    """The audit trail of the agency, for its admins and inspectors, with filters and export."""

    def get(self, request: AuthedRequest) -> HttpResponse:
        require(request.user, "core.view_audit", request.user.agency)
        form, filters = _audit_filters(request)
        entries = audit_entries(**filters)
        if request.GET.get("format") == "xlsx":
            rows = (
                (
                    e.created_at,
                    e.actor.username if e.actor else "",
                    audit.action_label(e.action),
                    e.object_repr,
                    "; ".join(f"{k}: {v[0]} → {v[1]}" for k, v in e.changes.items()),
                    e.note,
                )
                for e in entries[:50000]
            )
            return xlsx_response(
                "jejak-audit.xlsx",
                "Jejak audit",
                [_("Waktu"), _("Pelaku"), _("Aksi"), _("Objek"), _("Perubahan"), _("Catatan")],
                rows,
            )
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        for entry in page.object_list:
            entry.label = audit.action_label(entry.action)
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "core/audit_list.html",
            {
                "form": form,
                "page": page,
                "query": query.urlencode(),
                "actor": actor_of(request.user),
            },
        )
