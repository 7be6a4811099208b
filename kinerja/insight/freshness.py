"""Figures of the leaders' pages kept for a few minutes in the shared cache.

Counting an agency's 3.6 million realisations takes the database most of a second however it
is indexed, so the dashboard and the compliance overview are computed at most once per
FIGURES_SECONDS for the same period, reach, day and language, in the shared cache (Redis in
production, the database cache when embedded) — every web process sees the same copy. The
pages say when their figures were computed; lists of rows stay live.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

T = TypeVar("T")
FIGURES_SECONDS = 600
# Part of every key: raise it when the shape of the kept figures changes, so a deploy never
# reads a copy kept by the code before it.
FIGURES_VERSION = 3


def figures_key(kind: str, *parts: object) -> str:
    text = "|".join(str(part) for part in (translation.get_language(), *parts))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"insight:v{FIGURES_VERSION}:{kind}:{digest}"


def cached_figures(key: str, compute: Callable[[], T]) -> tuple[T, dt.datetime]:
    """The figures under `key` and when they were computed; computed now when absent."""
    seconds = getattr(settings, "INSIGHT_FIGURES_SECONDS", FIGURES_SECONDS)
    found = cache.get(key) if seconds else None
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = (compute(), timezone.now())
    if seconds:
        cache.set(key, value, seconds)
    return value


def store_figures(key: str, compute: Callable[[], T]) -> tuple[T, dt.datetime]:
    """Compute the figures under `key` now and keep them (the periodic warm-up)."""
    value = (compute(), timezone.now())
    seconds = getattr(settings, "INSIGHT_FIGURES_SECONDS", FIGURES_SECONDS)
    if seconds:
        cache.set(key, value, seconds)
    return value
