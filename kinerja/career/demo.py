"""Demo career data, after the appraisal demo (and, when they run, the competency and talent
demos): promotion and awards follow performance (Siulak, seed 004), good performers get awards
and poor ones training (Bengkulu, seed 003).

For each demo agency:
  * the credit-needed table with BKN's values, as rows the admin can correct;
  * for every functional employee an opening balance (the integrated PAK of 31 December 2024,
    or of the later TMT golongan/jabatan),
    then the credits posted through `post_credits` (the final first sub-period of 2026);
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

from kinerja.career import credit
from kinerja.career.models import CreditEntry, CreditRequirement, EntryKind
from kinerja.career.services.credits import post_credits
from kinerja.competency.models import Competency, PositionRequirement
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import Agency, User
from kinerja.org.models import Employee, Position, PositionKind
from kinerja.planning.demo import demo_period

OPENING_DATE = dt.date(2024, 12, 31)


@dataclass(frozen=True)
class CareerDemoSummary:
    openings: int
    entries: int
    vacancy: str


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
    openings = _openings(agency, rng, admin)
    posted = post_credits(agency, actor=None)
    return CareerDemoSummary(
        openings=openings,
        entries=openings + posted.created,
        vacancy=_vacancy(agency),
    )
