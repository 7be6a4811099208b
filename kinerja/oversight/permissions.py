"""Internal supervision permissions, declared once.

| permission | who |
|---|---|
| oversight.create_audit (plan a new audit) | inspectors |
| oversight.list_audits (the audit list; rows scoped by `selectors.audits_visible_to`) | inspectors, agency admin, heads |
| oversight.view_audit (on an audit) | its team, the agency admin, heads whose subtree overlaps an audited unit once the audit has left "planned" |
| oversight.manage_audit (on an audit: edit the plan, move its status) | the team's lead (an inspector) |
| oversight.work_in_audit (on an audit: visits, findings, recommendations, reviews of follow-ups) | the audit's team (inspectors) |
| oversight.view_finding (on a finding) | the team, the agency admin, heads of the finding's unit (subtree) once the audit has left "planned" |
| oversight.view_recommendation (on a recommendation, its follow-ups and their files) | as a finding, and the recommendation's owner |
| oversight.submit_follow_up (on a recommendation) | its owner |
| oversight.list_overdue (overdue recommendations per unit) | inspectors, agency admin, heads (rows scoped) |
| oversight.view_own_recommendations ("Rekomendasi saya") | any employee |

Inspectors read only the audits whose team they are on. For the other apps, `units_under_audit`
gives the unit paths an inspector is auditing now (audits in fieldwork or reporting where they
are on the team) and `core.permissions.inspects_unit` is the `rules` predicate over a unit. Whether an
audit is closed or a recommendation finished is a business rule: the services check it.
"""

from __future__ import annotations

from typing import Any

import rules

from kinerja.core.models import User
from kinerja.core.permissions import (
    actor_of,
    in_own_agency,
    is_agency_admin,
    is_employee,
    is_head,
    is_inspector,
    path_in_subtree,
)
from kinerja.oversight.models import Audit, AuditStatus, Finding, FollowUp, Recommendation


def ancestor_paths(path: str) -> list[str]:
    """`/1/7/12/` → `['/1/', '/1/7/', '/1/7/12/']`: the unit and every unit above it."""
    parts = [part for part in path.split("/") if part]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def audit_of(obj: Any) -> Audit | None:
    """The audit an audit, finding, recommendation or follow-up belongs to."""
    if isinstance(obj, Audit):
        return obj
    if isinstance(obj, Finding):
        return obj.audit
    if isinstance(obj, Recommendation):
        return obj.finding.audit
    if isinstance(obj, FollowUp):
        return obj.recommendation.finding.audit
    return None


def team_ids(audit: Audit) -> set[int]:
    """The user ids of the audit's team, read once per audit object."""
    cached: set[int] | None = getattr(audit, "_team_ids", None)
    if cached is None:
        cached = set(audit.team.values_list("pk", flat=True))
        audit._team_ids = cached  # type: ignore[attr-defined]
    return cached


def audited_unit_paths(user_id: int, agency_id: int) -> tuple[str, ...]:
    """The unit paths the inspector `user_id` is auditing now: the units of the audits in
    fieldwork or reporting whose team they are on (each unit stands for its subtree). The
    provider behind `Actor.inspected_unit_paths` (registered in `OversightConfig.ready`)."""
    paths = Audit.units.through.objects.filter(
        audit__agency_id=agency_id,
        audit__team=user_id,
        audit__status__in=[AuditStatus.FIELDWORK, AuditStatus.REPORTING],
    ).values_list("unit__path", flat=True)
    return tuple(sorted(set(paths)))


def units_under_audit(user: User) -> tuple[str, ...]:
    """The unit paths the inspector is auditing now (empty for anyone who is not one);
    computed once a request with the user's actor."""
    return actor_of(user).inspected_unit_paths


@rules.predicate
def on_team(user: User, obj: Any) -> bool:
    audit = audit_of(obj)
    own_id = actor_of(user).user_id
    return audit is not None and own_id is not None and own_id in team_ids(audit)


@rules.predicate
def leads_audit(user: User, obj: Any) -> bool:
    audit = audit_of(obj)
    return audit is not None and audit.lead_id == actor_of(user).user_id


def _past_planning(obj: Any) -> bool:
    audit = audit_of(obj)
    return audit is not None and audit.status != AuditStatus.PLANNED


@rules.predicate
def heads_audited_unit(user: User, audit: Any) -> bool:
    """A head whose subtree overlaps an audited unit (either lies in the other), after
    planning: heads learn of an audit when the fieldwork starts."""
    heads = actor_of(user).head_unit_paths
    if not heads or not _past_planning(audit):
        return False
    for path in audit.units.values_list("path", flat=True):
        if path_in_subtree(path, heads) or any(head.startswith(path) for head in heads):
            return True
    return False


@rules.predicate
def heads_finding_unit(user: User, obj: Any) -> bool:
    """A head of the finding's unit (subtree), after planning."""
    finding = obj if isinstance(obj, Finding) else getattr(obj, "finding", None)
    if finding is None or not _past_planning(finding):
        return False
    return path_in_subtree(finding.unit.path, actor_of(user).head_unit_paths)


@rules.predicate
def owns_recommendation(user: User, recommendation: Any) -> bool:
    own_id = actor_of(user).employee_id
    return (
        isinstance(recommendation, Recommendation)
        and own_id is not None
        and recommendation.owner_id == own_id
    )


team_member = in_own_agency & is_inspector & on_team

rules.add_perm("oversight.create_audit", is_inspector)
rules.add_perm("oversight.list_audits", is_inspector | is_agency_admin | is_head)
rules.add_perm(
    "oversight.view_audit", in_own_agency & (on_team | is_agency_admin | heads_audited_unit)
)
rules.add_perm("oversight.manage_audit", team_member & leads_audit)
rules.add_perm("oversight.work_in_audit", team_member)
rules.add_perm(
    "oversight.view_finding", in_own_agency & (on_team | is_agency_admin | heads_finding_unit)
)
rules.add_perm(
    "oversight.view_recommendation",
    in_own_agency & (on_team | is_agency_admin | heads_finding_unit | owns_recommendation),
)
rules.add_perm("oversight.submit_follow_up", in_own_agency & owns_recommendation)
rules.add_perm("oversight.list_overdue", is_inspector | is_agency_admin | is_head)
rules.add_perm("oversight.view_own_recommendations", is_employee)
