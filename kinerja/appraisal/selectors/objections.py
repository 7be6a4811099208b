"""Reads of objections (keberatan), scoped to the filer, the decider and those who oversee."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.appraisal.models import Objection
from kinerja.appraisal.permissions.evaluation import objection_scope
from kinerja.core.models import Role, User
from kinerja.core.permissions import actor_of


def objections_visible_to(user: User, *, status: str = "", q: str = "") -> QuerySet[Objection]:
    """Objections the user may see, newest first, with the evaluation and people joined."""
    objections = Objection.objects.filter(objection_scope(actor_of(user), user.pk)).select_related(
        "evaluation",
        "evaluation__period",
        "evaluation__employee",
        "evaluation__rater",
        "evaluation__unit",
        "decider",
    )
    if status:
        objections = objections.filter(status=status)
    if q.strip():
        term = q.strip()
        objections = objections.filter(
            Q(evaluation__employee__name__icontains=term)
            | Q(evaluation__employee__nip__startswith=term)
        )
    return objections.order_by("-created_at", "-id")


def objections_filed_by(user: User) -> QuerySet[Objection]:
    return objections_visible_to(user).filter(filed_by=user)


def objections_to_decide(user: User) -> QuerySet[Objection]:
    """Objections the user decides: named decider, or (agency admin) those without one."""
    employee_id = actor_of(user).employee_id
    query = Q(decider_id=employee_id) if employee_id is not None else Q(pk__in=[])
    if actor_of(user).has_role(Role.AGENCY_ADMIN):  # they decide when nobody is named
        query |= Q(decider__isnull=True)
    return objections_visible_to(user).filter(query).exclude(filed_by=user)


def get_objection_for(user: User, pk: int) -> Objection:
    """One objection the user may see; anything else (another agency too) is 404."""
    objection = (
        Objection.objects.select_related(
            "evaluation",
            "evaluation__period",
            "evaluation__employee",
            "evaluation__rater",
            "evaluation__unit",
            "decider",
            "filed_by",
            "decided_by",
        )
        .filter(pk=pk)
        .first()
    )
    if objection is None or not user.has_perm("appraisal.view_objection", objection):
        raise Http404
    return objection
