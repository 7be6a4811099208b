"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kinerja.core.permissions import actor_of


def kinerja(request: HttpRequest) -> dict[str, Any]:
    return {"site_name": settings.SITE_NAME, "actor": actor_of(getattr(request, "user", None))}
