"""Demo 360° rounds on the demo period, after `kinerja.appraisal.demo.load_demo_appraisal`.

Siulak in Kabupaten Kerinci rates each employee by the supervisor and by peers — "sistem 360
derajat" (seed 004) — so Kecamatan Siulak has a CLOSED round: raters proposed and the round
opened and closed through the services, about nine in ten questionnaires answered (all of those
about `kerinci.pegawai`, so that report shows every group), with comments here and there.
`kerinci.pegawai` opens their report with the chart; `kerinci.atasan` sees it beside the
behaviour rating of the evaluation. Kecamatan Plaju in Kota Palembang has an OPEN round, about
half answered and a few drafts, where `palembang.pegawai` still has everything to fill in.

The answers are written directly (demo data: `bulk_create`), in the shape `submit_answers`
leaves them — an `Answer` without the rater, the assignment marked sent. Each person gets a
profile per value; raters vary around it, self-views a little above. Deterministic for a seed;
does nothing once the agency has a round.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kinerja.behaviour.aggregation import COMMENT_FIELDS, SCALE_MAX, SCALE_MIN, SCORE_FIELDS
from kinerja.behaviour.models import Answer, Assignment, AssignmentStatus, FeedbackRound
from kinerja.behaviour.services import tallies
from kinerja.behaviour.services.rounds import close_round, create_round, open_round
from kinerja.core.models import Agency, User
from kinerja.org.models import Unit
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.demo import demo_period


@dataclass(frozen=True)
class DemoRound:
    unit: str
    name: str
    closed: bool
    answered_share: float


DEMO_ROUNDS = {
    "kerinci": DemoRound(
        "Kecamatan Siulak", "Umpan Balik 360° Semester I 2026 · Kecamatan Siulak", True, 0.9
    ),
    "palembang": DemoRound(
        "Kecamatan Plaju", "Umpan Balik 360° 2026 · Kecamatan Plaju", False, 0.5
    ),
}

COMMENTS = (
    (
        "Cepat menanggapi warga yang datang ke kantor.",
        "Perlu lebih sabar menjelaskan persyaratan kepada warga.",
    ),
    ("Laporan selalu rapi dan tepat waktu.", "Pertanggungjawaban kegiatan kadang terlambat."),
    ("Mau belajar aplikasi baru.", "Sering membantu rekan memahami aturan baru."),
    ("Ramah kepada semua rekan.", "Suasana kerja terasa lebih nyaman bila ada beliau."),
    ("Menjaga nama baik kantor di depan masyarakat.",),
    ("Cepat menyesuaikan diri dengan cara kerja yang berubah.", "Bisa lebih proaktif."),
    ("Terbuka bekerja sama lintas seksi.", "Perlu lebih sering melibatkan rekan."),
)


@dataclass(frozen=True)
class BehaviourDemoSummary:
    rounds: int
    assignments: int
    answers: int


def _demo_user(agency: Agency, suffix: str) -> User | None:
    return User.objects.filter(username=f"{agency.code}.{suffix}").first()


def _score(rng: random.Random, base: float, bias: float) -> int:
    return max(SCALE_MIN, min(SCALE_MAX, round(rng.gauss(base + bias, 0.6))))


@transaction.atomic
def load_demo_behaviour(
    agency: Agency, *, seed: int, today: dt.date | None = None
) -> BehaviourDemoSummary | None:
    """The demo round of one agency (see the module docstring); None when there is none to
    make or the agency already has a round."""
    plan = DEMO_ROUNDS.get(agency.code)
    period = demo_period(agency)
    if plan is None or period is None or FeedbackRound.objects.filter(agency=agency).exists():
        return None
    unit = Unit.objects.filter(agency=agency, name=plan.unit, parent=None).first()
    admin = _demo_user(agency, "admin")
    if unit is None or admin is None:
        return None
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}:{agency.code}:behaviour")  # noqa: S311  (demo data)
    feedback_round = create_round(
        agency,
        actor=admin,
        period=period,
        name=plan.name,
        whole_agency=False,
        units=[unit],
        closes_on=today + dt.timedelta(days=14),
    )
    feedback_round = open_round(feedback_round, actor=admin, expected_version=None)
    pegawai = _demo_user(agency, "pegawai")
    pegawai_id = pegawai.employee.pk if pegawai and hasattr(pegawai, "employee") else None
    assignments = list(Assignment.objects.filter(round=feedback_round).order_by("pk"))
    profiles = {
        a.subject_id: [rng.uniform(3.2, 4.6) for _ in CORE_VALUES]
        for a in assignments
        if a.relation == "diri"
    }
    answers: list[Answer] = []
    sent: list[Assignment] = []
    drafts: list[Assignment] = []
    now = timezone.now()
    for assignment in assignments:
        own_questionnaire = assignment.rater_id == pegawai_id
        about_pegawai = assignment.subject_id == pegawai_id
        if plan.closed:
            answering = about_pegawai or rng.random() < plan.answered_share
        else:
            answering = not own_questionnaire and rng.random() < plan.answered_share
        scores = _scores(rng, profiles[assignment.subject_id], assignment.relation)
        if not answering:
            if not plan.closed and not own_questionnaire and rng.random() < 0.25:
                assignment.status = AssignmentStatus.DRAFT
                assignment.draft = {"scores": dict(list(scores.items())[:9]), "comments": {}}
                drafts.append(assignment)
            continue
        answers.append(
            Answer(
                agency_id=agency.pk,
                round_id=feedback_round.pk,
                subject_id=assignment.subject_id,
                unit_id=assignment.subject_unit_id,
                relation=assignment.relation,
                **scores,
                **_comments(rng),
            )
        )
        assignment.status = AssignmentStatus.SUBMITTED
        assignment.submitted_at = now - dt.timedelta(
            days=rng.randint(1, 12), minutes=rng.randint(0, 600)
        )
        assignment.version += 1
        sent.append(assignment)
    Answer.objects.bulk_create(answers, batch_size=500)
    Assignment.objects.bulk_update(sent, ["status", "submitted_at", "version"], batch_size=500)
    Assignment.objects.bulk_update(drafts, ["status", "draft"], batch_size=500)
    tallies.recount(feedback_round)
    if plan.closed:
        feedback_round.refresh_from_db()
        feedback_round = close_round(feedback_round, actor=admin, expected_version=None)
        FeedbackRound.objects.filter(pk=feedback_round.pk).update(
            closes_on=today - dt.timedelta(days=7),
            opened_at=now - dt.timedelta(days=21),
            closed_at=now - dt.timedelta(days=6),
        )
    return BehaviourDemoSummary(rounds=1, assignments=len(assignments), answers=len(answers))


def _scores(rng: random.Random, profile: list[float], relation: str) -> dict[str, int]:
    """21 scores around the person's profile; self-views a little kinder, supervisors a little
    stricter."""
    bias = {"diri": 0.35, "atasan": -0.15}.get(relation, 0.0)
    rater_mood = rng.uniform(-0.3, 0.3)
    return {
        name: _score(rng, profile[index // 3], bias + rater_mood)
        for index, name in enumerate(SCORE_FIELDS)
    }


def _comments(rng: random.Random) -> dict[str, str]:
    return {
        name: rng.choice(COMMENTS[index]) if rng.random() < 0.12 else ""
        for index, name in enumerate(COMMENT_FIELDS)
    }
