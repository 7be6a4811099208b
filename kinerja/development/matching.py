"""Internal trainer matching: who may teach a training on given dates.

For a competency and dates: the active internal trainers of that competency, still active as
employees, whose recorded level reaches the training's level (`rules.may_teach`), whose
availability covers the dates (`rules.is_available`), never the learner themself. One query;
the plan form and the API propose them before any external training.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet

from kinerja.development import rules
from kinerja.development.models import InternalTrainer, Training


def matching_trainers(
    training: Training,
    *,
    start: dt.date,
    end: dt.date,
    learner_id: int | None,
) -> QuerySet[InternalTrainer]:
    """The internal trainers able to teach `training` from `start` to `end` (best level first),
    each annotated with `level`."""
    if training.competency_id is None:
        return InternalTrainer.objects.none()
    minimum = max(training.min_trainer_level, rules.LOWEST_TRAINER_LEVEL)
    found = (
        InternalTrainer.objects.filter(
            competency_id=training.competency_id,
            is_active=True,
            employee__is_active=True,
            employee__competencies__competency_id=training.competency_id,
            employee__competencies__level__gte=minimum,
        )
        .filter(Q(available_from__isnull=True) | Q(available_from__lte=start))
        .filter(Q(available_until__isnull=True) | Q(available_until__gte=end))
        .annotate(level=F("employee__competencies__level"))
        .select_related("employee", "employee__unit", "competency")
        .order_by("-level", "employee__name")
    )
    if learner_id is not None:
        found = found.exclude(employee_id=learner_id)
    return found
