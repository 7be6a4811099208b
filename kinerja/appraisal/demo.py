"""Demo appraisal data on the demo SKP: realisation, evidence, feedback, dialogues, evaluations.

`load_demo_appraisal(agency, seed=…)` runs after `kinerja.planning.demo.load_demo_plans` and
writes rows directly with `bulk_create` (demo data), in the shape the services leave them:
  * realisations only for approved SKP, for every sub-period that has ended (at least the
    first two), each indicator near its share of the target as the employee's form goes;
  * a few evidence files (small PDFs made with reportlab, stored through the default storage
    under `evidence_path`) and links; continuous feedback and dialogues from the rater;
  * the first sub-period's periodic evaluation is FINISHED: ratings (the results rating from
    `suggest_results_rating`, the predicate from the matrix, PermenPANRB 6/2022), the
    organisation predicate of every unit set and finalised by the head above, ratings
    calibrated towards the distribution pattern (SE MenPANRB 3/2023) with the adjustments
    kept, and a breach the head confirmed with a written reason where one remains;
  * the second sub-period is being rated: about half rated, half draft; the demo head's own unit
    is fully rated with an organisation predicate set and not yet final (to calibrate);
  * one objection pending (before the demo head, when the region allows) and one decided.
Employees without a rater in the system (heads of top units, rated by the regional secretary)
get no periodic evaluation. Deterministic for a seed; does nothing once the period has data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kinerja.appraisal.demo_evaluation import evaluate_subperiods, file_objections
from kinerja.appraisal.demo_execution import AppraisalBuilder
from kinerja.appraisal.models import (
    Evaluation,
    Realisation,
)
from kinerja.core.models import Agency
from kinerja.planning.demo import demo_period, demo_user


@dataclass(frozen=True)
class AppraisalDemoSummary:
    realisations: int
    evidence: int
    feedback: int
    dialogues: int
    evaluations: int
    assessments: int
    calibrations: int
    objections: int


@transaction.atomic
def load_demo_appraisal(
    agency: Agency, *, seed: int, today: dt.date | None = None
) -> AppraisalDemoSummary | None:
    """Appraisal data on the demo period of one agency; None without it or when already there."""
    period = demo_period(agency)
    if period is None or Evaluation.objects.filter(period=period).exists():
        return None
    if Realisation.objects.filter(plan__period=period).exists():
        return None
    rng = random.Random(f"{seed}:{agency.code}:appraisal")  # noqa: S311  (demo data)
    builder = AppraisalBuilder(agency, period, rng, today or timezone.localdate())
    builder.load()
    pegawai_user, kepala, admin = (
        demo_user(agency, "pegawai"),
        demo_user(agency, "kepala"),
        demo_user(agency, "admin"),
    )
    atasan_user = demo_user(agency, "atasan")
    pegawai = getattr(pegawai_user, "employee", None)
    builder.realise()
    builder.evidence(pegawai)
    builder.feedback(pegawai)
    evaluations, assessments, calibrations = evaluate_subperiods(
        builder, kepala, admin, atasan_user
    )
    objections = file_objections(builder, evaluations, atasan_user)
    return AppraisalDemoSummary(
        realisations=builder.counts["realisations"],
        evidence=builder.counts["evidence"],
        feedback=builder.counts["feedback"],
        dialogues=builder.counts["dialogues"],
        evaluations=len(evaluations),
        assessments=assessments,
        calibrations=calibrations,
        objections=objections,
    )
