"""Reads of the dictionary and of the competency standard of positions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kinerja.competency.models import AssessmentImport, Competency, PositionRequirement
from kinerja.core.models import User
from kinerja.org.models import Position, Unit


@dataclass(frozen=True)
class DictionaryFilters:
    q: str = ""
    kind: str = ""
    status: str = "active"  # active | inactive | all


def competency_list(user: User, filters: DictionaryFilters | None = None) -> QuerySet[Competency]:
    """The dictionary of the user's agency (the tenant scope), filtered, with the number of
    positions requiring each entry counted in SQL."""
    if not user.has_perm("competency.view_dictionary"):
        return Competency.objects.none()
    filters = filters or DictionaryFilters()
    entries = Competency.objects.annotate(position_count=Count("requirements"))
    if filters.status == "active":
        entries = entries.filter(is_active=True)
    elif filters.status == "inactive":
        entries = entries.filter(is_active=False)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.q.strip():
        term = filters.q.strip()
        entries = entries.filter(
            Q(name__icontains=term) | Q(code__icontains=term) | Q(description__icontains=term)
        )
    return entries.order_by("kind", "code", "pk")


def get_competency_for(
    user: User, pk: int, *, perm: str = "competency.view_dictionary"
) -> Competency:
    """One entry of the user's agency that `perm` allows; anything else is 404."""
    found = Competency.objects.filter(pk=pk).first()
    if found is None or not user.has_perm(perm, found):
        raise Http404
    return found


def active_competencies() -> list[Competency]:
    """The agency's active entries, managerial first (for forms)."""
    return list(Competency.objects.filter(is_active=True).order_by("kind", "code", "pk"))


def positions_with_requirements(*, q: str = "", unit: Unit | None = None) -> QuerySet[Position]:
    """Active positions of the agency with their unit, holders and number of requirements."""
    positions = (
        Position.objects.filter(is_active=True)
        .select_related("unit")
        .annotate(
            requirement_count=Count(
                "competency_requirements",
                filter=Q(competency_requirements__competency__is_active=True),
                distinct=True,
            ),
            holder_count=Count("holders", filter=Q(holders__is_active=True), distinct=True),
        )
    )
    if q.strip():
        positions = positions.filter(name__icontains=q.strip())
    if unit is not None:
        positions = positions.filter(unit__path__startswith=unit.path)
    return positions.order_by("unit__path", "name", "pk")


def get_position_for(user: User, pk: int) -> Position:
    """A position whose competency standard the user may edit; anything else is 404."""
    position = Position.objects.select_related("unit").filter(pk=pk).first()
    if position is None or not user.has_perm("competency.manage_dictionary", position):
        raise Http404
    return position


def requirement_levels(position: Position) -> dict[int, int]:
    """Competency id → required level of one position."""
    return dict(
        PositionRequirement.objects.filter(position=position).values_list("competency_id", "level")
    )


def get_import_for(user: User, pk: int) -> AssessmentImport:
    """An import of the user's agency that the user may run; anything else is 404."""
    job = AssessmentImport.objects.filter(pk=pk).first()
    if job is None or not user.has_perm("competency.manage_dictionary", job):
        raise Http404
    return job
