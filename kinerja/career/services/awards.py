"""The agency admin's decision on an award recommendation (UU 20/2023, Pasal 27: penghargaan
for good performance)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.career.models import AwardDecision
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Employee


@transaction.atomic
def decide_award(
    employee: Employee,
    *,
    actor: User,
    basis_key: str,
    outcome: str,
    award: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> AwardDecision:
    """Record (or change) the decision on the recommendation whose evidence is `basis_key`.

    The caller passes the basis key of the employee's current recommendation; a decision to
    award names the award, a refusal gives its reason in the note."""
    require(actor, "career.decide_award", employee)
    if outcome not in AwardDecision.Outcome.values:
        raise ValidationError({"outcome": _("Pilih keputusan.")})
    award, note = award.strip(), note.strip()
    if outcome == AwardDecision.Outcome.AWARDED and not award:
        raise ValidationError({"award": _("Sebutkan bentuk penghargaan yang diberikan.")})
    if outcome == AwardDecision.Outcome.NOT_AWARDED and not note:
        raise ValidationError({"note": _("Tuliskan alasan penghargaan tidak diberikan.")})
    decision = (
        AwardDecision.objects.select_for_update()
        .filter(employee=employee, basis_key=basis_key)
        .first()
    )
    fields = ["outcome", "award", "note"]
    if decision is None:
        decision = AwardDecision.objects.create(
            agency_id=employee.agency_id,
            employee=employee,
            basis_key=basis_key,
            outcome=outcome,
            award=award[:150],
            note=note,
            decided_by=actor,
        )
        changes = {name: (None, getattr(decision, name)) for name in fields}
    else:
        check_version(decision.version, expected_version)
        before = audit.snapshot(decision, fields)
        decision.outcome, decision.award, decision.note = outcome, award[:150], note
        decision.decided_by = actor
        decision.version += 1
        decision.save(update_fields=[*fields, "decided_by", "version", "updated_at"])
        changes = audit.diff(decision, fields, before)
    audit.record(
        decision,
        "career.award.decided",
        actor=actor,
        agency_id=employee.agency_id,
        changes=changes,
        note=basis_key,
    )
    return decision
