"""Editing the content of a draft SKP: results (RHK), indicators, appendix, expectations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import (
    Approach,
    BehaviourExpectation,
    Indicator,
    PerformancePlan,
    PlannedResult,
    PlanStatus,
)
from kinerja.planning.services.access import editable_plan, lock_plan, mark_edited, may_decide
from kinerja.planning.services.plans import APPENDIX_FIELDS

RESULT_FIELDS = ["kind", "text", "parent", "perspective"]
INDICATOR_FIELDS = ["aspect", "text", "target_value", "target_text", "unit_of_measure"]


def _check_parent(plan: PerformancePlan, parent: PlannedResult | None) -> None:
    """The cascade: an RHK intervenes an RHK of its rater's approved SKP of the same period."""
    if parent is None:
        return
    source = parent.plan
    if (
        plan.rater_id is None
        or source.employee_id != plan.rater_id
        or source.period_id != plan.period_id
        or source.status != PlanStatus.APPROVED
    ):
        raise ValidationError(
            {
                "parent": _(
                    "RHK pimpinan yang diintervensi harus berasal dari SKP pejabat penilai yang "
                    "sudah disetujui pada periode yang sama."
                )
            }
        )


@transaction.atomic
def add_result(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    kind: str,
    text: str,
    parent: PlannedResult | None = None,
    perspective: str = "",
) -> PlannedResult:
    """Add an RHK (main or additional) to a draft SKP, cascaded from the rater's RHK."""
    plan = editable_plan(plan, actor, expected_version)
    _check_parent(plan, parent)
    result = PlannedResult(
        agency_id=plan.agency_id,
        plan=plan,
        kind=kind,
        text=text.strip(),
        parent=parent,
        perspective=perspective,
        order=plan.results.filter(kind=kind).count() + 1,
    )
    result.full_clean(exclude=["agency", "plan", "parent"])
    result.save()
    mark_edited(plan, actor, _("RHK ditambahkan: %(text)s") % {"text": result}, {})
    return result


@transaction.atomic
def update_result(
    result: PlannedResult, *, actor: User, expected_version: int | None, **fields: Any
) -> PlannedResult:
    """Change an RHK of a draft SKP."""
    plan = editable_plan(result.plan, actor, expected_version)
    result = PlannedResult.objects.select_for_update(of=("self",)).get(pk=result.pk)
    before = audit.snapshot(result, RESULT_FIELDS)
    for name, value in fields.items():
        setattr(result, name, value)
    _check_parent(plan, result.parent)
    result.full_clean(exclude=["agency", "plan", "parent"])
    changes = audit.diff(result, RESULT_FIELDS, before)
    if changes:
        result.version += 1
        result.save(update_fields=[*changes.keys(), "version", "updated_at"])
        mark_edited(plan, actor, _("RHK diubah: %(text)s") % {"text": result}, changes)
    return result


@transaction.atomic
def delete_result(result: PlannedResult, *, actor: User, expected_version: int | None) -> None:
    """Remove an RHK (and its indicators) from a draft SKP."""
    plan = editable_plan(result.plan, actor, expected_version)
    if result.interventions.exists():
        raise ValidationError(
            _("RHK ini sudah diintervensi oleh RHK bawahan; tidak dapat dihapus.")
        )
    text = str(result)
    result.delete()
    mark_edited(plan, actor, _("RHK dihapus: %(text)s") % {"text": text}, {})


def _check_indicator(indicator: Indicator, approach: str) -> None:
    if approach == Approach.QUANTITATIVE and indicator.target_value is None:
        raise ValidationError(
            {"target_value": _("Pendekatan kuantitatif: isikan target berupa angka.")}
        )
    if approach == Approach.QUALITATIVE and not indicator.target_text.strip():
        raise ValidationError(
            {"target_text": _("Pendekatan kualitatif: isikan kriteria keberhasilan.")}
        )


