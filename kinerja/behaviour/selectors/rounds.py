"""Reads of the rounds: the list, one round (the access choke point), its response progress and
the raters who have not answered; for supervisors, the rater lists they may adjust.

Progress is counted in SQL (GROUP BY status and relation, per unit, per rater) and tells who has
answered, never what. An inspector reads a round narrowed to the units under audit (issue 7):
the counters of the people rated there and the raters who work there (`progress_reach`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404

from kinerja.behaviour.aggregation import RELATION_ORDER, Relation, relation_label
from kinerja.behaviour.models import (
    Assignment,
    AssignmentStatus,
    FeedbackRound,
    RoundStatus,
    Tally,
)
from kinerja.core.models import Role, User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit

# The units a reader follows in a round; None: the whole round.
Reach: TypeAlias = "QuerySet[Unit] | None"


def progress_reach(user: User) -> Reach:
    """The units whose counters and raters `user` reads in a round: None for the whole round
    (agency admin), the subtrees under audit for an inspector (issue 7)."""
    actor = actor_of(user)
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return None
    return Unit.objects.order_by().subtree_of(actor.inspected_unit_paths)


def list_reach(user: User) -> Reach:
    """What the round list counts for `user`: whole rounds for the agency admin and for heads
    (who list the rounds to reach their units' view), the units under audit for an inspector."""
    if actor_of(user).has_role(Role.HEAD):
        return None
    return progress_reach(user)


def rounds_visible_to(user: User) -> QuerySet[FeedbackRound]:
    """The rounds of the user's agency (the tenant scope) for those who may list them, newest
    first, with the period joined; an inspector's, those rating people of the units under
    audit."""
    if not user.has_perm("behaviour.view_rounds"):
        return FeedbackRound.objects.none()
    rounds = FeedbackRound.objects.select_related("period").order_by("-created_at", "-id")
    reach = list_reach(user)
    if reach is not None:
        rated_there = Tally.objects.filter(round=OuterRef("pk"), unit__in=reach.values("pk"))
        rounds = rounds.filter(Exists(rated_there))
    return rounds


def get_round_for(user: User, pk: int, *, perm: str = "behaviour.view_rounds") -> FeedbackRound:
    """One round of the user's agency that `perm` allows; anything else is 404."""
    found = FeedbackRound.objects.select_related("period").filter(pk=pk).first()
    if found is None or not user.has_perm(perm, found):
        raise Http404
    return found


def get_round(pk: int) -> FeedbackRound:
    """Any round of the user's agency (the tenant scope); who may act on it is decided per
    person (`get_subject_in_round`). Else 404."""
    found = FeedbackRound.objects.select_related("period").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def round_units(feedback_round: FeedbackRound) -> list[Unit]:
    return list(feedback_round.units.order_by("path"))


@dataclass(frozen=True)
class RelationProgress:
    relation: Relation
    label: str
    total: int
    submitted: int


@dataclass(frozen=True)
class UnitProgress:
    unit_id: int
    name: str
    depth: int
    total: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


@dataclass(frozen=True)
class Progress:
    """How far a round is: assignments by status, by rater group and by unit of the people
    rated, and how many people are rated."""

    total: int
    submitted: int
    drafts: int
    subjects: int
    by_relation: tuple[RelationProgress, ...]
    units: tuple[UnitProgress, ...]

    @property
    def pending(self) -> int:
        return self.total - self.submitted - self.drafts

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


def _tallies(reach: Reach, **lookups: object) -> QuerySet[Tally]:
    tallies = Tally.objects.filter(**lookups).order_by()
    return tallies if reach is None else tallies.filter(unit__in=reach.values("pk"))


def round_progress(feedback_round: FeedbackRound, reach: Reach = None) -> Progress:
    """Counts of one round (of the units in `reach`) from its counters (`Tally`, a few per
    unit) and the names of the units: two queries, whatever the size of the round."""
    tallies = _tallies(reach, round=feedback_round)
    rows = list(tallies.values_list("unit_id", "relation", "assigned", "drafts", "submitted"))
    by_relation: dict[str, list[int]] = {}
    by_unit: dict[int, list[int]] = {}
    for unit_id, relation, assigned, drafts, submitted in rows:
        group = by_relation.setdefault(relation, [0, 0, 0])
        unit = by_unit.setdefault(unit_id, [0, 0])
        group[0] += assigned
        group[1] += drafts
        group[2] += submitted
        unit[0] += assigned
        unit[1] += submitted
    names = {
        pk: (name, path, depth)
        for pk, name, path, depth in Unit.objects.filter(pk__in=tallies.values("unit_id"))
        .order_by()
        .values_list("pk", "name", "path", "depth")
    }
    groups = [by_relation.get(relation, [0, 0, 0]) for relation in RELATION_ORDER]
    return Progress(
        total=sum(g[0] for g in groups),
        submitted=sum(g[2] for g in groups),
        drafts=sum(g[1] for g in groups),
        subjects=by_relation.get(Relation.SELF, [0])[0],  # everyone rated rates themself
        by_relation=tuple(
            RelationProgress(relation, relation_label(relation), group[0], group[2])
            for relation, group in zip(RELATION_ORDER, groups, strict=True)
        ),
        units=tuple(
            UnitProgress(unit_id, names[unit_id][0], names[unit_id][2], *by_unit[unit_id])
            for unit_id in sorted(by_unit, key=lambda pk: names[pk][1])
        ),
    )


@dataclass(frozen=True)
class RoundCounts:
    total: int = 0
    submitted: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


def progress_of_rounds(round_ids: list[int], reach: Reach = None) -> dict[int, RoundCounts]:
    """Assignments and answers of a page of rounds (of the units in `reach`), from their
    counters (one query)."""
    rows = (
        _tallies(reach, round_id__in=round_ids)
        .values_list("round_id")
        .annotate(total=Sum("assigned"), submitted=Sum("submitted"))
    )
    return {pk: RoundCounts(total, submitted) for pk, total, submitted in rows}


def unanswered_raters(
    feedback_round: FeedbackRound, *, q: str = "", reach: Reach = None
) -> QuerySet[Employee]:
    """Raters (of the units in `reach`) with questionnaires not yet sent, by name: for
    follow-up. Meant to be sliced (a page at a time, without a total: counting them all would
    read the whole round)."""
    unsent = (
        Assignment.objects.filter(round=feedback_round, rater=OuterRef("pk"))
        .exclude(status=AssignmentStatus.SUBMITTED)
        .order_by()
    )
    raters = Employee.objects.filter(Exists(unsent)).select_related("unit", "user")
    if reach is not None:
        raters = raters.filter(unit__in=reach.values("pk"))
    if q.strip():
        term = q.strip()
        raters = raters.filter(Q(name__icontains=term) | Q(nip__startswith=term))
    return raters.order_by("name", "id")


@dataclass(frozen=True)
class Window:
    """One page of a list that is not counted: its rows and whether more follow."""

    rows: list[Employee]
    number: int
    has_previous: bool
    has_next: bool


def window(raters: QuerySet[Employee], page: str | None, *, size: int = 25) -> Window:
    """Rows of page `page` (from 1) and whether another follows (one query, size + 1 rows)."""
    number = int(page) if page and page.isdigit() and int(page) > 0 else 1
    start = (number - 1) * size
    rows = list(raters[start : start + size + 1])
    return Window(rows[:size], number, number > 1, len(rows) > size)


def pending_counts(feedback_round: FeedbackRound, rater_ids: list[int]) -> dict[int, int]:
    """Questionnaires not yet sent per rater, for one page of raters (one query)."""
    rows = (
        Assignment.objects.filter(round=feedback_round, rater_id__in=rater_ids)
        .exclude(status=AssignmentStatus.SUBMITTED)
        .order_by()
        .values_list("rater_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def rounds_to_adjust(user: User) -> list[FeedbackRound]:
    """Draft rounds in which the user's direct reports are rated (what a supervisor adjusts)."""
    own_id = actor_of(user).employee_id
    if own_id is None:
        return []
    rounds = FeedbackRound.objects.filter(
        status=RoundStatus.DRAFT,
        pk__in=Assignment.objects.filter(
            relation=Relation.SELF, subject__supervisor_id=own_id
        ).values("round_id"),
    )
    return list(rounds.select_related("period").order_by("-created_at"))


def team_in_round(feedback_round: FeedbackRound, user: User) -> list[tuple[Employee, int]]:
    """The user's direct reports rated in the round, with how many raters each has."""
    own_id = actor_of(user).employee_id
    if own_id is None:
        return []
    subjects = (
        Assignment.objects.filter(round=feedback_round, subject__supervisor_id=own_id)
        .order_by()
        .values_list("subject_id")
        .annotate(n=Count("pk"))
    )
    counts = dict(subjects)
    people = Employee.objects.filter(pk__in=counts).select_related("position").order_by("name")
    return [(person, counts[person.pk]) for person in people]


def raters_of(feedback_round: FeedbackRound, subject: Employee) -> list[Assignment]:
    """The raters of one person in a round (never their answers: the draft is not read)."""
    return list(
        Assignment.objects.filter(round=feedback_round, subject=subject)
        .defer("draft")
        .select_related("rater", "rater__position", "rater__unit")
        .order_by("relation", "rater__name")
    )


def get_subject_in_round(user: User, feedback_round: FeedbackRound, pk: int) -> Employee:
    """A person rated in the round whose raters the user may adjust or see; else 404."""
    employee = Employee.objects.select_related("unit", "position").filter(pk=pk).first()
    if (
        employee is None
        or not Assignment.objects.filter(
            round=feedback_round, subject=employee, relation=Relation.SELF
        ).exists()
        or not user.has_perm("behaviour.adjust_raters", employee)
    ):
        raise Http404
    return employee


def get_assignment_to_adjust(user: User, pk: int) -> Assignment:
    """An assignment whose subject's raters the user may adjust (never its draft); else 404."""
    assignment = (
        Assignment.objects.defer("draft")
        .select_related("round", "subject", "subject__unit", "rater")
        .filter(pk=pk)
        .first()
    )
    if assignment is None or not user.has_perm("behaviour.adjust_raters", assignment.subject):
        raise Http404
    return assignment


def employee_with_nip(nip: str) -> Employee | None:
    """An employee of the agency by NIP (the supervisor adds a rater from another unit)."""
    return Employee.objects.filter(nip=nip.strip()).first() if nip.strip() else None


def candidates_for(feedback_round: FeedbackRound, subject: Employee) -> QuerySet[Employee]:
    """Colleagues of the subject's unit who do not rate them yet (the first choices to add)."""
    taken = Assignment.objects.filter(round=feedback_round, subject=subject).values("rater_id")
    return (
        Employee.objects.filter(unit_id=subject.unit_id, is_active=True)
        .exclude(pk__in=taken)
        .order_by("name")[:300]
    )
