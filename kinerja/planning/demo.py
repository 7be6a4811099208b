"""Demo SKP for a demo agency: a 2026 period and one plan per employee, in every state.

`load_demo_plans(agency, seed=…)` opens the period through the service, then writes the plans
directly with `bulk_create` (demo data: speed matters, the audit trail does not), exactly as
the services would leave them:
  * the rater is `effective_supervisor` on the day `start_plan` would use (a Plt. included);
  * plans are written leaders first, and every main RHK of a plan whose rater has an approved
    SKP intervenes one of the rater's main RHK of the same period (PermenPANRB 6/2022, Lampiran:
    cascading); an SKP without a rater (the head of a top unit) has no parent RHK;
  * submitted, returned and approved plans carry the header snapshot (`person_snapshot`), the
    timestamps, `approved_by` (the rater's account, when the rater has one) and a version bumped
    once per edit, as the services do;
  * most plans are approved, some submitted (waiting for the rater), some returned with a note,
    some drafts, a few employees have none. Everybody who rates someone has an approved SKP.
The demo accounts land on useful data: `<code>.pegawai` has an approved SKP; `<code>.atasan`
has SKPs waiting and one returned. Deterministic for a seed; does nothing when the period exists.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kinerja.core.models import Agency, User
from kinerja.org.models import Employee, PositionKind, Unit
from kinerja.org.services import effective_supervisor
from kinerja.planning import services
from kinerja.planning.demo_texts import (
    ADDITIONAL_TASKS,
    APPENDIX,
    EXPECTATIONS,
    RETURN_NOTES,
    THEMES,
    Family,
    theme_for,
)
from kinerja.planning.models import (
    Approach,
    BehaviourExpectation,
    Frequency,
    Indicator,
    PerformancePlan,
    Period,
    Perspective,
    PlannedResult,
    PlanStatus,
    ResultKind,
)

DEMO_YEAR = 2026
PERIOD_NAME = f"Penilaian Kinerja Tahun {DEMO_YEAR}"
# Subulussalam appraises every six months (seed 002); the others as their seeds suggest.
FREQUENCIES = {
    "palembang": Frequency.QUARTERLY,
    "subulussalam": Frequency.SEMESTER,
    "bengkulu": Frequency.QUARTERLY,
    "kerinci": Frequency.MONTHLY,
}
JPT_PERSPECTIVES = (
    Perspective.SERVICE_RECIPIENTS,
    Perspective.BUSINESS_PROCESS,
    Perspective.INTERNAL_STRENGTHENING,
)
LEVEL_SCALE = {"leader": Decimal(1), "middle": Decimal("0.3"), "staff": Decimal("0.1")}


@dataclass(frozen=True)
class PlanDemoSummary:
    period: Period
    by_status: dict[str, int]
    results: int
    indicators: int

    @property
    def plans(self) -> int:
        return sum(self.by_status.values())


def demo_period(agency: Agency) -> Period | None:
    """The demo period of the agency, if it was loaded."""
    return Period.objects.filter(agency=agency, year=DEMO_YEAR, name=PERIOD_NAME).first()


def _aware(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass
class _Draft:
    """One plan being built: its rows, and the family each main RHK follows."""

    plan: PerformancePlan
    results: list[tuple[PlannedResult, Family | None, list[Indicator]]]


class _PlanBuilder:
    def __init__(self, agency: Agency, period: Period, rng: random.Random, today: dt.date) -> None:
        self.agency = agency
        self.period = period
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.units = {unit.pk: unit for unit in Unit.objects.filter(agency=agency)}
        self.approved_main: dict[int, list[tuple[PlannedResult, Family]]] = {}
        self.counts: Counter[str] = Counter()
        self.results = 0
        self.indicators = 0

    # --- who, and in which state ---------------------------------------------------------------

    def people(self) -> tuple[list[Employee], dict[int, Employee | None]]:
        employees = list(
            Employee.objects.filter(agency=self.agency, is_active=True)
            .select_related("position", "unit", "supervisor__position", "supervisor__user", "user")
            .order_by("pk")
        )
        on = min(max(self.today, self.period.start_date), self.period.end_date)
        raters = {e.pk: effective_supervisor(e, on=on) for e in employees}
        return employees, raters

    def states(
        self, employees: list[Employee], raters: dict[int, Employee | None]
    ) -> dict[int, str | None]:
        """The status of each employee's plan (None: no plan)."""
        leaders = {r.pk for r in raters.values() if r is not None}
        by_account = {e.user.username.rsplit(".", 1)[-1]: e for e in employees if e.user}
        states: dict[int, str | None] = {}
        for employee in employees:
            roll = self.rng.random()
            if employee.pk in leaders or raters[employee.pk] is None:
                states[employee.pk] = PlanStatus.APPROVED
            elif roll < 0.03:
                states[employee.pk] = None
            elif roll < 0.08:
                states[employee.pk] = PlanStatus.DRAFT
            elif roll < 0.12:
                states[employee.pk] = PlanStatus.RETURNED
            elif roll < 0.2:
                states[employee.pk] = PlanStatus.SUBMITTED
            else:
                states[employee.pk] = PlanStatus.APPROVED
        pegawai, atasan = by_account.get("pegawai"), by_account.get("atasan")
        if pegawai is not None:
            states[pegawai.pk] = PlanStatus.APPROVED
        if atasan is not None:
            team = [
                e
                for e in employees
                if (r := raters[e.pk]) is not None
                and r.pk == atasan.pk
                and e.pk not in leaders
                and e != pegawai
            ]
            forced = (PlanStatus.SUBMITTED, PlanStatus.SUBMITTED, PlanStatus.RETURNED)
            for member, status in zip(team, forced, strict=False):
                states[member.pk] = status
        return states

    @staticmethod
    def depth_order(employees: list[Employee], raters: dict[int, Employee | None]) -> list[int]:
        """Each employee's distance from the top of the rater chain (raters come first)."""
        depth: dict[int, int] = {}
        for employee in employees:
            chain, current = [], employee.pk
            while current not in depth and current not in chain:
                chain.append(current)
                rater = raters.get(current)
                if rater is None or rater.pk not in raters:
                    break
                current = rater.pk
            base = depth.get(current, -1) if current not in chain else -1
            for offset, pk in enumerate(reversed(chain), start=1):
                depth[pk] = base + offset
        return [depth[e.pk] for e in employees]

    # --- rows ------------------------------------------------------------------------------------

    def plan(self, employee: Employee, rater: Employee | None, status: str, leads: bool) -> _Draft:
        period, rng = self.period, self.rng
        plan = PerformancePlan(
            agency=self.agency,
            period=period,
            employee=employee,
            rater=rater,
            status=status,
            segment_start=period.start_date,
            segment_end=period.end_date,
        )
        if status != PlanStatus.DRAFT:
            plan.resources, plan.accountability, plan.consequences = APPENDIX
        drafts = self._results(plan, employee, rater, leads, complete=status != PlanStatus.DRAFT)
        edits = sum(1 + len(indicators) for _r, _f, indicators in drafts)
        plan.version = 1 + edits + (2 if status != PlanStatus.DRAFT else 0)
        submitted_on = period.start_date + dt.timedelta(days=rng.randint(7, 24))
        if status == PlanStatus.APPROVED:
            plan.submitted_at = _aware(submitted_on, 9, rng.randint(0, 59))
            plan.approved_at = plan.submitted_at + dt.timedelta(days=rng.randint(1, 6), hours=2)
            plan.approved_by = getattr(rater, "user", None) if rater else None
            plan.version += 2
            plan.snapshot = self._snapshot(employee, rater, plan.approved_at)
        elif status in (PlanStatus.SUBMITTED, PlanStatus.RETURNED):
            back = rng.randint(1, 5) if status == PlanStatus.SUBMITTED else rng.randint(8, 20)
            plan.submitted_at = self.now - dt.timedelta(days=back, hours=rng.randint(0, 6))
            plan.version += 1
            plan.snapshot = self._snapshot(employee, rater, plan.submitted_at)
            if status == PlanStatus.RETURNED:
                plan.return_note = rng.choice(RETURN_NOTES)
                plan.version += 1
        return _Draft(plan, drafts)

    @staticmethod
    def _snapshot(employee: Employee, rater: Employee | None, at: dt.datetime) -> dict[str, object]:
        return {
            "employee": services.person_snapshot(employee),
            "rater": services.person_snapshot(rater),
            "taken_at": at.isoformat(),
        }

    def _root_name(self, unit: Unit) -> str:
        root_id = int(unit.path.strip("/").split("/")[0])
        return self.units[root_id].name

    def _results(
        self,
        plan: PerformancePlan,
        employee: Employee,
        rater: Employee | None,
        leads: bool,
        *,
        complete: bool,
    ) -> list[tuple[PlannedResult, Family | None, list[Indicator]]]:
        rng = self.rng
        parents = self.approved_main.get(rater.pk, []) if rater is not None else []
        is_jpt = employee.position is not None and employee.position.kind == PositionKind.JPT
        strands: list[tuple[PlannedResult | None, Family]]
        if parents:
            level = "middle" if leads else "staff"
            picked = rng.sample(parents, k=min(len(parents), 2 if leads else rng.randint(1, 2)))
            strands = [(parent, family) for parent, family in picked]
        else:
            level = "leader"
            theme = THEMES[theme_for(self.agency.code, self._root_name(employee.unit))]
            strands = [(None, family) for family in theme]
        if not complete:
            strands = strands[:1]
        unit_name = self._root_name(employee.unit) if level == "leader" else employee.unit.name
        built: list[tuple[PlannedResult, Family | None, list[Indicator]]] = []
        for order, (parent, family) in enumerate(strands, start=1):
            text = getattr(family, level).format(unit=unit_name)
            result = PlannedResult(
                agency=self.agency,
                plan=plan,
                kind=ResultKind.MAIN,
                text=text,
                parent=parent,
                perspective=JPT_PERSPECTIVES[order - 1] if is_jpt and order <= 3 else "",
                order=order,
            )
            indicators = [
                Indicator(
                    agency=self.agency,
                    result=result,
                    aspect=item.aspect,
                    text=item.text,
                    target_value=self._target(item.aspect, item.target, level),
                    unit_of_measure=item.unit,
                    order=index,
                )
                for index, item in enumerate(family.indicators, start=1)
            ]
            built.append((result, family, indicators))
        if complete and not leads and rng.random() < 0.25:
            result = PlannedResult(
                agency=self.agency,
                plan=plan,
                kind=ResultKind.ADDITIONAL,
                text=rng.choice(ADDITIONAL_TASKS),
                order=1,
            )
            indicator = Indicator(
                agency=self.agency,
                result=result,
                aspect="kuantitas",
                text="Jumlah kegiatan yang dilaksanakan",
                target_value=Decimal(rng.randint(2, 6)),
                unit_of_measure="kegiatan",
                order=1,
            )
            built.append((result, None, [indicator]))
        return built

    @staticmethod
    def _target(aspect: str, target: Decimal, level: str) -> Decimal:
        if aspect != "kuantitas":
            return target
        return max(Decimal(1), (target * LEVEL_SCALE[level]).quantize(Decimal(1)))

    def write(self, drafts: list[_Draft]) -> None:
        """Insert one level of the cascade: plans, then their RHK, then indicators."""
        PerformancePlan.objects.bulk_create([d.plan for d in drafts])
        results = []
        for draft in drafts:
            for result, _family, _indicators in draft.results:
                result.plan = draft.plan
                results.append(result)
        PlannedResult.objects.bulk_create(results)
        indicators = []
        for draft in drafts:
            for result, _family, items in draft.results:
                for indicator in items:
                    indicator.result = result
                    indicators.append(indicator)
        Indicator.objects.bulk_create(indicators)
        expectations = [
            BehaviourExpectation(agency=self.agency, plan=d.plan, value=code, text=text)
            for d in drafts
            if d.plan.status != PlanStatus.DRAFT
            for code, text in EXPECTATIONS.items()
        ]
        BehaviourExpectation.objects.bulk_create(expectations)
        for draft in drafts:
            self.counts[draft.plan.status] += 1
            if draft.plan.status == PlanStatus.APPROVED:
                self.approved_main[draft.plan.employee_id] = [
                    (result, family)
                    for result, family, _items in draft.results
                    if family is not None and result.kind == ResultKind.MAIN
                ]
        self.results += len(results)
        self.indicators += len(indicators)


