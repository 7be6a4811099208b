"""Background work of the citizen area: each task takes ids and calls a service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from kinerja.citizen.services import sources
from kinerja.core.tenancy import tenant_scope


@shared_task(name="kinerja.citizen.recompute_sources_for")
def recompute_sources_for(
    agency_id: int,
    *,
    service_id: int | None = None,
    unit_id: int | None = None,
    employee_id: int | None = None,
    day: str | None = None,
) -> int:
    """Recompute the indicators fed by a service, unit or employee whose data changed on `day`
    (ISO date; None: every started sub-period). Returns how many realisations were written."""
    with tenant_scope(agency_id):
        summary = sources.recompute_for_change(
            service_id=service_id,
            unit_id=unit_id,
            employee_id=employee_id,
            day=dt.date.fromisoformat(day) if day else None,
        )
    return summary.stored


# --- Services area: the commit of a queue-system import ----------------------------------------


@shared_task(name="kinerja.citizen.commit_request_import")
def commit_request_import(job_id: int, actor_id: int | None = None) -> None:
    """Commit a checked import of service requests (all rows or none)."""
    from kinerja.citizen.importing_requests import jobs

    jobs.commit_request_import(job_id, actor_id=actor_id)
