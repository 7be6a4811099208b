"""Reads of the oversight area, scoped to what the user may see: the same rules as
`permissions`, written as queries, so a list never shows a row its detail page would refuse.
Objects of another agency answer 404; an object of the agency out of the user's reach 403."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kinerja.core.models import Role, User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit
from kinerja.oversight.models import (
    UNFINISHED,
    Audit,
    AuditStatus,
    FieldVisit,
    Finding,
    FollowUp,
    FollowUpStatus,
    Recommendation,
)
from kinerja.oversight.permissions import ancestor_paths, team_ids


def _reads_all(user: User) -> bool:
    actor = actor_of(user)
    return actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN)


def _subtree_query(field: str, paths: tuple[str, ...]) -> Q:
    query = Q()
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def audit_visibility(user: User) -> Q | None:
    """The audits `user` may read as a filter; None means every audit of the scope."""
    if _reads_all(user):
        return None
    actor = actor_of(user)
    query = Q(team=actor.user_id) if actor.has_role(Role.INSPECTOR) else Q(pk__in=[])
    if actor.head_unit_paths:
        above = [path for head in actor.head_unit_paths for path in ancestor_paths(head)]
        query |= ~Q(status=AuditStatus.PLANNED) & (
            _subtree_query("units__path", actor.head_unit_paths) | Q(units__path__in=above)
        )
    return query


def audits_visible_to(user: User, *, q: str = "", status: str = "") -> QuerySet[Audit]:
    """The audits the user may read, newest first, with their counts done in SQL."""
    if not user.has_perm("oversight.list_audits"):
        return Audit.objects.none()
    audits = Audit.objects.all()
    visibility = audit_visibility(user)
    if visibility is not None:
        audits = audits.filter(pk__in=Audit.objects.filter(visibility).values("pk"))
    if q.strip():
        term = q.strip()
        audits = audits.filter(Q(title__icontains=term) | Q(letter_number__icontains=term))
    if status in AuditStatus.values:
        audits = audits.filter(status=status)
    return (
        audits.select_related("lead")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("path")))
        .annotate(
            finding_count=Count("findings", distinct=True),
            open_count=Count(
                "findings__recommendations",
                filter=Q(findings__recommendations__status__in=UNFINISHED),
                distinct=True,
            ),
        )
        .order_by("-planned_start", "-id")
    )


def _found(model_obj: Any, user: User, perm: str) -> Any:
    """404 for another agency's object (never revealing it exists), 403 when out of reach."""
    if model_obj is None:
        raise Http404
    actor = actor_of(user)
    if not actor.is_superuser and model_obj.agency_id != actor.agency_id:
        raise Http404
    if not user.has_perm(perm, model_obj):
        raise PermissionDenied(_("Anda tidak berwenang membuka data pemeriksaan ini."))
    return model_obj


def get_audit_for(user: User, pk: int, *, perm: str = "oversight.view_audit") -> Audit:
    found = Audit.objects.select_related("lead", "created_by").filter(pk=pk).first()
    return _found(found, user, perm)


def get_finding_for(user: User, pk: int, *, perm: str = "oversight.view_finding") -> Finding:
    found = Finding.objects.select_related("audit__lead", "unit").filter(pk=pk).first()
    return _found(found, user, perm)


def get_recommendation_for(
    user: User, pk: int, *, perm: str = "oversight.view_recommendation"
) -> Recommendation:
    found = (
        Recommendation.objects.select_related(
            "finding__audit__lead", "finding__unit", "owner__unit", "owner__position"
        )
        .filter(pk=pk)
        .first()
    )
    return _found(found, user, perm)


