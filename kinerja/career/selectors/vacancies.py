"""Vacant positions and the merit ranking of candidates for one (UU 20/2023, Pasal 30: sistem
merit; the ranking is what the selection committee — Baperjakat/TPK — deliberates on).

**Vacant** means: an active position that no active employee holds definitively. An acting
official (Plt./Plh.) does not fill it: acting is temporary by nature and is how a vacancy is
bridged, so such a position is listed as vacant with the acting official shown beside it.

**Requirements**: the position's own `VacancyRequirement` when the agency admin set one; else
derived — the minimum golongan of a functional level from the credit-needed table, and the
credit for moving up from the level below (that level's "credit for the next level"); for the
other kinds a default minimum golongan by kind (`DEFAULT_MIN_RANK`, the project's starting
point, to be corrected per position). The competency fit comes from the position's competency
standard (`competency.PositionRequirement`).

**Candidates**: for a functional position, employees holding a functional position of the same
name stem (the name without its jenjang, "Analis Kebijakan") at the same level or the level
below; for the other kinds, PNS whose golongan is at least one step below the minimum (those
short of it are listed, marked not eligible). Everything is read in a fixed number of queries
(candidates, predicates, competency, credit, talent) and scored in `merit.merit_score`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.career import credit, merit
from kinerja.career.merit import Criterion, MeritScore
from kinerja.career.models import CreditEntry, VacancyRequirement
from kinerja.career.permissions import position_scope
from kinerja.career.selectors.credits import requirements
from kinerja.competency.models import EmployeeCompetency, PositionRequirement
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import ActingAssignment, Employee, Position, PositionKind, PositionLevel
from kinerja.org.nip import format_nip
from kinerja.org.ranks import PNS_RANKS, RANK_ORDER
from kinerja.talent.models import TalentPlacement

DEFAULT_MIN_RANK = {
    PositionKind.JPT: "IV/b",
    PositionKind.ADMINISTRATOR: "III/d",
    PositionKind.PENGAWAS: "III/b",
    PositionKind.PELAKSANA: "II/a",
}
PNS_CODES = [code for code, _name in PNS_RANKS]


def vacant_positions(
    user: User, *, q: str = "", kind: str = "", on: dt.date | None = None
) -> QuerySet[Position]:
    """Active positions without an active definitive holder that the user may see (heads: in
    their subtree; inspectors: in the units under audit), with the acting official of `on`
    (today) when there is one."""
    if not user.has_perm("career.list_vacancies"):
        return Position.objects.none()
    on = on or timezone.localdate()
    acting = ActingAssignment.objects.filter(
        position=OuterRef("pk"), start_date__lte=on, end_date__gte=on
    )
    rows = (
        Position.objects.filter(is_active=True)
        .exclude(Exists(Employee.objects.filter(position=OuterRef("pk"), is_active=True)))
        .annotate(
            has_acting=Exists(acting),
            acting_name=acting.values("acting_employee__name")[:1],
            acting_kind=acting.values("kind")[:1],
        )
        .filter(position_scope(actor_of(user)))
        .select_related("unit")
    )
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(unit__name__icontains=q))
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("unit__path", "name", "id")


def get_vacancy_for(user: User, pk: int, *, perm: str = "career.view_ranking") -> Position:
    """A vacant position of the user's agency that `perm` allows; anything else (a filled
    position included) is 404."""
    found = (
        Position.objects.select_related("unit", "agency", "vacancy_requirement")
        .filter(pk=pk, is_active=True)
        .exclude(Exists(Employee.objects.filter(position=OuterRef("pk"), is_active=True)))
        .first()
    )
    if found is None or not user.has_perm(perm, found):
        raise Http404
    return found


def name_stem(position: Position) -> str:
    """The functional family of a position: its name without the jenjang label."""
    label = dict(PositionLevel.choices).get(position.level, "")
    name = position.name
    if label and name.lower().endswith(str(label).lower()):
        return name[: -len(str(label))].strip()
    return name.strip()


@dataclass(frozen=True)
class VacancyTerms:
    """What a candidate must meet, and where it came from."""

    min_rank: str
    min_credit: Decimal | None
    level: credit.Level | None
    lower_level: credit.Level | None
    is_derived: bool
    requirement: VacancyRequirement | None
    competency_total: int

    @property
    def level_label(self) -> str:
        return credit.LEVEL_LABELS[self.level] if self.level else ""

    @property
    def lower_level_label(self) -> str:
        return credit.LEVEL_LABELS[self.lower_level] if self.lower_level else ""


def vacancy_terms(position: Position) -> VacancyTerms:
    level = (
        credit.Level(position.level)
        if position.kind == PositionKind.FUNGSIONAL and credit.is_functional_level(position.level)
        else None
    )
    lower = credit.previous_level(level) if level else None
    if level is not None:
        table = requirements(position.agency_id)
        min_rank = table[level].rank_min
        min_credit = table[lower].next_level_credit if lower else None
    else:
        min_rank = DEFAULT_MIN_RANK.get(PositionKind(position.kind), "")
        min_credit = None
    own: VacancyRequirement | None = getattr(position, "vacancy_requirement", None)
    if own is not None:
        min_rank = own.min_rank or min_rank
        min_credit = own.min_credit if own.min_credit is not None else min_credit
    total = PositionRequirement.objects.filter(position=position).count()
    return VacancyTerms(min_rank, min_credit, level, lower, own is None, own, total)


@dataclass(frozen=True)
class CandidateRow:
    employee_id: int
    name: str
    nip: str
    rank: str
    unit_name: str
    position_name: str
    level: str
    credit: Decimal | None
    box: int | None
    predicates: tuple[str, ...]
    merit: MeritScore
    place: int = 0

    @property
    def nip_display(self) -> str:
        return format_nip(self.nip)

    @property
    def criteria(self) -> dict[str, Criterion]:
        return {c.code: c for c in self.merit.criteria}


def candidate_pool(position: Position, terms: VacancyTerms) -> QuerySet[Employee]:
    rows = Employee.objects.filter(is_active=True).exclude(position=position)
    if terms.level is not None:
        levels = [terms.level.value] + ([terms.lower_level.value] if terms.lower_level else [])
        rows = rows.filter(position__kind=PositionKind.FUNGSIONAL, position__level__in=levels)
        stem = name_stem(position)
        if stem and rows.filter(position__name__istartswith=stem).exists():
            rows = rows.filter(position__name__istartswith=stem)
        return rows
    if terms.min_rank:
        floor = max(0, RANK_ORDER[terms.min_rank] - 1)
        return rows.filter(rank__in=PNS_CODES[floor:])
    return rows.filter(rank__in=PNS_CODES)


def _latest_predicates(pool: QuerySet[Employee]) -> dict[int, tuple[str, ...]]:
    """The final predicates of each candidate, latest first (annual standing for its period)."""
    rows = (
        Evaluation.objects.filter(employee__in=pool, status=EvaluationStatus.FINAL)
        .exclude(predicate="")
        .values("employee_id", "period_id", "kind", "predicate")
        .order_by("employee_id", "-period__start_date", "-period_id", "-subperiod")
    )
    grouped: dict[int, dict[int, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        grouped[row["employee_id"]][row["period_id"]].append(row)
    latest: dict[int, tuple[str, ...]] = {}
    for employee_id, periods in grouped.items():
        sequence: list[str] = []
        for items in periods.values():
            annual = [r for r in items if r["kind"] == EvaluationKind.ANNUAL]
            sequence += [r["predicate"] for r in (annual or items)]
            if len(sequence) >= merit.PREDICATES_COUNTED:
                break
        latest[employee_id] = tuple(sequence[: merit.PREDICATES_COUNTED])
    return latest


def ranking(position: Position, terms: VacancyTerms | None = None) -> list[CandidateRow]:
    """The candidates for a vacant position, best first, each with its reasons."""
    terms = terms or vacancy_terms(position)
    pool = candidate_pool(position, terms)
    people = list(
        pool.values(
            "id",
            "name",
            "front_title",
            "back_title",
            "nip",
            "rank",
            "unit__name",
            "position__name",
            "position__level",
        )
    )
    predicates = _latest_predicates(pool)
    met = dict(
        EmployeeCompetency.objects.filter(
            employee__in=pool,
            competency__requirements__position=position,
            level__gte=F("competency__requirements__level"),
        )
        .values("employee_id")
        .annotate(n=Count("id"))
        .values_list("employee_id", "n")
    )
    credits = dict(
        CreditEntry.objects.filter(employee__in=pool, superseded_by__isnull=True)
        .values("employee_id")
        .annotate(total=Sum("amount"))
        .values_list("employee_id", "total")
    )
    boxes = dict(
        TalentPlacement.objects.filter(employee__in=pool).values_list("employee_id", "box")
    )
    rows: list[CandidateRow] = []
    for person in people:
        pk = person["id"]
        same_level = terms.level is not None and person["position__level"] == terms.level.value
        facts = merit.CandidateFacts(
            predicates=predicates.get(pk, ()),
            requirements_total=terms.competency_total,
            requirements_met=met.get(pk, 0),
            rank=person["rank"],
            min_rank=terms.min_rank,
            credit=credits.get(pk, Decimal(0)) if terms.level else None,
            min_credit=None if same_level else terms.min_credit,
            box=boxes.get(pk),
        )
        name = f"{person['front_title']} {person['name']}".strip()
        if person["back_title"]:
            name = f"{name}, {person['back_title']}"
        rows.append(
            CandidateRow(
                employee_id=pk,
                name=name,
                nip=person["nip"],
                rank=person["rank"],
                unit_name=person["unit__name"],
                position_name=person["position__name"] or "",
                level=person["position__level"] or "",
                credit=facts.credit,
                box=facts.box,
                predicates=facts.predicates,
                merit=merit.merit_score(facts),
            )
        )
    rows.sort(key=lambda r: merit.ranking_key(r.merit, r.box, r.rank, r.name))
    return [replace(row, place=place) for place, row in enumerate(rows, start=1)]
