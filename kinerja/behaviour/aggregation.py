"""360° behaviour feedback on the BerAKHLAK values: the questionnaire's scale, whose answers may
be shown, and the aggregates of a report — pure functions over plain values, no ORM.

Sources. The seven core values and their 21 official behaviours: SE MenPANRB 20/2021, used by
the SKP form of PermenPANRB 6/2022 (`kinerja.planning.berakhlak`). PermenPANRB 6/2022 leaves the
behaviour rating to the rater; feedback from peers and subordinates *informs* that rating and
never computes it (no official weighting exists; `shared/domain/performance.md`, "360°
feedback"). No regulation fixes the mechanics of a 360° round; the rules below are Kinerja's
documented choices, following the domain note "keep raters anonymous to the employee unless a
minimum number answered":

1. Scale. Every behaviour is answered on a five-point frequency scale with Indonesian labels
   (`SCALE`); all 21 are required to send, comments per value are optional.
2. Anonymity threshold. Peers and subordinates are anonymous groups: a group's answers are shown
   only in aggregate and only when at least `threshold` (per round, default 3, never below 3)
   raters of that group answered (`is_group_shown`). Below it, *nothing* of the group is shown —
   not its mean, not its comments, not even how many answered. Three is the smallest number at
   which no rater can subtract their own answers from the mean and read another's.
3. Named groups. The supervisor is one person whom the employee knows: the supervisor's answers
   are shown as theirs, named, from one answer (raters see this before they answer). Self is the
   employee's own view.
4. Others. "Penilai lain" pools the answers of every *shown* group except self, each rater
   weighing the same. Answers of a hidden group are in no number at all — otherwise subtracting
   the shown groups from the pool would reveal them.
5. Gap. Self minus others, per value: positive when the employee sees themself higher than
   others do. A gap of half a scale point or more either way is pointed out (`notable_gap`):
   a blind spot above, an unrecognised strength below.
6. Release. Results are computed once the round is closed, over the final set of answers, so
   that comparing a report before and after one more answer can never isolate that answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.planning.berakhlak import CORE_VALUES, CoreValue

DEFAULT_MIN_RESPONDENTS = 3
LOWEST_MIN_RESPONDENTS = 3
SCALE_MIN, SCALE_MAX = 1, 5

SCALE: tuple[tuple[int, Promise], ...] = (
    (1, _("Hampir tidak pernah")),
    (2, _("Jarang")),
    (3, _("Kadang-kadang")),
    (4, _("Sering")),
    (5, _("Selalu")),
)
SCALE_LABELS = dict(SCALE)

VALUE_COUNT = len(CORE_VALUES)  # 7
BEHAVIOURS_PER_VALUE = 3

# One column per behaviour ("score_<value>_<behaviour>", both counted from 1 in the official
# order) and one comment per value: the answer table and every aggregate use these names.
SCORE_FIELDS: tuple[str, ...] = tuple(
    f"score_{value}_{behaviour}"
    for value in range(1, VALUE_COUNT + 1)
    for behaviour in range(1, BEHAVIOURS_PER_VALUE + 1)
)
COMMENT_FIELDS: tuple[str, ...] = tuple(f"comment_{value}" for value in range(1, VALUE_COUNT + 1))

TWO_PLACES = Decimal("0.01")


class Relation(StrEnum):
    """How the rater stands to the employee rated."""

    SUPERVISOR = "atasan"
    PEER = "rekan"
    SUBORDINATE = "bawahan"
    SELF = "diri"


RELATION_LABELS: dict[Relation, Promise] = {
    Relation.SUPERVISOR: _("Atasan langsung"),
    Relation.PEER: _("Rekan kerja"),
    Relation.SUBORDINATE: _("Bawahan"),
    Relation.SELF: _("Diri sendiri"),
}
# The order groups are listed in on every page and document.
RELATION_ORDER: tuple[Relation, ...] = (
    Relation.SUPERVISOR,
    Relation.PEER,
    Relation.SUBORDINATE,
    Relation.SELF,
)
ANONYMOUS_RELATIONS = frozenset({Relation.PEER, Relation.SUBORDINATE})


def behaviour_field(value_number: int, behaviour_number: int) -> str:
    """The answer column of one behaviour (both numbers from 1, in the official order)."""
    return f"score_{value_number}_{behaviour_number}"


def value_fields(value_number: int) -> tuple[str, str, str]:
    """The three answer columns of one core value."""
    first, second, third = (
        behaviour_field(value_number, b) for b in range(1, BEHAVIOURS_PER_VALUE + 1)
    )
    return first, second, third


def is_valid_score(score: object) -> bool:
    """A score on the scale (1–5); anything else is refused."""
    return (
        isinstance(score, int) and not isinstance(score, bool) and SCALE_MIN <= score <= SCALE_MAX
    )


def is_group_shown(relation: Relation | str, answered: int, threshold: int) -> bool:
    """Whether a rater group's answers may be shown (rules 2 and 3 of the module docstring).

    Supervisor and self: from one answer. Peers and subordinates: from `threshold` answers, and
    never below LOWEST_MIN_RESPONDENTS whatever the round says.
    """
    if answered < 1:
        return False
    if Relation(relation) in ANONYMOUS_RELATIONS:
        return answered >= max(threshold, LOWEST_MIN_RESPONDENTS)
    return True


# --- Aggregates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupTotals:
    """What the database sums for one rater group: how many answered, and per behaviour (in
    SCORE_FIELDS order) the sum of their scores."""

    relation: Relation
    count: int
    sums: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.sums) != len(SCORE_FIELDS):
            raise ValueError(f"expected {len(SCORE_FIELDS)} sums, got {len(self.sums)}")


@dataclass(frozen=True)
class GroupResult:
    """The means of one group: per value (7) and per behaviour (21), rounded to 2 places."""

    relation: Relation | None  # None for "others", the pool of rule 4
    count: int
    value_means: tuple[Decimal, ...]
    behaviour_means: tuple[Decimal, ...]
    overall: Decimal


def rounded(value: Decimal) -> Decimal:
    """Two decimal places, half up, as pages and documents show a mean."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _exact_value_means(count: int, sums: Sequence[int]) -> list[Decimal]:
    """Per value: the mean over raters of the mean of its three behaviours (every answer has
    all three, so this is the sum of the three columns over 3 × raters)."""
    return [
        Decimal(sum(sums[index * BEHAVIOURS_PER_VALUE : (index + 1) * BEHAVIOURS_PER_VALUE]))
        / (BEHAVIOURS_PER_VALUE * count)
        for index in range(VALUE_COUNT)
    ]


