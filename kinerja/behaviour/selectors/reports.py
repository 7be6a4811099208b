"""The only reads of answers: aggregates of a closed round, through the threshold.

`subject_report` sums the counted answers of one person per rater group in SQL (one GROUP BY)
and hands the sums to `aggregation.build_report`, which drops every group under the threshold
before computing anything; comments come from the same groups only, without names. The head's
`unit_summary` pools counted answers per unit (never self-views) and shows a unit only from the
threshold (`aggregation.is_pool_shown`). Nothing here returns a row of `Answer`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy

from kinerja.behaviour.aggregation import (
    BEHAVIOURS_PER_VALUE,
    COMMENT_FIELDS,
    SCORE_FIELDS,
    Comment,
    GroupResult,
    GroupTotals,
    Relation,
    Report,
    build_report,
    is_pool_shown,
    notable_gap,
    relation_label,
    shown_comments,
    strongest_values,
    totals_from_row,
    value_means_of,
    weakest_values,
)
from kinerja.behaviour.models import (
    Answer,
    Assignment,
    AssignmentStatus,
    FeedbackRound,
    RoundStatus,
)
from kinerja.behaviour.radar import Radar, radar
from kinerja.core.models import Role, User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Employee, Unit
from kinerja.planning.berakhlak import CORE_VALUES, CoreValue

_SUMS = {name: Sum(name) for name in SCORE_FIELDS}
OTHERS_LABEL = gettext_lazy("Penilai lain")


def get_report_subject_for(user: User, pk: int) -> Employee:
    """An employee whose 360° report the user may see (`behaviour.view_report`); else 404."""
    employee = (
        Employee.objects.select_related("unit", "position", "supervisor").filter(pk=pk).first()
    )
    if employee is None or not user.has_perm("behaviour.view_report", employee):
        raise Http404
    return employee


def get_closed_round(pk: int) -> FeedbackRound:
    """A closed round of the agency (reports exist for closed rounds only); else 404."""
    found = (
        FeedbackRound.objects.select_related("period")
        .filter(pk=pk, status=RoundStatus.CLOSED)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_summarised_round_for(user: User, pk: int) -> FeedbackRound:
    """A closed round whose weakest values per unit the user may read (an inspector: one rating
    people of the units under audit); else 404."""
    found = get_closed_round(pk)
    if not user.has_perm("behaviour.view_unit_summary", found):
        raise Http404
    return found


def report_for(user: User, round_pk: int, employee_pk: int) -> SubjectReport:
    """The report of a person in a closed round, for a user who may see it; 404 for anyone
    else, an open round, or someone not rated in the round (the access choke point)."""
    subject = get_report_subject_for(user, employee_pk)
    feedback_round = get_closed_round(round_pk)
    if not Assignment.objects.filter(
        round=feedback_round, subject=subject, relation=Relation.SELF
    ).exists():
        raise Http404
    return subject_report(feedback_round, subject)


def closed_rounds_of(employee: Employee) -> list[FeedbackRound]:
    """The closed rounds in which the employee was rated, newest first."""
    return list(
        FeedbackRound.objects.filter(
            status=RoundStatus.CLOSED,
            pk__in=Assignment.objects.filter(subject=employee, relation=Relation.SELF).values(
                "round_id"
            ),
        )
        .select_related("period")
        .order_by("-closed_at", "-id")
    )


def latest_closed_round(employee_id: int, period_id: int) -> FeedbackRound | None:
    """The last closed round of a period in which the employee was rated."""
    return (
        FeedbackRound.objects.filter(
            status=RoundStatus.CLOSED,
            period_id=period_id,
            pk__in=Assignment.objects.filter(subject_id=employee_id, relation=Relation.SELF).values(
                "round_id"
            ),
        )
        .order_by("-closed_at", "-id")
        .first()
    )


def open_round_of(employee_id: int, period_id: int) -> FeedbackRound | None:
    """A round of the period not closed yet in which the employee is rated (for "pending")."""
    return (
        FeedbackRound.objects.filter(
            period_id=period_id,
            pk__in=Assignment.objects.filter(subject_id=employee_id, relation=Relation.SELF).values(
                "round_id"
            ),
        )
        .exclude(status=RoundStatus.CLOSED)
        .first()
    )


# --- One person's report -------------------------------------------------------------------------


Cells = tuple[tuple[str, Decimal | None], ...]


@dataclass(frozen=True)
class BehaviourRow:
    text: str
    letter: str
    cells: Cells  # (column label, mean) per shown group, in the report's column order
    others: Decimal | None


@dataclass(frozen=True)
class ValueRow:
    number: int
    value: CoreValue
    cells: Cells
    others: Decimal | None
    self_view: Decimal | None
    gap: Decimal | None
    behaviours: tuple[BehaviourRow, ...]
    comments: tuple[Comment, ...]

    @property
    def gap_kind(self) -> str:
        return notable_gap(self.gap)


@dataclass(frozen=True)
class Column:
    relation: Relation
    label: str
    count: int


@dataclass(frozen=True)
class SubjectReport:
    round: FeedbackRound
    subject: Employee
    report: Report
    columns: tuple[Column, ...]
    rows: tuple[ValueRow, ...]
    hidden_labels: tuple[str, ...]
    supervisor_name: str
    chart: Radar

    @property
    def is_empty(self) -> bool:
        return self.report.is_empty

    @property
    def has_comments(self) -> bool:
        return any(row.comments for row in self.rows)

    @property
    def strongest(self) -> tuple[CoreValue, ...]:
        """The values others rate highest (empty without others)."""
        return strongest_values(self.report.others.value_means) if self.report.others else ()

    @property
    def weakest(self) -> tuple[CoreValue, ...]:
        """The values others rate lowest (empty without others)."""
        return weakest_values(self.report.others.value_means) if self.report.others else ()

    @property
    def blind_spots(self) -> tuple[ValueRow, ...]:
        """Values the employee rates clearly higher than others do."""
        return tuple(row for row in self.rows if notable_gap(row.gap) == "over")

    @property
    def unseen_strengths(self) -> tuple[ValueRow, ...]:
        """Values the employee rates clearly lower than others do."""
        return tuple(row for row in self.rows if notable_gap(row.gap) == "under")


def _group_totals(feedback_round: FeedbackRound, subject_id: int) -> list[GroupTotals]:
    rows = (
        Answer.objects.filter(round=feedback_round, subject_id=subject_id, counted=True)
        .order_by()
        .values("relation")
        .annotate(n=Count("pk"), **_SUMS)
    )
    return [totals_from_row(row["relation"], row["n"], row) for row in rows]


def _comments(
    feedback_round: FeedbackRound, subject_id: int, shown: list[Relation]
) -> list[Comment]:
    nonblank = Q()
    for name in COMMENT_FIELDS:
        nonblank |= ~Q(**{name: ""})
    rows = (
        Answer.objects.filter(nonblank, round=feedback_round, subject_id=subject_id, counted=True)
        .order_by()
        .values_list("relation", *COMMENT_FIELDS)
    )
    return shown_comments(((row[0], row[1:]) for row in rows), shown)


def _panel(feedback_round: FeedbackRound, subject_id: int) -> tuple[list[str], str]:
    """The rater groups asked about the person, and the supervisor's name when they answered
    (named by nature: one person the employee knows) — one query."""
    rows = (
        Assignment.objects.filter(round=feedback_round, subject_id=subject_id)
        .order_by()
        .values_list("relation", "status", "rater__front_title", "rater__name", "rater__back_title")
    )
    asked: list[str] = []
    supervisor = ""
    for relation, status, front, name, back in rows:
        asked.append(relation)
        if relation == Relation.SUPERVISOR and status == AssignmentStatus.SUBMITTED:
            supervisor = Employee(front_title=front, name=name, back_title=back).full_name
    return asked, supervisor


def _ordered(report: Report) -> list[GroupResult]:
    """The shown groups as columns: supervisor, peers, subordinates, then self."""
    return [g for g in report.groups if g.relation != Relation.SELF] + [
        g for g in report.groups if g.relation == Relation.SELF
    ]


def _rows(
    report: Report, columns: tuple[Column, ...], comments: list[Comment]
) -> tuple[ValueRow, ...]:
    groups = _ordered(report)
    labels = [column.label for column in columns]
    own = report.group(Relation.SELF)
    rows = []
    for index, value in enumerate(CORE_VALUES):
        behaviours = []
        for position, text in enumerate(value.behaviours):
            field = index * BEHAVIOURS_PER_VALUE + position
            behaviours.append(
                BehaviourRow(
                    text=text,
                    letter="abc"[position],
                    cells=tuple(
                        zip(labels, (g.behaviour_means[field] for g in groups), strict=True)
                    ),
                    others=report.others.behaviour_means[field] if report.others else None,
                )
            )
        rows.append(
            ValueRow(
                number=index + 1,
                value=value,
                cells=tuple(zip(labels, (g.value_means[index] for g in groups), strict=True)),
                others=report.others.value_means[index] if report.others else None,
                self_view=own.value_means[index] if own else None,
                gap=report.gaps[index],
                behaviours=tuple(behaviours),
                comments=tuple(c for c in comments if c.value_index == index),
            )
        )
    return tuple(rows)


def chart_of(report: Report) -> Radar:
    """The radar of the seven values: others, self, and the supervisor when shown."""
    series: list[tuple[str, tuple[Decimal | None, ...]]] = []
    if report.others:
        series.append((str(OTHERS_LABEL), report.others.value_means))
    own = report.group(Relation.SELF)
    if own:
        series.append((relation_label(Relation.SELF), own.value_means))
    supervisor = report.group(Relation.SUPERVISOR)
    if supervisor:
        series.append((relation_label(Relation.SUPERVISOR), supervisor.value_means))
    return radar([value.name for value in CORE_VALUES], series)


def subject_report(feedback_round: FeedbackRound, subject: Employee) -> SubjectReport:
    """The 360° report of one person in a closed round (three queries)."""
    if not feedback_round.is_closed:
        raise Http404
    asked, supervisor = _panel(feedback_round, subject.pk)
    report = build_report(
        _group_totals(feedback_round, subject.pk),
        threshold=feedback_round.min_respondents,
        asked=asked,
    )
    shown = [g.relation for g in report.groups if g.relation is not None]
    comments = _comments(feedback_round, subject.pk, shown) if shown else []
    supervisor_name = supervisor if report.group(Relation.SUPERVISOR) else ""
    columns = tuple(
        Column(g.relation, relation_label(g.relation), g.count)
        for g in _ordered(report)
        if g.relation is not None
    )
    return SubjectReport(
        round=feedback_round,
        subject=subject,
        report=report,
        columns=columns,
        rows=_rows(report, columns, comments),
        hidden_labels=tuple(relation_label(r) for r in report.hidden),
        supervisor_name=supervisor_name,
        chart=chart_of(report),
    )


# --- The head's view: weakest values per unit ---------------------------------------------------


@dataclass
class UnitRow:
    """One unit of the head's view: its pooled sums, and the means and weakest values computed
    when first read (a page shows 50 of a province's 3,000 units)."""

    unit_id: int
    name: str
    depth: int
    answers: int
    people: int
    sums: tuple[int, ...] | None  # None: under the threshold, not shown

    @cached_property
    def means(self) -> tuple[Decimal, ...] | None:
        return value_means_of(self.answers, self.sums) if self.sums is not None else None

    @cached_property
    def weakest(self) -> tuple[CoreValue, ...]:
        return weakest_values(self.means) if self.means else ()

    @property
    def cells(self) -> list[tuple[str, Decimal]]:
        """(value name, mean) pairs for the table."""
        return [(v.name, m) for v, m in zip(CORE_VALUES, self.means or (), strict=False)]


@dataclass(frozen=True)
class UnitSummary:
    rows: tuple[UnitRow, ...]
    overall: UnitRow | None
    hidden_units: int


def units_in_reach(user: User) -> QuerySet[Unit] | None:
    """The units whose summary the user sees: None for the whole agency (agency admin), the
    subtrees a head heads or an inspector is auditing otherwise (issue 7)."""
    actor = actor_of(user)
    if actor.is_superuser or actor.has_role(Role.AGENCY_ADMIN):
        return None
    return Unit.objects.subtree_of(actor.reading_unit_paths)


def unit_summary(feedback_round: FeedbackRound, user: User) -> UnitSummary:
    """Per unit of the people rated (in the user's reach): the mean of each value over the
    counted answers of others (self-views excluded) and the weakest values (two queries)."""
    answers = (
        Answer.objects.filter(round=feedback_round, counted=True)
        .exclude(relation=Relation.SELF)
        .order_by()
    )
    reach = units_in_reach(user)
    if reach is not None:
        answers = answers.filter(unit_id__in=reach.values("pk"))
    rows = list(
        answers.values("unit_id").annotate(
            n=Count("pk"), people=Count("subject_id", distinct=True), **_SUMS
        )
    )
    units = {
        unit["pk"]: unit
        for unit in Unit.objects.filter(pk__in=answers.values("unit_id")).values(
            "pk", "name", "path", "depth"
        )
    }
    threshold = feedback_round.min_respondents
    result: list[UnitRow] = []
    hidden = 0
    for row in sorted(rows, key=lambda r: units[r["unit_id"]]["path"]):
        unit = units[row["unit_id"]]
        shown = is_pool_shown(row["n"], threshold)
        hidden += not shown
        result.append(
            UnitRow(
                unit["pk"],
                unit["name"],
                unit["depth"],
                row["n"],
                row["people"],
                tuple(int(row[f] or 0) for f in SCORE_FIELDS) if shown else None,
            )
        )
    # The whole reach pools the shown units only: with a hidden unit inside, the total minus
    # the shown units would give the hidden one away.
    pooled = [row for row in result if row.sums is not None]
    total = sum(row.answers for row in pooled)
    overall = None
    if total:
        overall = UnitRow(
            0,
            "",
            0,
            total,
            sum(row.people for row in pooled),
            tuple(sum(column) for column in zip(*(row.sums or () for row in pooled), strict=True)),
        )
    return UnitSummary(tuple(result), overall, hidden)
