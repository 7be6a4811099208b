"""Reads of the catalogue: trainings and internal trainers, with search."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import Http404

from kinerja.core.models import User
from kinerja.development.models import InternalTrainer, Training


def trainings(*, q: str = "", delivery: str = "", active_only: bool = False) -> QuerySet[Training]:
    """The agency's catalogue, internal first, searchable by title, provider or competency."""
    found = Training.objects.select_related("competency")
    if q:
        found = found.filter(
            Q(title__icontains=q) | Q(provider__icontains=q) | Q(competency__name__icontains=q)
        )
    if delivery:
        found = found.filter(delivery=delivery)
    if active_only:
        found = found.filter(is_active=True)
    return found.order_by("-is_active", "-delivery", "title", "pk")


def get_training_for(user: User, pk: int) -> Training:
    """A training of the user's agency (`development.view_catalogue`); else 404."""
    training = Training.objects.select_related("competency").filter(pk=pk).first()
    if training is None or not user.has_perm("development.view_catalogue", training):
        raise Http404
    return training


def trainers(*, q: str = "", competency_id: int | None = None) -> QuerySet[InternalTrainer]:
    """The internal trainers with their current level in the competency they teach."""
    found = InternalTrainer.objects.select_related(
        "employee", "employee__unit", "competency"
    ).filter(employee__competencies__competency_id=F("competency_id"))
    if q:
        found = found.filter(
            Q(employee__name__icontains=q)
            | Q(employee__nip__startswith=q)
            | Q(competency__name__icontains=q)
        )
    if competency_id:
        found = found.filter(competency_id=competency_id)
    return found.annotate(level=F("employee__competencies__level")).order_by(
        "-is_active", "competency__name", "employee__name", "pk"
    )


def get_trainer_for(user: User, pk: int) -> InternalTrainer:
    """A trainer of the user's agency (`development.view_catalogue`); else 404."""
    trainer = InternalTrainer.objects.select_related("employee", "competency").filter(pk=pk).first()
    if trainer is None or not user.has_perm("development.view_catalogue", trainer):
        raise Http404
    return trainer