def group_result(totals: GroupTotals) -> GroupResult:
    """The means of one group from its sums."""
    return _result(totals.relation, totals.count, totals.sums)


def _result(relation: Relation | None, count: int, sums: Sequence[int]) -> GroupResult:
    if count < 1:
        raise ValueError("a group without answers has no mean")
    values = _exact_value_means(count, sums)
    return GroupResult(
        relation=relation,
        count=count,
        value_means=tuple(rounded(mean) for mean in values),
        behaviour_means=tuple(rounded(Decimal(total) / count) for total in sums),
        overall=rounded(Decimal(sum(sums)) / (len(SCORE_FIELDS) * count)),
    )


def pool(groups: Iterable[GroupTotals]) -> GroupTotals | None:
    """Several groups as one, each rater weighing the same (rule 4); None when empty."""
    members = list(groups)
    if not members:
        return None
    count = sum(group.count for group in members)
    sums = tuple(sum(column) for column in zip(*(group.sums for group in members), strict=True))
    return GroupTotals(Relation.PEER, count, sums)  # the relation of a pool is not used


def gap(self_mean: Decimal | None, others_mean: Decimal | None) -> Decimal | None:
    """Self minus others (rule 5), rounded; None when either side is missing."""
    if self_mean is None or others_mean is None:
        return None
    return rounded(self_mean - others_mean)


@dataclass(frozen=True)
class Report:
    """A person's 360° report: the shown groups in RELATION_ORDER, the relations hidden by the
    threshold, the pool of the others and the gap self − others per value."""

    groups: tuple[GroupResult, ...]
    hidden: tuple[Relation, ...]
    others: GroupResult | None
    gaps: tuple[Decimal | None, ...]
    threshold: int

    def group(self, relation: Relation) -> GroupResult | None:
        return next((g for g in self.groups if g.relation == relation), None)

    @property
    def is_empty(self) -> bool:
        return not self.groups


