"""API plumbing shared by every app: errors mapped once to a 4xx body, and the tenant scope of
token-authenticated requests."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from django_scopes.exceptions import ScopeError
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from kinerja.core.exceptions import StaleEdit
from kinerja.core.middleware import tenant_scope_of
from kinerja.core.models import User


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain errors: stale edit → 409, validation → 400, permission → 403, scope → 404."""
    if isinstance(exc, StaleEdit):
        return Response(
            {"detail": exc.messages[0], "code": "stale"}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DjangoValidationError):
        # Shaped like DRF's validation errors: messages per field, the others under one key.
        non_field = api_settings.NON_FIELD_ERRORS_KEY
        by_field = exc.message_dict if hasattr(exc, "error_dict") else {non_field: exc.messages}
        detail = {
            non_field if field == NON_FIELD_ERRORS else field: [str(m) for m in messages]
            for field, messages in by_field.items()
        }
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, ScopeError | Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


class AuthenticatedRequest(Request):
    """The request of a view that requires a signed-in user (a type for the checker only)."""

    user: User  # type: ignore[assignment]


class TenantScopeMixin:
    """Run an API view in the tenant scope of the user DRF authenticated.

    The middleware only sees session users; a token is checked later, by DRF, so without this a
    token request would run in an empty scope. It also applies the forced password change.
    """

    _scope_stack: ExitStack

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with ExitStack() as stack:
            self._scope_stack = stack
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if getattr(request.user, "must_change_password", False):
            raise exceptions.PermissionDenied(_("Ganti kata sandi Anda terlebih dahulu."))
        self._scope_stack.enter_context(tenant_scope_of(request.user))
