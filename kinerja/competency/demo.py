"""Demo competencies of each demo agency, shaped like the seeds.

Every agency gets the default dictionary (PermenPANRB 38/2017: eight managerial competencies
and Perekat bangsa) through the service, plus technical competencies of its own services:
administration at the kecamatan and complaint handling in Palembang (seeds 000, 001), civil
registration (Dukcapil) and primary health care in Subulussalam (seed 002), civil registration,
transport and teaching in Bengkulu (seed 003), kecamatan services and health in Kerinci
(seed 004). Every active position gets a standard by its kind (higher levels for leaders), the
technical ones where the unit's name says the service is theirs. Most employees have current
levels around their standard, from an assessment or their supervisor; some were never assessed.
Staff of Kecamatan Plaju are weak in Komunikasi — the seed's example of a weakness that
training should fix — so palembang.pegawai opens a profile with a visible gap.

Deterministic for a seed; does nothing once the agency has a dictionary.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from kinerja.competency.models import (
    Competency,
    EmployeeCompetency,
    LevelSource,
    PositionRequirement,
)
from kinerja.competency.services.dictionary import create_competency, load_standard_dictionary
from kinerja.core.models import Agency
from kinerja.org.models import Employee, Position, Unit


@dataclass(frozen=True)
class Technical:
    code: str
    name: str
    keywords: tuple[str, ...]  # a position requires it when its unit (or a parent) names one


TECHNICAL: dict[str, tuple[Technical, ...]] = {
    "palembang": (
        Technical(
            "T-01", "Pelayanan administrasi kecamatan dan kelurahan", ("Kecamatan", "Kelurahan")
        ),
        Technical("T-02", "Penanganan pengaduan masyarakat", ("Kecamatan", "Kelurahan")),
        Technical("T-03", "Pelayanan publik berbasis teknologi informasi", ("Plaju",)),
        Technical("T-04", "Manajemen ASN", ("Badan Kepegawaian",)),
    ),
    "subulussalam": (
        Technical("T-01", "Pelayanan administrasi kependudukan", ("Kependudukan",)),
        Technical("T-02", "Pelayanan kesehatan dasar", ("Puskesmas",)),
        Technical("T-03", "Pengelolaan basis data kependudukan", ("Informasi Administrasi",)),
    ),
    "bengkulu": (
        Technical("T-01", "Pelayanan administrasi kependudukan", ("Kependudukan",)),
        Technical("T-02", "Pelayanan angkutan dan pengujian kendaraan", ("Perhubungan",)),
        Technical("T-03", "Pengelolaan pembelajaran", ("SMA", "SMK", "Pendidikan")),
    ),
    "kerinci": (
        Technical("T-01", "Pelayanan administrasi kecamatan dan desa", ("Kecamatan", "Desa")),
        Technical("T-02", "Pelayanan kesehatan dasar", ("Puskesmas",)),
    ),
}

# Required level of each standard competency by position kind (functional: by level below).
BASE_LEVEL = {"jpt": 4, "administrator": 3, "pengawas": 3, "pelaksana": 2, "fungsional": 2}
LOWER_FOR = {"M-06": 1, "M-07": 1, "M-08": 1, "SK-01": 1}  # one level lower (not below 1)
EXPERT_LEVELS = {"ahli_muda", "ahli_madya", "ahli_utama", "penyelia"}
ASSESSED_SHARE = 0.85
PLAJU = "Kecamatan Plaju"


def technical_levels(name: str) -> list[str]:
    subject = name[0].lower() + name[1:]
    return [
        f"Memahami dasar-dasar {subject} dan melaksanakannya dengan bimbingan.",
        f"Melaksanakan {subject} secara mandiri sesuai standar operasional prosedur.",
        f"Menangani kasus {subject} yang kompleks dan membimbing rekan kerja.",
        f"Mengevaluasi dan memperbaiki proses {subject} di unit kerja.",
        f"Merumuskan kebijakan dan inovasi {subject} di tingkat instansi.",
    ]


@dataclass(frozen=True)
class CompetencyDemoSummary:
    competencies: int
    requirements: int
    levels: int


def _required(position: Position, code: str) -> int:
    base = BASE_LEVEL.get(position.kind, 2)
    if position.kind == "fungsional" and position.level in EXPERT_LEVELS:
        base = 3
    if code in LOWER_FOR and position.kind in ("pelaksana", "fungsional", "pengawas"):
        base -= 1
    return max(1, min(5, base))


@transaction.atomic
def load_demo_competency(
    agency: Agency, *, seed: int, today: dt.date | None = None
) -> CompetencyDemoSummary | None:
    """The demo competencies of one agency (see the module docstring); None once it has any."""
    if Competency.objects.filter(agency=agency).exists():
        return None
    rng = random.Random(f"{seed}:{agency.code}:competency")  # noqa: S311  (demo data)
    today = today or dt.date(2026, 6, 30)
    standard = load_standard_dictionary(agency, actor=None)
    technical = [
        (
            entry,
            create_competency(
                agency,
                actor=None,
                kind="teknis",
                code=entry.code,
                name=entry.name,
                description=f"Kemampuan teknis {entry.name.lower()} sesuai tugas dan fungsi unit.",
                level_descriptions=technical_levels(entry.name),
            ),
        )
        for entry in TECHNICAL.get(agency.code, ())
    ]
    units = {unit.pk: unit for unit in Unit.objects.filter(agency=agency)}

    def lineage(unit: Unit) -> str:
        ids = [int(part) for part in unit.path.strip("/").split("/") if part]
        return " / ".join(units[pk].name for pk in ids if pk in units)

    requirements: list[PositionRequirement] = []
    required_by_position: dict[int, list[tuple[Competency, int]]] = {}
    for position in Position.objects.filter(agency=agency, is_active=True).order_by("pk"):
        names = lineage(units[position.unit_id])
        levels = [(c, _required(position, c.code)) for c in standard]
        levels += [
            (competency, 3 if position.kind != "pelaksana" else 2)
            for entry, competency in technical
            if any(keyword in names for keyword in entry.keywords)
        ]
        required_by_position[position.pk] = levels
        requirements += [
            PositionRequirement(agency=agency, position=position, competency=c, level=level)
            for c, level in levels
        ]
    PositionRequirement.objects.bulk_create(requirements, batch_size=1000)
    plaju = next((u for u in units.values() if u.name == PLAJU and u.parent_id is None), None)
    held: list[EmployeeCompetency] = []
    employees = Employee.objects.filter(agency=agency, is_active=True, position__isnull=False)
    for employee in employees.select_related("unit").order_by("pk"):
        if rng.random() > ASSESSED_SHARE:
            continue
        in_plaju = plaju is not None and employee.unit.path.startswith(plaju.path)
        assessed_on = today - dt.timedelta(days=rng.randint(20, 400))
        by_supervisor = rng.random() < 0.25
        required_here = required_by_position.get(employee.position_id, [])
        # Most people fall short in none or one competency; Plaju's staff in Komunikasi.
        weak = {c.pk for c, _level in rng.sample(required_here, rng.choice((0, 0, 0, 1, 1, 2)))}
        for competency, required in required_here:
            if competency.kind == "teknis" and rng.random() < 0.15:
                continue  # technical assessments lag behind
            if in_plaju and competency.code == "M-03":
                level = required - rng.choice((0, 1, 1, 1, 2))
            elif competency.pk in weak:
                level = required - 1
            else:
                level = required + rng.choice((0, 0, 0, 1))
            held.append(
                EmployeeCompetency(
                    agency=agency,
                    employee=employee,
                    competency=competency,
                    level=max(1, min(5, level)),
                    source=LevelSource.SUPERVISOR if by_supervisor else LevelSource.ASSESSMENT,
                    assessed_on=assessed_on,
                    note="" if by_supervisor else "Asesmen kompetensi BKPSDM",
                )
            )
    EmployeeCompetency.objects.bulk_create(held, batch_size=1000)
    return CompetencyDemoSummary(
        competencies=len(standard) + len(technical),
        requirements=len(requirements),
        levels=len(held),
    )
