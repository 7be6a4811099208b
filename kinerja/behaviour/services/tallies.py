"""The progress counters of a round (`Tally`): moved by the other services as they write, in
the same transaction, and rebuilt from the assignments by `recount`.

Each change is one `UPDATE … SET n = n ± 1` on the counter of (round, unit of the person rated,
rater group); concurrent answers in one unit wait for each other only for the length of one
short transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, F, Q

from kinerja.behaviour.models import Assignment, AssignmentStatus, FeedbackRound, Tally


def create(feedback_round: FeedbackRound, groups: Iterable[tuple[int, str]]) -> None:
    """The counters of a new round from its (unit, relation) per assignment."""
    counted = Counter(groups)
    Tally.objects.bulk_create(
        [
            Tally(
                agency_id=feedback_round.agency_id,
                round_id=feedback_round.pk,
                unit_id=unit_id,
                relation=relation,
                assigned=n,
            )
            for (unit_id, relation), n in sorted(counted.items())
        ],
        batch_size=2000,
    )


def move(assignment: Assignment, **changes: int) -> None:
    """Add to the counters of the assignment's group (`assigned=1`, `drafts=-1`, …)."""
    counters = Tally.objects.filter(
        round_id=assignment.round_id,
        unit_id=assignment.subject_unit_id,
        relation=assignment.relation,
    )
    if changes.get("assigned", 0) > 0 and not counters.exists():
        Tally.objects.create(
            agency_id=assignment.agency_id,
            round_id=assignment.round_id,
            unit_id=assignment.subject_unit_id,
            relation=assignment.relation,
        )
    counters.update(**{field: F(field) + step for field, step in changes.items()})


def recount(feedback_round: FeedbackRound) -> None:
    """Rebuild the counters of a round from its assignments (one GROUP BY)."""
    rows = (
        Assignment.objects.filter(round=feedback_round)
        .order_by()
        .values_list("subject_unit_id", "relation")
        .annotate(
            assigned=Count("pk"),
            drafts=Count("pk", filter=Q(status=AssignmentStatus.DRAFT)),
            submitted=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        )
    )
    Tally.objects.filter(round=feedback_round).delete()
    Tally.objects.bulk_create(
        [
            Tally(
                agency_id=feedback_round.agency_id,
                round_id=feedback_round.pk,
                unit_id=unit_id,
                relation=relation,
                assigned=assigned,
                drafts=drafts,
                submitted=submitted,
            )
            for unit_id, relation, assigned, drafts, submitted in rows
        ],
        batch_size=2000,
    )
