"""Background work of the talent area: recomputing an agency's 9-box (a thin call into the
service; the agency admin's button runs it inline, a schedule or a script can queue it)."""

from __future__ import annotations

from celery import shared_task

from kinerja.core.tenancy import Agency, tenant_scope
from kinerja.talent.services.placements import recompute_placements


@shared_task(name="kinerja.talent.recompute_placements")
def recompute_agency_placements(agency_id: int) -> dict[str, int]:
    """Recompute one agency's placements as the system (audited without an actor)."""
    with tenant_scope(agency_id):
        summary = recompute_placements(Agency.objects.get(pk=agency_id), actor=None)
    return {"placed": summary.placed, "unmapped": summary.unmapped, "removed": summary.removed}