@transaction.atomic
def load_demo_plans(
    agency: Agency, *, seed: int, today: dt.date | None = None
) -> PlanDemoSummary | None:
    """The demo period and plans of one agency; None when the demo period exists already."""
    if demo_period(agency) is not None:
        return None
    today = today or timezone.localdate()
    period = services.create_period(
        agency,
        actor=None,
        year=DEMO_YEAR,
        name=PERIOD_NAME,
        frequency=FREQUENCIES.get(agency.code, Frequency.QUARTERLY),
        approach=Approach.QUANTITATIVE,
        start_date=dt.date(DEMO_YEAR, 1, 1),
        end_date=dt.date(DEMO_YEAR, 12, 31),
        plan_deadline=dt.date(DEMO_YEAR, 1, 31),
    )
    rng = random.Random(f"{seed}:{agency.code}:plans")  # noqa: S311  (demo data)
    builder = _PlanBuilder(agency, period, rng, today)
    employees, raters = builder.people()
    states = builder.states(employees, raters)
    leaders = {r.pk for r in raters.values() if r is not None}
    depths = builder.depth_order(employees, raters)
    for level in sorted(set(depths)):
        drafts = [
            builder.plan(employee, raters[employee.pk], status, employee.pk in leaders)
            for employee, depth in zip(employees, depths, strict=True)
            if depth == level and (status := states[employee.pk]) is not None
        ]
        builder.write(drafts)
    return PlanDemoSummary(period, dict(builder.counts), builder.results, builder.indicators)


def demo_user(agency: Agency, suffix: str) -> User | None:
    """The demo account `<code>.<suffix>` of the agency."""
    return (
        User.objects.filter(username=f"{agency.code}.{suffix}").select_related("employee").first()
    )