@transaction.atomic
def add_indicator(
    result: PlannedResult,
    *,
    actor: User,
    expected_version: int | None,
    aspect: str,
    text: str,
    target_value: Decimal | None = None,
    target_text: str = "",
    unit_of_measure: str = "",
) -> Indicator:
    """Add an individual performance indicator with its target to an RHK of a draft SKP."""
    plan = editable_plan(result.plan, actor, expected_version)
    indicator = Indicator(
        agency_id=plan.agency_id,
        result=result,
        aspect=aspect,
        text=text.strip(),
        target_value=target_value,
        target_text=target_text.strip(),
        unit_of_measure=unit_of_measure.strip(),
        order=result.indicators.count() + 1,
    )
    _check_indicator(indicator, plan.period.approach)
    indicator.full_clean(exclude=["agency", "result"])
    indicator.save()
    mark_edited(plan, actor, _("Indikator ditambahkan: %(text)s") % {"text": indicator}, {})
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator, *, actor: User, expected_version: int | None, **fields: Any
) -> Indicator:
    """Change an indicator of a draft SKP."""
    plan = editable_plan(indicator.result.plan, actor, expected_version)
    indicator = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    before = audit.snapshot(indicator, INDICATOR_FIELDS)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _check_indicator(indicator, plan.period.approach)
    indicator.full_clean(exclude=["agency", "result"])
    changes = audit.diff(indicator, INDICATOR_FIELDS, before)
    if changes:
        indicator.version += 1
        indicator.save(update_fields=[*changes.keys(), "version", "updated_at"])
        mark_edited(plan, actor, _("Indikator diubah: %(text)s") % {"text": indicator}, changes)
    return indicator


@transaction.atomic
def delete_indicator(indicator: Indicator, *, actor: User, expected_version: int | None) -> None:
    """Remove an indicator from a draft SKP."""
    plan = editable_plan(indicator.result.plan, actor, expected_version)
    text = str(indicator)
    indicator.delete()
    mark_edited(plan, actor, _("Indikator dihapus: %(text)s") % {"text": text}, {})


@transaction.atomic
def update_appendix(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    resources: str,
    accountability: str,
    consequences: str,
) -> PerformancePlan:
    """Set the appendix: resources, accountability scheme and consequences."""
    plan = editable_plan(plan, actor, expected_version)
    before = audit.snapshot(plan, APPENDIX_FIELDS)
    plan.resources, plan.accountability, plan.consequences = (
        resources.strip(),
        accountability.strip(),
        consequences.strip(),
    )
    changes = audit.diff(plan, APPENDIX_FIELDS, before)
    if changes:
        plan.save(update_fields=list(changes))
        mark_edited(plan, actor, _("Lampiran SKP diubah"), changes)
    return plan


@transaction.atomic
def set_expectations(
    plan: PerformancePlan,
    *,
    actor: User,
    expected_version: int | None,
    texts: dict[str, str],
) -> PerformancePlan:
    """Set the leader's specific expectation per BerAKHLAK value.

    The employee writes them while drafting; the rater may complete them before approving.
    """
    if not (actor.has_perm("planning.edit_plan", plan) or may_decide(actor, plan)):
        require(actor, "planning.edit_plan", plan)
    plan = lock_plan(plan, expected_version)
    if not plan.is_current or plan.status == PlanStatus.APPROVED:
        raise ValidationError(_("SKP yang sudah disetujui tidak dapat diubah."))
    if plan.status == PlanStatus.SUBMITTED and not may_decide(actor, plan):
        raise ValidationError(_("SKP yang sudah diajukan tidak dapat diubah."))
    existing = {e.value: e for e in plan.expectations.all()}
    changes: audit.Changes = {}
    for value in CORE_VALUES:
        text = texts.get(value.code, "").strip()
        current = existing.get(value.code)
        old = current.text if current else ""
        if text == old:
            continue
        changes[value.code] = (old, text)
        if current is None:
            BehaviourExpectation.objects.create(
                agency_id=plan.agency_id, plan=plan, value=value.code, text=text
            )
        else:
            current.text = text
            current.save(update_fields=["text"])
    if changes:
        mark_edited(plan, actor, _("Ekspektasi perilaku diubah"), changes)
    return plan
