"""The agency's 9-box cut-offs: read (created with the defaults on first use) and edited by the
agency admin, refused unless ordered (`boxes.cutoff_problems`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.talent.boxes import Cutoffs, cutoff_problems
from kinerja.talent.models import TalentSettings

EDITABLE = [
    "years",
    "performance_as_from",
    "performance_above_from",
    "potential_middle_from",
    "potential_high_from",
    "use_periodic_fallback",
]


def register_audit_actions() -> None:
    """Register the audit codes of the talent area (called from TalentConfig.ready)."""
    audit.register_actions(
        {
            "talent.settings.updated": gettext_lazy("Batas 9-box diubah"),
            "talent.placements.recomputed": gettext_lazy("Pemetaan 9-box dihitung ulang"),
            "talent.potential.recorded": gettext_lazy("Skor potensial dicatat"),
            "talent.potential.deleted": gettext_lazy("Skor potensial dihapus"),
            "talent.potential.imported": gettext_lazy("Skor potensial diimpor"),
            "talent.key_position.marked": gettext_lazy("Jabatan ditetapkan sebagai jabatan kunci"),
            "talent.key_position.unmarked": gettext_lazy("Jabatan kunci dihapus"),
        }
    )


def settings_of(agency: Agency, *, lock: bool = False) -> TalentSettings:
    """The agency's settings, created with the defaults when missing."""
    found, _created = TalentSettings.objects.get_or_create(agency=agency)
    if lock:
        found = TalentSettings.objects.select_for_update().get(pk=found.pk)
    return found


@transaction.atomic
def update_settings(
    agency: Agency,
    *,
    actor: User,
    years: int,
    performance_as_from: Decimal,
    performance_above_from: Decimal,
    potential_middle_from: Decimal,
    potential_high_from: Decimal,
    use_periodic_fallback: bool,
    expected_version: int | None = None,
) -> TalentSettings:
    """Change the cut-offs; they must be ordered. Placements change at the next recompute."""
    require(actor, "talent.manage", agency)
    problems = cutoff_problems(
        Cutoffs(
            years=years,
            performance_as_from=performance_as_from,
            performance_above_from=performance_above_from,
            potential_middle_from=potential_middle_from,
            potential_high_from=potential_high_from,
        )
    )
    if problems:
        raise ValidationError(dict(problems))
    current = settings_of(agency, lock=True)
    check_version(current.version, expected_version)
    before = audit.snapshot(current, EDITABLE)
    current.years = years
    current.performance_as_from = performance_as_from
    current.performance_above_from = performance_above_from
    current.potential_middle_from = potential_middle_from
    current.potential_high_from = potential_high_from
    current.use_periodic_fallback = use_periodic_fallback
    changes = audit.diff(current, EDITABLE, before)
    if not changes:
        return current
    current.updated_by = actor
    current.version += 1
    current.save(update_fields=[*EDITABLE, "updated_by", "version", "updated_at"])
    audit.record(
        current, "talent.settings.updated", actor=actor, agency_id=agency.pk, changes=changes
    )
    return current
