"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kinerja.core.notifications import BADGE_LIMIT, unread_count
from kinerja.core.permissions import actor_of


def kinerja(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"site_name": settings.SITE_NAME, "actor": actor_of(user)}
    if user is not None and user.is_authenticated:
        # Lazy: one bounded COUNT, only on pages that render the badge; none for anonymous users.
        context["unread_notifications"] = SimpleLazyObject(lambda: _badge(user))
    return context


def _badge(user: Any) -> str:
    """The unread count as the badge shows it ("" for none, "99+" beyond the limit)."""
    count = unread_count(user)
    if not count:
        return ""
    return f"{BADGE_LIMIT}+" if count > BADGE_LIMIT else str(count)
