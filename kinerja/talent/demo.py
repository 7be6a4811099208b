"""Demo talent data, after `kinerja.appraisal.demo.load_demo_appraisal`.

The demo has one performance year, 2026, and no annual evaluation yet: the first quarter's
periodic evaluations are final for every rated employee. The 9-box therefore runs on the
agency's default fallback (`TalentSettings.use_periodic_fallback`): the 2026 final periodic
predicates count for 2026 — which is what an agency sees in its first year on Kinerja.

Potential scores: an assessment for about nine in ten employees with a final predicate, spread
over low / middle / high within each performance level so that every box has someone wherever
the predicates allow it; the rest stay "belum dapat dipetakan". Scores come from the regional
BKN assessment centre or the agency's own competency test unit, dated February–May 2026.
Then the placements are computed through the service, and a few positions are marked as key:
the first administrator positions (Camat, Kepala Bidang) and pengawas positions, whose
candidates come from the pool. Deterministic for a seed; does nothing once the agency has a
potential score.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg

from kinerja.appraisal.models import Evaluation, EvaluationStatus
from kinerja.core.models import Agency
from kinerja.org.models import Position, PositionKind
from kinerja.talent.boxes import Cutoffs, Performance, performance_level
from kinerja.talent.models import KeyPosition, PotentialAssessment
from kinerja.talent.services.placements import _points_case, recompute_placements

ASSESSORS = (
    "UPT Penilaian Kompetensi BKPSDM",
    "Pusat Penilaian Kompetensi ASN BKN",
    "Kantor Regional BKN",
)
# Potential bands: low, middle, high under the default cut-offs (60 and 80).
BANDS = ((38.0, 59.5), (60.0, 79.5), (80.0, 96.0))
KEY_ADMINISTRATORS = 2
KEY_SUPERVISORS = 2


@dataclass(frozen=True)
class TalentDemoSummary:
    assessments: int
    placed: int
    unmapped: int
    key_positions: int
    by_box: dict[int, int]


def load_demo_talent(agency: Agency, *, seed: int) -> TalentDemoSummary | None:
    """Potential scores, the computed 9-box and key positions for one demo agency."""
    if PotentialAssessment.objects.filter(agency=agency).exists():
        return None
    rng = random.Random(f"talent-{seed}-{agency.code}")  # noqa: S311  (demo data)
    points = (
        Evaluation.objects.filter(agency=agency, status=EvaluationStatus.FINAL)
        .exclude(predicate="")
        .values("employee_id")
        .annotate(mean=Avg(_points_case()))
        .order_by("employee_id")
        .values_list("employee_id", "mean")
    )
    by_level: dict[Performance, list[int]] = {level: [] for level in Performance}
    defaults = Cutoffs()
    for employee_id, mean in points:
        score = Decimal(str(mean)).quantize(Decimal("0.01"))
        by_level[performance_level(score, defaults)].append(employee_id)
    assessments: list[PotentialAssessment] = []
    for employees in by_level.values():
        for index, employee_id in enumerate(employees):
            if index >= 3 and rng.random() < 0.1:
                continue  # not assessed yet: "belum dapat dipetakan"
            low, high = BANDS[index % 3]
            assessments.append(
                PotentialAssessment(
                    agency=agency,
                    employee_id=employee_id,
                    score=Decimal(str(round(rng.uniform(low, high), 1))),
                    assessed_on=dt.date(2026, rng.randint(2, 5), rng.randint(1, 28)),
                    assessor=rng.choice(ASSESSORS),
                )
            )
    if not assessments:
        return None
    PotentialAssessment.objects.bulk_create(assessments, batch_size=1000)
    summary = recompute_placements(agency, actor=None)
    keys = _mark_key_positions(agency)
    return TalentDemoSummary(
        assessments=len(assessments),
        placed=summary.placed,
        unmapped=summary.unmapped,
        key_positions=keys,
        by_box=summary.by_box,
    )


def _mark_key_positions(agency: Agency) -> int:
    positions = Position.objects.filter(agency=agency, is_active=True).order_by("unit__path", "pk")
    chosen = list(positions.filter(kind=PositionKind.ADMINISTRATOR)[:KEY_ADMINISTRATORS])
    chosen += list(positions.filter(kind=PositionKind.PENGAWAS)[:KEY_SUPERVISORS])
    KeyPosition.objects.bulk_create(
        [
            KeyPosition(agency=agency, position=position, note="Pemangku pensiun dalam 2 tahun")
            for position in chosen
        ]
    )
    return len(chosen)
