"""Reads of the rater: the questionnaires they are asked to fill, and one of them (the access
choke point: only the assignment's rater ever reaches an assignment, so a draft is read by its
author alone)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from kinerja.behaviour.aggregation import SCORE_FIELDS
from kinerja.behaviour.models import Assignment, AssignmentStatus, FeedbackRound, RoundStatus
from kinerja.core.models import User
from kinerja.core.permissions import actor_of

# Unsent first (drafts before untouched ones), sent last.
_STATUS_ORDER = Case(
    When(status=AssignmentStatus.DRAFT, then=Value(0)),
    When(status=AssignmentStatus.PENDING, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def open_assignments_of(user: User) -> QuerySet[Assignment]:
    """The user's questionnaires in open rounds: unsent first, then by the name rated."""
    own_id = actor_of(user).employee_id
    if own_id is None:
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(rater_id=own_id, round__status=RoundStatus.OPEN)
        .select_related("round", "subject", "subject__position", "subject__unit")
        .order_by("-round__created_at", "round_id", _STATUS_ORDER, "subject__name", "id")
    )


@dataclass(frozen=True)
class PastRound:
    round: FeedbackRound
    total: int
    submitted: int


def closed_rounds_of_rater(user: User, *, limit: int = 5) -> list[PastRound]:
    """The last closed rounds the user rated in, with how many they sent (one query + rounds)."""
    own_id = actor_of(user).employee_id
    if own_id is None:
        return []
    rows = list(
        Assignment.objects.filter(rater_id=own_id, round__status=RoundStatus.CLOSED)
        .order_by()
        .values_list("round_id")
        .annotate(
            total=Count("pk"), submitted=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED))
        )
        .order_by("-round_id")[:limit]
    )
    rounds = FeedbackRound.objects.in_bulk([row[0] for row in rows])
    return [PastRound(rounds[pk], total, submitted) for pk, total, submitted in rows]


def get_assignment_for(user: User, pk: int) -> Assignment:
    """One of the user's own assignments (any round but a draft one); else 404."""
    own_id = actor_of(user).employee_id
    assignment = (
        Assignment.objects.select_related(
            "round", "round__period", "subject", "subject__position", "subject__unit"
        )
        .filter(pk=pk, rater_id=own_id)
        .exclude(round__status=RoundStatus.DRAFT)
        .first()
        if own_id is not None
        else None
    )
    if assignment is None or not user.has_perm("behaviour.answer", assignment):
        raise Http404
    return assignment


def answered_count(assignment: Assignment) -> int:
    """How many of the 21 behaviours the rater has answered (sent: all; draft: those kept)."""
    if assignment.status == AssignmentStatus.SUBMITTED:
        return len(SCORE_FIELDS)
    return len((assignment.draft or {}).get("scores", {}))
