"""Reads of core data, scoped to what the viewer may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from kinerja.core.models import AuditEntry


def audit_entries(
    *,
    q: str = "",
    action: str = "",
    actor: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries of the active agency scope, newest first, filtered."""
    entries = AuditEntry.objects.select_related("actor")
    if q:
        entries = entries.filter(Q(object_repr__icontains=q) | Q(note__icontains=q))
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(
            Q(actor__username__icontains=actor)
            | Q(actor__first_name__icontains=actor)
            | Q(actor__last_name__icontains=actor)
        )
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries.order_by("-created_at", "-id")