def get_follow_up_for(user: User, pk: int) -> FollowUp:
    """A follow-up, for those who may see its recommendation (its file included)."""
    found = (
        FollowUp.objects.select_related("recommendation__finding__audit__lead")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    _found(found.recommendation, user, "oversight.view_recommendation")
    return found


def units_of(audit: Audit) -> list[Unit]:
    return list(audit.units.order_by("path"))


def team_of(audit: Audit) -> list[User]:
    return list(audit.team.select_related("employee").order_by("first_name", "username"))


def visits_of(audit: Audit) -> list[FieldVisit]:
    return list(audit.visits.select_related("unit", "inspector").order_by("-visited_on", "-id"))


def findings_visible_in(audit: Audit, user: User) -> list[Finding]:
    """The audit's findings the user may see, with their recommendations (and owners) in two
    more queries: the team and the admin see all; a head those of their subtree."""
    findings = audit.findings.select_related("unit")
    if not (_reads_all(user) or actor_of(user).user_id in team_ids(audit)):
        heads = actor_of(user).head_unit_paths
        findings = (
            findings.filter(_subtree_query("unit__path", heads)) if heads else findings.none()
        )
    return list(
        findings.prefetch_related(
            Prefetch(
                "recommendations",
                queryset=_with_pending(Recommendation.objects.select_related("owner")).order_by(
                    "id"
                ),
            )
        ).order_by("number")
    )


def follow_ups_of(recommendation: Recommendation) -> list[FollowUp]:
    return list(
        recommendation.follow_ups.select_related("submitted_by", "reviewed_by").order_by(
            "created_at", "id"
        )
    )


def pending_follow_up(follow_ups: list[FollowUp]) -> FollowUp | None:
    return next((f for f in follow_ups if f.status == FollowUpStatus.SUBMITTED), None)


def recommendation_visibility(user: User) -> Q | None:
    """The recommendations `user` may read as a filter; None means every one of the scope."""
    if _reads_all(user):
        return None
    actor = actor_of(user)
    query = Q(owner_id=actor.employee_id) if actor.employee_id else Q(pk__in=[])
    if actor.has_role(Role.INSPECTOR):
        query |= Q(finding__audit__team=actor.user_id)
    if actor.head_unit_paths:
        query |= ~Q(finding__audit__status=AuditStatus.PLANNED) & _subtree_query(
            "finding__unit__path", actor.head_unit_paths
        )
    return query


def _with_pending(recommendations: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return recommendations.annotate(
        has_pending=Exists(
            FollowUp.objects.filter(recommendation=OuterRef("pk"), status=FollowUpStatus.SUBMITTED)
        )
    )


def recommendations_of_owner(user: User, *, status: str = "") -> QuerySet[Recommendation]:
    """ "Rekomendasi saya": the recommendations the user's employee owns, due first."""
    employee_id = actor_of(user).employee_id
    if employee_id is None:
        return Recommendation.objects.none()
    found = Recommendation.objects.filter(owner_id=employee_id).exclude(
        finding__audit__status=AuditStatus.PLANNED
    )
    if status == "open":
        found = found.filter(status__in=UNFINISHED)
    elif status == "finished":
        found = found.exclude(status__in=UNFINISHED)
    return _with_pending(
        found.select_related("finding__audit", "finding__unit", "owner").order_by("due_date", "id")
    )


def overdue_recommendations(
    user: User, *, today: dt.date, unit_id: int | None = None
) -> QuerySet[Recommendation]:
    """Unfinished recommendations past their due date that the user may read, most late first."""
    if not user.has_perm("oversight.list_overdue"):
        return Recommendation.objects.none()
    found = Recommendation.objects.overdue(today).exclude(
        finding__audit__status=AuditStatus.PLANNED
    )
    visibility = recommendation_visibility(user)
    if visibility is not None:
        found = found.filter(pk__in=Recommendation.objects.filter(visibility).values("pk"))
    if unit_id is not None:
        found = found.filter(finding__unit_id=unit_id)
    return _with_pending(
        found.select_related("finding__audit", "finding__unit", "owner").order_by("due_date", "id")
    )


@dataclass(frozen=True)
class UnitOverdue:
    unit_id: int
    unit_name: str
    unit_path: str
    overdue: int
    oldest_due: dt.date


def overdue_by_unit(user: User, *, today: dt.date) -> list[UnitOverdue]:
    """Overdue recommendations counted per unit of their finding, in one SQL aggregate."""
    rows = (
        overdue_recommendations(user, today=today)
        .order_by()
        .values("finding__unit_id", "finding__unit__name", "finding__unit__path")
        .annotate(overdue=Count("id"), oldest=Min("due_date"))
        .order_by("-overdue", "finding__unit__path")
    )
    return [
        UnitOverdue(
            row["finding__unit_id"],
            row["finding__unit__name"],
            row["finding__unit__path"],
            row["overdue"],
            row["oldest"],
        )
        for row in rows
    ]


def employees_for_owner(audit: Audit) -> QuerySet[Employee]:
    """Candidate owners of a recommendation: active employees of the audited units' subtrees,
    heads of unit first (their position's kind puts structural positions on top)."""
    paths = tuple(audit.units.values_list("path", flat=True))
    return (
        Employee.objects.filter(is_active=True)
        .filter(_subtree_query("unit__path", paths))
        .select_related("unit", "position")
        .order_by("unit__path", "position__kind", "name")
    )


def units_in_audit(audit: Audit) -> QuerySet[Unit]:
    paths = tuple(audit.units.values_list("path", flat=True))
    return (
        Unit.objects.filter(is_active=True).filter(_subtree_query("path", paths)).order_by("path")
    )


def inspectors_of(agency_id: int) -> QuerySet[User]:
    """Active accounts of the agency holding the inspector role."""
    return (
        User.objects.filter(agency_id=agency_id, is_active=True, role_grants__role=Role.INSPECTOR)
        .select_related("employee")
        .distinct()
        .order_by("first_name", "username")
    )
