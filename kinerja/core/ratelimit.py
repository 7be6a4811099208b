"""Rate limits for public endpoints (the survey, the complaint form, the status lookup).

A fixed window per client and scope, counted in the shared cache (Redis in production, the
database cache when embedded), so every web process sees the same count. The client is the
connecting address; behind a proxy set `RATELIMIT_CLIENT_HEADER` (e.g. `HTTP_X_REAL_IP`) to the
header the proxy sets — never trust a header the client can choose without a proxy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    """At most `requests` per `seconds` per client in `scope`."""

    scope: str
    requests: int
    seconds: int


def client_of(request: HttpRequest) -> str:
    header = getattr(settings, "RATELIMIT_CLIENT_HEADER", "")
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit(limit: Limit, client: str, *, now: float | None = None) -> bool:
    """Count one request; False when the client is over the limit in the current window."""
    window = int((now if now is not None else time.time()) // limit.seconds)
    key = f"ratelimit:{limit.scope}:{client}:{window}"
    if cache.add(key, 1, timeout=limit.seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds + 1)
        return True
    return count <= limit.requests


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "core/too_many_requests.html", status=429)


def rate_limited(
    limit: Limit, *, methods: tuple[str, ...] = ("POST",)
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Answer 429 (with a page in Indonesian, or `{"detail": …}` for JSON clients) once a
    client exceeds `limit` on the given methods; other methods are not counted."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            counted = getattr(settings, "RATELIMIT_ENABLED", True) and request.method in methods
            if counted and not hit(limit, client_of(request)):
                if "application/json" in request.headers.get("Accept", ""):
                    return JsonResponse(
                        {"detail": "Terlalu banyak permintaan. Coba lagi sebentar lagi."},
                        status=429,
                    )
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
