"""Demo career data, after the appraisal demo (and, when they run, the competency and talent
demos): promotion and awards follow performance (Siulak, seed 004), good performers get awards
and poor ones training (Bengkulu, seed 003).

For each demo agency:
  * the credit-needed table with BKN's values, as rows the admin can correct;
  * the previous performance year (Tahun 2025) closed: an approved SKP and a FINAL annual
    evaluation for everyone rated in the first sub-period of 2026, the predicate drawn around
    their 2026 one (so some Sangat Baik twice, and some low predicates twice in a row — the
    sanction path). Written only when the agency has no 2025 period yet;
  * for every functional employee an opening balance (the integrated PAK of 31 December 2024,
    or of the later TMT golongan/jabatan),
    then the credits posted through `post_credits` (2025 annual, 2026 first sub-period);
  * a vacant functional position one level above the agency's largest Ahli Pertama family, with
    the competency standard copied from the dictionary when the competency demo has one, so the
    merit ranking has real candidates.
Rows are written with `bulk_create` in the shape the services leave them. Deterministic for a
seed; does nothing once the agency has credit entries.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from kinerja.appraisal.models import Evaluation, EvaluationKind, EvaluationStatus
from kinerja.appraisal.predicate import PREDICATE_MATRIX, Predicate
from kinerja.career import credit
from kinerja.career.models import CreditEntry, CreditRequirement, EntryKind
from kinerja.career.services.credits import post_credits
from kinerja.competency.models import Competency, PositionRequirement
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import Agency, User
from kinerja.org.models import Employee, Position, PositionKind
from kinerja.planning.demo import demo_period
from kinerja.planning.models import PerformancePlan, Period, PlanStatus

PREVIOUS_YEAR = 2025
OPENING_DATE = dt.date(2024, 12, 31)
RATINGS = {predicate: pair for pair, predicate in PREDICATE_MATRIX.items()}
# The 2025 predicate given the 2026 one: people mostly keep their level.
FOLLOWS = {
    "Sangat Baik": (("Sangat Baik", 0.5), ("Baik", 0.5)),
    "Baik": (("Baik", 0.82), ("Sangat Baik", 0.1), ("Butuh Perbaikan", 0.08)),
    "Butuh Perbaikan": (("Butuh Perbaikan", 0.55), ("Baik", 0.4), ("Kurang/Misconduct", 0.05)),
    "Kurang/Misconduct": (("Butuh Perbaikan", 0.6), ("Baik", 0.4)),
    "Sangat Kurang": (("Butuh Perbaikan", 0.5), ("Baik", 0.5)),
}


@dataclass(frozen=True)
class CareerDemoSummary:
    evaluations_2025: int
    openings: int
    entries: int
    vacancy: str


def _draw(rng: random.Random, current: str) -> str:
    roll, total = rng.random(), 0.0
    for predicate, share in FOLLOWS[current]:
        total += share
        if roll < total:
            return predicate
    return FOLLOWS[current][0][0]


def _credit_table(agency: Agency) -> None:
    CreditRequirement.objects.bulk_create(
        [
            CreditRequirement(
                agency=agency,
                level=row.level.value,
                rank_min=row.rank_min,
                rank_max=row.rank_max,
                rank_step_credit=row.rank_step_credit,
                next_level_credit=row.next_level_credit,
            )
            for row in credit.DEFAULT_REQUIREMENTS.values()
        ]
    )


def _previous_year(agency: Agency, current: Period, rng: random.Random, admin: User | None) -> int:
    """The closed 2025 year: plans and final annual evaluations of those rated in 2026."""
    if Period.objects.filter(agency=agency, year=PREVIOUS_YEAR).exists():
        return 0
    period = Period.objects.create(
        agency=agency,
        year=PREVIOUS_YEAR,
        name=f"Penilaian Kinerja Tahun {PREVIOUS_YEAR}",
        frequency=current.frequency,
        approach=current.approach,
        start_date=dt.date(PREVIOUS_YEAR, 1, 1),
        end_date=dt.date(PREVIOUS_YEAR, 12, 31),
        is_active=False,
    )
    rated = list(
        Evaluation.objects.filter(period=current, status=EvaluationStatus.FINAL)
        .select_related("employee")
        .order_by("employee_id")
    )
    approved = dt.datetime(PREVIOUS_YEAR, 2, 10, 2, 0, tzinfo=dt.UTC)
    final = dt.datetime(PREVIOUS_YEAR + 1, 1, 20, 3, 0, tzinfo=dt.UTC)
    plans = PerformancePlan.objects.bulk_create(
        [
            PerformancePlan(
                agency=agency,
                period=period,
                employee_id=e.employee_id,
                rater_id=e.rater_id,
                status=PlanStatus.APPROVED,
                submitted_at=approved,
                approved_at=approved,
                segment_start=period.start_date,
                segment_end=period.end_date,
            )
            for e in rated
        ],
        batch_size=500,
    )
    evaluations = []
    for evaluation, plan in zip(rated, plans, strict=True):
        predicate = _draw(rng, evaluation.predicate)
        results, behaviour = RATINGS[Predicate(predicate)]
        evaluations.append(
            Evaluation(
                agency=agency,
                period=period,
                employee_id=evaluation.employee_id,
                plan=plan,
                unit_id=evaluation.employee.unit_id,
                rater_id=evaluation.rater_id,
                kind=EvaluationKind.ANNUAL,
                subperiod=0,
                status=EvaluationStatus.FINAL,
                results_rating=results.value,
                behaviour_rating=behaviour.value,
                predicate=predicate,
                rated_at=final,
                finalised_at=final,
                finalised_by=admin,
            )
        )
    Evaluation.objects.bulk_create(evaluations, batch_size=500)
    return len(evaluations)


def _openings(agency: Agency, rng: random.Random, admin: User | None) -> int:
    """The integrated PAK of 31 December 2024 of every functional employee."""
    entries = []
    people = Employee.objects.filter(
        agency=agency,
        is_active=True,
        position__kind=PositionKind.FUNGSIONAL,
        position__level__in=[level.value for level in credit.Level],
    ).select_related("position")
    for person in people.order_by("pk"):
        level = credit.Level(person.position.level)
        step = credit.DEFAULT_REQUIREMENTS[level].rank_step_credit
        amount = (step * Decimal(rng.uniform(0.15, 0.85))).quantize(credit.CENT)
        # The PAK of the latest TMT (golongan or jabatan) when it came after the integration.
        dated = max(day for day in (OPENING_DATE, person.rank_since, person.position_since) if day)
        entries.append(
            CreditEntry(
                agency=agency,
                employee=person,
                kind=EntryKind.OPENING,
                label="Saldo awal angka kredit",
                effective_date=dated,
                level=level.value,
                amount=amount,
                note=f"PAK per {indonesian_date(dated)}",
                created_by=admin,
            )
        )
    CreditEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def _vacancy(agency: Agency) -> str:
    """A vacant functional position one level above the largest Ahli Pertama family."""
    holders = Employee.objects.filter(
        agency=agency, is_active=True, position__kind=PositionKind.FUNGSIONAL
    ).select_related("position", "unit")
    families: Counter[str] = Counter()
    units: dict[str, list[int]] = {}
    label = str(credit.LEVEL_LABELS[credit.Level.AHLI_PERTAMA])
    for person in holders:
        if person.position.level == credit.Level.AHLI_PERTAMA and person.position.name.endswith(
            label
        ):
            stem = person.position.name.removesuffix(label).strip()
            families[stem] += 1
            units.setdefault(stem, []).append(person.unit_id)
    if not families:
        return ""
    stem = families.most_common(1)[0][0]
    name = f"{stem} {credit.LEVEL_LABELS[credit.Level.AHLI_MUDA]}"
    taken = set(Position.objects.filter(name=name).values_list("unit_id", flat=True))
    free = [unit for unit in units[stem] if unit not in taken]
    unit_id = free[0] if free else units[stem][0]
    if not free:
        name = f"{name} (formasi baru)"
    position = Position.objects.create(
        agency=agency,
        unit_id=unit_id,
        name=name,
        kind=PositionKind.FUNGSIONAL,
        level=credit.Level.AHLI_MUDA.value,
    )
    competencies = list(Competency.objects.filter(agency=agency, is_active=True).order_by("pk")[:4])
    PositionRequirement.objects.bulk_create(
        [
            PositionRequirement(agency=agency, position=position, competency=c, level=3)
            for c in competencies
        ]
    )
    return name


@transaction.atomic
def load_demo_career(agency: Agency, *, seed: int) -> CareerDemoSummary | None:
    """The career demo of one agency (see the module docstring); None when the agency has no
    demo period or already has credit entries."""
    current = demo_period(agency)
    if current is None or CreditEntry.objects.filter(agency=agency).exists():
        return None
    rng = random.Random(f"{seed}:{agency.code}:career")  # noqa: S311  (demo data)
    admin = User.objects.filter(username=f"{agency.code}.admin").first()
    if not CreditRequirement.objects.filter(agency=agency).exists():
        _credit_table(agency)
    history = _previous_year(agency, current, rng, admin)
    openings = _openings(agency, rng, admin)
    posted = post_credits(agency, actor=None)
    return CareerDemoSummary(
        evaluations_2025=history,
        openings=openings,
        entries=openings + posted.created,
        vacancy=_vacancy(agency),
    )
