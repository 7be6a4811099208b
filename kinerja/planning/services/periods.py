"""Opening performance periods (PermenPANRB 6/2022: the SKP is planned per period)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.planning.models import Period

PERIOD_FIELDS = [
    "year",
    "name",
    "frequency",
    "approach",
    "start_date",
    "end_date",
    "plan_deadline",
]


@transaction.atomic
def create_period(agency: Agency, *, actor: User | None, **fields: Any) -> Period:
    """Open a performance period for the agency (agency admin)."""
    period = Period(agency=agency, **fields)
    if actor is not None:
        require(actor, "planning.manage_periods", period)
    if period.plan_deadline and not (period.start_date <= period.plan_deadline <= period.end_date):
        raise ValidationError(
            {"plan_deadline": _("Batas pengajuan SKP harus berada di dalam periode.")}
        )
    period.full_clean()
    period.save()
    audit.record(
        period,
        "planning.period.created",
        actor=actor,
        agency_id=agency.pk,
        changes={f: (None, getattr(period, f)) for f in PERIOD_FIELDS if getattr(period, f)},
    )
    return period