def build_report(
    totals: Iterable[GroupTotals], *, threshold: int, asked: Iterable[Relation | str] = ()
) -> Report:
    """The report of one person from the sums of each rater group (rules 2–5).

    Groups under the threshold are dropped before anything is computed, so no number shown
    contains their answers; the pool of others is computed from the exact sums (not from the
    rounded group means), and so is the gap. `hidden` names the anonymous groups that were
    `asked` (or answered) and are not shown — the same whether none, one or two answered.
    """
    by_relation = {Relation(t.relation): t for t in totals if t.count > 0}
    shown = {
        relation: t
        for relation, t in by_relation.items()
        if is_group_shown(relation, t.count, threshold)
    }
    asked_anonymous = {Relation(r) for r in asked} & ANONYMOUS_RELATIONS
    hidden = tuple(
        r for r in RELATION_ORDER if (r in by_relation or r in asked_anonymous) and r not in shown
    )
    others_totals = pool(t for r, t in shown.items() if r != Relation.SELF)
    self_totals = shown.get(Relation.SELF)
    exact_others = (
        _exact_value_means(others_totals.count, others_totals.sums) if others_totals else None
    )
    exact_self = _exact_value_means(self_totals.count, self_totals.sums) if self_totals else None
    gaps = tuple(
        gap(
            exact_self[index] if exact_self else None,
            exact_others[index] if exact_others else None,
        )
        for index in range(VALUE_COUNT)
    )
    return Report(
        groups=tuple(group_result(shown[r]) for r in RELATION_ORDER if r in shown),
        hidden=hidden,
        others=_result(None, others_totals.count, others_totals.sums) if others_totals else None,
        gaps=gaps,
        threshold=threshold,
    )


# --- Comments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comment:
    value_index: int  # 0..6, the core value in official order
    relation: Relation
    text: str

    @property
    def label(self) -> str:
        return str(RELATION_LABELS[self.relation])


def shown_comments(
    comments: Iterable[tuple[Relation | str, Sequence[str]]], shown: Iterable[Relation]
) -> list[Comment]:
    """The comments of the shown groups, without names, sorted by value, group and text — never
    in the order they were written, which could tell who wrote them."""
    visible = set(shown)
    found: list[Comment] = []
    for relation, texts in comments:
        relation = Relation(relation)
        if relation not in visible:
            continue
        for index, text in enumerate(texts):
            if text.strip():
                found.append(Comment(index, relation, text.strip()))
    order = {relation: position for position, relation in enumerate(RELATION_ORDER)}
    return sorted(found, key=lambda c: (c.value_index, order[c.relation], c.text.casefold()))


# --- Units (the head's view) -------------------------------------------------------------------


def weakest_values(means: Sequence[Decimal | None], *, count: int = 2) -> tuple[CoreValue, ...]:
    """The `count` core values with the lowest mean (ties: the official order), skipping values
    without a mean: what a head looks at first in a unit."""
    ranked = sorted((mean, index) for index, mean in enumerate(means) if mean is not None)
    return tuple(CORE_VALUES[index] for _mean, index in ranked[:count])


def strongest_values(means: Sequence[Decimal | None], *, count: int = 2) -> tuple[CoreValue, ...]:
    """The `count` core values with the highest mean (ties: the official order)."""
    ranked = sorted((-mean, index) for index, mean in enumerate(means) if mean is not None)
    return tuple(CORE_VALUES[index] for _mean, index in ranked[:count])


NOTABLE_GAP = Decimal("0.50")


def notable_gap(value: Decimal | None) -> str:
    """ "over" when the self-view is at least NOTABLE_GAP above others' (a blind spot),
    "under" when at least as far below (a strength the employee does not see), else ""."""
    if value is None:
        return ""
    if value >= NOTABLE_GAP:
        return "over"
    if value <= -NOTABLE_GAP:
        return "under"
    return ""


def value_means_of(count: int, sums: Sequence[int | None]) -> tuple[Decimal, ...] | None:
    """Rounded value means of a pool of `count` answers (a unit's); None without answers."""
    if count < 1:
        return None
    return tuple(rounded(mean) for mean in _exact_value_means(count, [s or 0 for s in sums]))


def is_pool_shown(answered: int, threshold: int) -> bool:
    """A pool of several people's answers (a unit in the head's view) is shown from the round's
    threshold of answers, so that a unit of one person does not become that person's report."""
    return answered >= responses_needed(threshold)


def responses_needed(threshold: int) -> int:
    """The effective threshold of a round (never below LOWEST_MIN_RESPONDENTS)."""
    return max(threshold, LOWEST_MIN_RESPONDENTS)


def relation_label(relation: Relation | str) -> str:
    return str(RELATION_LABELS[Relation(relation)])


def scale_label(score: int) -> str:
    return str(SCALE_LABELS[score])


def totals_from_row(relation: str, count: int, row: Mapping[str, int | None]) -> GroupTotals:
    """A GroupTotals from one aggregate row of the database (`{score field: sum}`)."""
    return GroupTotals(Relation(relation), count, tuple(int(row[f] or 0) for f in SCORE_FIELDS))
