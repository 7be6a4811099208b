"""Demo competency development of each demo agency, shaped like the seeds.

Needs the demo organisation, performance data and competencies (`load_demo_competency`) first.
Every agency gets a catalogue: external courses (BPSDM, LAN e-learning) and internal ones taught
by its own staff, with the external cost they replace. Kecamatan Kertapati in Palembang draws
internal trainers from its staff to save budget (seed 001): the complaint-handling and
communication courses are taught by Kertapati's strongest people. Kecamatan Plaju's weakness in
communication leads to communication training (seed 000). Recommendations are refreshed through
the service (predicates of Butuh Perbaikan or worse, indicators under target, weak values of the
closed 360° round, competency gaps), so awards and training follow the results (seed 003).
Some employees have plans — agreed and completed (with savings), proposed, drafts — and most
have some learning hours, so the 20 JP shortfall list holds some people, not everyone.
Internal courses ask level 3: the dictionary's level 3 is where one "membimbing rekan kerja".

Deterministic for a seed; does nothing once the agency has a catalogue.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from kinerja.competency.models import Competency, EmployeeCompetency
from kinerja.core.models import Agency
from kinerja.development.models import (
    Delivery,
    DevelopmentPlan,
    DevelopmentRecord,
    InternalTrainer,
    PlanItem,
    PlanStatus,
    Recommendation,
    RecommendationStatus,
    Training,
)
from kinerja.development.services.recommendations import refresh_recommendations
from kinerja.org.models import Employee, Unit

DEMO_YEAR = 2026
TODAY = dt.date(2026, 11, 20)
KOMUNIKASI = "M-03"


@dataclass(frozen=True)
class Course:
    title: str
    delivery: str
    jp: int
    cost: int
    competency_code: str | None = None
    provider: str = ""
    external_equivalent: int | None = None


COMMON: tuple[Course, ...] = (
    Course(
        "Komunikasi Efektif dalam Pelayanan Publik",
        Delivery.EXTERNAL,
        24,
        3_500_000,
        KOMUNIKASI,
        "BPSDM Provinsi",
    ),
    Course(
        "Komunikasi Efektif untuk Petugas Layanan (kelas internal)",
        Delivery.INTERNAL,
        12,
        150_000,
        KOMUNIKASI,
        external_equivalent=3_500_000,
    ),
    Course("Pelayanan Prima", Delivery.EXTERNAL, 32, 4_200_000, None, "BPSDM Provinsi"),
    Course(
        "Literasi Digital ASN (e-learning)", Delivery.EXTERNAL, 10, 0, None, "LAN RI – ASN Unggul"
    ),
    Course(
        "Berorientasi Pelayanan dan Etika ASN",
        Delivery.EXTERNAL,
        20,
        2_500_000,
        None,
        "Pusdiklat Kemendagri",
    ),
)
OWN: dict[str, tuple[Course, ...]] = {
    "palembang": (
        Course(
            "Manajemen Pengaduan SP4N-LAPOR! (kelas internal)",
            Delivery.INTERNAL,
            16,
            200_000,
            "T-02",
            external_equivalent=3_800_000,
        ),
        Course(
            "Penanganan Pengaduan Masyarakat",
            Delivery.EXTERNAL,
            24,
            3_800_000,
            "T-02",
            "Ombudsman RI Perwakilan Sumsel",
        ),
    ),
    "bengkulu": (
        Course(
            "Pelatihan Guru Penggerak",
            Delivery.EXTERNAL,
            40,
            5_000_000,
            "T-03",
            "Balai Guru Penggerak Bengkulu",
        ),
    ),
    "subulussalam": (
        Course(
            "Pelayanan Adminduk Terpadu (kelas internal)",
            Delivery.INTERNAL,
            12,
            100_000,
            "T-01",
            external_equivalent=2_800_000,
        ),
    ),
}
# Where each agency's internal trainers come from (Kertapati: the seed's "pelatih internal").
TRAINER_UNIT = {"palembang": "Kecamatan Kertapati"}
SEMINARS = (
    ("Webinar Keterbukaan Informasi Publik", 4),
    ("Sosialisasi SKP PermenPANRB 6/2022", 6),
    ("E-learning Manajemen ASN", 8),
    ("Bimbingan Teknis Aplikasi SRIKANDI", 12),
    ("Seminar Inovasi Pelayanan Publik", 5),
)


@dataclass(frozen=True)
class DevelopmentDemoSummary:
    trainings: int
    trainers: int
    recommendations: int
    plans: int
    records: int


def _catalogue(agency: Agency, competencies: dict[str, Competency]) -> list[Training]:
    courses = [*COMMON, *OWN.get(agency.code, ())]
    trainings = [
        Training(
            agency=agency,
            title=course.title,
            delivery=course.delivery,
            jp=course.jp,
            cost=Decimal(course.cost),
            competency=competencies.get(course.competency_code or ""),
            provider=course.provider,
            external_equivalent_cost=Decimal(course.external_equivalent)
            if course.external_equivalent is not None
            else None,
            min_trainer_level=3,
        )
        for course in courses
        # An internal course needs its competency in the dictionary.
        if course.delivery == Delivery.EXTERNAL or course.competency_code in competencies
    ]
    return Training.objects.bulk_create(trainings)


def _trainers(
    agency: Agency, trainings: list[Training], rng: random.Random
) -> list[InternalTrainer]:
    unit_name = TRAINER_UNIT.get(agency.code)
    root = Unit.objects.filter(agency=agency, name=unit_name).first() if unit_name else None
    trainers: list[InternalTrainer] = []
    taken: set[tuple[int, int]] = set()
    for training in trainings:
        if training.delivery != Delivery.INTERNAL or training.competency_id is None:
            continue
        held = EmployeeCompetency.objects.filter(
            competency_id=training.competency_id, level__gte=3, employee__is_active=True
        )
        if root is not None:
            held = held.filter(employee__unit__path__startswith=root.path)
        for employee_id in held.order_by("-level", "employee_id").values_list(
            "employee_id", flat=True
        )[:3]:
            if (employee_id, training.competency_id) in taken:
                continue
            taken.add((employee_id, training.competency_id))
            starts = rng.choice((None, dt.date(DEMO_YEAR, 2, 1)))
            trainers.append(
                InternalTrainer(
                    agency=agency,
                    employee_id=employee_id,
                    competency_id=training.competency_id,
                    available_from=starts,
                    available_until=dt.date(DEMO_YEAR, 11, 30) if starts else None,
                    availability_note=rng.choice(
                        (
                            "Selasa dan Kamis, 13.00–16.00",
                            "Jumat pagi, di luar jam layanan",
                            "Sesuai jadwal, konfirmasi sepekan sebelumnya",
                        )
                    ),
                )
            )
    return InternalTrainer.objects.bulk_create(trainers)


def _plans(
    agency: Agency,
    trainings: list[Training],
    trainers: list[InternalTrainer],
    rng: random.Random,
) -> tuple[int, list[DevelopmentRecord]]:
    """Plans for some employees with open recommendations: done (with savings), agreed,
    proposed and drafts, each item answering its recommendation."""
    internal = {t.competency_id: t for t in trainings if t.delivery == Delivery.INTERNAL}
    external = [t for t in trainings if t.delivery == Delivery.EXTERNAL]
    teachers: dict[int, list[InternalTrainer]] = {}
    for trainer in trainers:
        teachers.setdefault(trainer.competency_id, []).append(trainer)
    candidates = list(
        Recommendation.objects.filter(status=RecommendationStatus.OPEN, employee__agency=agency)
        .exclude(employee__user__username__endswith=".pegawai")  # left for the visitor to plan
        .select_related("employee")
        .order_by("employee_id", "pk")
    )
    by_employee: dict[int, Recommendation] = {}
    for recommendation in candidates:
        by_employee.setdefault(recommendation.employee_id, recommendation)
    chosen = rng.sample(sorted(by_employee), min(12, len(by_employee)))
    statuses = [PlanStatus.DONE] * 5 + [PlanStatus.AGREED] * 3 + [PlanStatus.PROPOSED] * 2
    records: list[DevelopmentRecord] = []
    count = 0
    for index, employee_id in enumerate(sorted(chosen)):
        recommendation = by_employee[employee_id]
        status = statuses[index] if index < len(statuses) else PlanStatus.DRAFT
        course = internal.get(recommendation.competency_id) or rng.choice(external)
        teacher = next(
            (
                t
                for t in teachers.get(course.competency_id or 0, [])
                if t.employee_id != employee_id
            ),
            None,
        )
        if course.delivery == Delivery.INTERNAL and teacher is None:
            course = rng.choice(external)
        plan = DevelopmentPlan.objects.create(
            agency=agency,
            employee_id=employee_id,
            year=DEMO_YEAR,
            status=status,
        )
        start = dt.date(DEMO_YEAR, rng.randint(3, 9), rng.randint(1, 20))
        item = PlanItem.objects.create(
            agency=agency,
            plan=plan,
            training=course,
            trainer=teacher if course.delivery == Delivery.INTERNAL else None,
            recommendation=recommendation,
            start_date=start,
            end_date=start + dt.timedelta(days=2),
            jp=course.jp,
            cost=course.cost,
        )
        recommendation.status = RecommendationStatus.PLANNED
        recommendation.save(update_fields=["status"])
        if status == PlanStatus.DONE:
            records.append(
                DevelopmentRecord(
                    agency=agency,
                    employee_id=employee_id,
                    year=DEMO_YEAR,
                    title=course.title,
                    jp=course.jp,
                    completed_on=item.end_date,
                    training=course,
                    plan_item=item,
                )
            )
        count += 1
    return count, records


@transaction.atomic
def load_demo_development(agency: Agency, *, seed: int) -> DevelopmentDemoSummary | None:
    """The demo development data of one agency (see the module docstring); None once it has a
    catalogue."""
    if Training.objects.filter(agency=agency).exists():
        return None
    rng = random.Random(f"{seed}:{agency.code}:development")  # noqa: S311  (demo data)
    competencies = {c.code: c for c in Competency.objects.filter(agency=agency)}
    trainings = _catalogue(agency, competencies)
    trainers = _trainers(agency, trainings, rng)
    recommendations = refresh_recommendations(agency, actor=None, year=DEMO_YEAR)
    plans, records = _plans(agency, trainings, trainers, rng)
    # Other learning: most people attended something, about a third reach the 20 JP.
    for employee_id in Employee.objects.filter(agency=agency, is_active=True).values_list(
        "pk", flat=True
    ):
        if rng.random() < 0.25:
            continue
        for title, jp in rng.sample(SEMINARS, rng.choice((1, 1, 2, 3, 4))):
            records.append(
                DevelopmentRecord(
                    agency=agency,
                    employee_id=employee_id,
                    year=DEMO_YEAR,
                    title=title,
                    jp=jp,
                    completed_on=TODAY - dt.timedelta(days=rng.randint(10, 300)),
                )
            )
    DevelopmentRecord.objects.bulk_create(records, batch_size=1000)
    return DevelopmentDemoSummary(
        trainings=len(trainings),
        trainers=len(trainers),
        recommendations=recommendations,
        plans=plans,
        records=len(records),
    )
