"""Complaints for the tests: registered through the service, as the public form does."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from kinerja.citizen.models import Channel, Complaint
from kinerja.citizen.services import complaints as services

# A Friday: 3 working days → Wednesday 11 March; 5 → Friday 13 March.
FRIDAY_MORNING = dt.datetime(2026, 3, 6, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))


def complaint_in(unit: Any, **fields: Any) -> Complaint:
    """A complaint filed to `unit` on the public form (no actor)."""
    values: dict[str, Any] = {
        "channel": Channel.WEB,
        "subject": "Antrean KTP-el terlalu lama",
        "description": "Saya menunggu empat jam di kelurahan tanpa kepastian.",
        "complainant_name": "Rahmat Hidayat",
        "complainant_contact": "0812-7000-1234",
        **fields,
    }
    return services.register_complaint(unit, actor=None, **values)


def fresh(complaint: Complaint) -> Complaint:
    return Complaint.objects.get(pk=complaint.pk)


@pytest.fixture
def clear_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()
