"""Request middleware: the tenant scope of each request and the forced password change."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from kinerja.core.models import Agency
from kinerja.core.permissions import actor_of


class TenantScopeMiddleware:
    """Run each request inside the scope of the user's agency.

    Agency users see their own agency; national viewers read every agency (their permissions
    are read-only); superusers run unscoped. Anonymous requests get no scope, so a public page
    that touches tenant data must open one explicitly.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            with scope():
                return self.get_response(request)
        actor = actor_of(user)
        if actor.is_superuser:
            with scopes_disabled():
                return self.get_response(request)
        if actor.is_national_viewer:
            agency_ids = list(Agency.objects.values_list("pk", flat=True))
            with scope(agency=agency_ids):
                return self.get_response(request)
        with scope(agency=actor.agency_id if actor.agency_id is not None else []):
            return self.get_response(request)


class ForcePasswordChangeMiddleware:
    """Send a user who must change their password to the change form before anything else."""

    ALLOWED_PREFIXES = ("/static/", "/i18n/", "/akun/keluar/", "/akun/ganti-sandi/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(self.ALLOWED_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"detail": "Ganti kata sandi Anda terlebih dahulu."}',
                    status=403,
                    content_type="application/json",
                )
            return redirect(reverse("core:password-change"))
        return self.get_response(request)
