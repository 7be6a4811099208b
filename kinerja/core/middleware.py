"""Request middleware: the tenant scope of each request and the forced password change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from kinerja.core.models import Agency
from kinerja.core.permissions import actor_of


@contextmanager
def tenant_scope_of(user: Any) -> Iterator[None]:
    """The tenant scope of a user: their agency; every agency for national viewers (read-only
    by their permissions); unscoped for superusers; an empty scope for anyone else."""
    actor = actor_of(user)
    if not getattr(user, "is_authenticated", False):
        with scope():
            yield
    elif actor.is_superuser:
        with scopes_disabled():
            yield
    elif actor.is_national_viewer:
        with scope(agency=list(Agency.objects.values_list("pk", flat=True))):
            yield
    else:
        with scope(agency=actor.agency_id if actor.agency_id is not None else []):
            yield


class TenantScopeMiddleware:
    """Run each request inside the tenant scope of its (session) user.

    Anonymous requests get no agency, so a public page that touches tenant data must open a
    scope explicitly. Token-authenticated API requests get theirs from
    `core.api.TenantScopeMixin`, since DRF authenticates them after this middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with tenant_scope_of(request.user):
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


class IndonesianFirstMiddleware:
    """Bahasa Indonesia unless the user chose otherwise: the browser's language is not used.

    Sits before LocaleMiddleware, which then decides from the language cookie alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
