"""Consequences of performance as pure rules: who is recommended for an award, who is on the
sanction path, and the merit score that ranks candidates for a vacant position. No ORM.

Sources: UU 20/2023 on ASN, Pasal 27 (manajemen kinerja: penghargaan, pengembangan, sanksi) and
Pasal 30 (sistem merit: promotion by qualification, competency and performance); PP 30/2019 on
the appraisal of PNS, Pasal 56 (a PNS who does not meet the performance target is sanctioned);
PermenPANRB 6/2022 (predicates); PermenPANRB 3/2020 (talent management: box 9 is promoted,
retained and awarded; box 1 is "handled according to the regulations"). The seeds ask the same:
good performers get awards and promotion, poor ones training (Siulak, Bengkulu).

The thresholds the regulations leave to the agency are parameters with documented defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from kinerja.org.ranks import RANK_ORDER

SANGAT_BAIK: Final = "Sangat Baik"
BAIK: Final = "Baik"
BUTUH_PERBAIKAN: Final = "Butuh Perbaikan"
KURANG: Final = "Kurang/Misconduct"
SANGAT_KURANG: Final = "Sangat Kurang"

# Best to worst; "low" is Butuh Perbaikan or worse.
PREDICATE_ORDER: Final = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)
LOW_PREDICATES: Final = frozenset({BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG})
TOP_BOX: Final = 9


class AwardBasis(StrEnum):
    """Why someone is recommended for an award."""

    PREDICATE = "predikat"
    TALENT = "talenta"
    BOTH = "keduanya"


def award_basis(latest_predicate: str | None, box: int | None) -> AwardBasis | None:
    """The ground of an award recommendation: the latest final predicate is Sangat Baik
    (PermenPANRB 6/2022), the talent box is 9 (PermenPANRB 3/2020: "promote, retain, award"),
    or both; None when neither holds."""
    by_predicate = latest_predicate == SANGAT_BAIK
    by_box = box == TOP_BOX
    if by_predicate and by_box:
        return AwardBasis.BOTH
    if by_predicate:
        return AwardBasis.PREDICATE
    if by_box:
        return AwardBasis.TALENT
    return None


class SanctionReason(StrEnum):
    SANGAT_KURANG = "sangat_kurang"
    CONSECUTIVE_LOW = "berturut_rendah"


@dataclass(frozen=True)
class SanctionFinding:
    """Why someone is on the sanction path and which predicates (indexes into the sequence
    given, oldest first) are the evidence."""

    reason: SanctionReason
    evidence: tuple[int, ...]


def sanction_path(predicates: Sequence[str], *, consecutive_low: int = 2) -> SanctionFinding | None:
    """Whether a chronological sequence of final predicates (oldest first) puts the employee on
    the sanction path (PP 30/2019, Pasal 56; PermenPANRB 3/2020 box 1).

    Our rule, looking at the most recent predicates only (an employee who has since improved is
    off the path):
    - the latest predicate is **Sangat Kurang**; or
    - the last `consecutive_low` (default 2) predicates are all **Butuh Perbaikan or worse**
      (Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang).
    The evidence is the predicates that triggered it (the latest, or the run of low ones).
    """
    if consecutive_low < 1:
        raise ValueError("consecutive_low harus sekurang-kurangnya 1")
    if not predicates:
        return None
    last = len(predicates) - 1
    run = _low_run(predicates)
    if predicates[last] == SANGAT_KURANG:
        return SanctionFinding(SanctionReason.SANGAT_KURANG, run)
    if len(run) >= consecutive_low:
        return SanctionFinding(SanctionReason.CONSECUTIVE_LOW, run)
    return None


def _low_run(predicates: Sequence[str]) -> tuple[int, ...]:
    """Indexes of the trailing run of low predicates, oldest first."""
    indexes: list[int] = []
    for index in range(len(predicates) - 1, -1, -1):
        if predicates[index] not in LOW_PREDICATES:
            break
        indexes.append(index)
    return tuple(reversed(indexes))


# --- Merit ranking for a vacant position ---------------------------------------------------------

PERFORMANCE_POINTS: Final = {
    SANGAT_BAIK: Decimal(100),
    BAIK: Decimal(80),
    BUTUH_PERBAIKAN: Decimal(50),
    KURANG: Decimal(25),
    SANGAT_KURANG: Decimal(0),
}
WEIGHT_PERFORMANCE: Final = Decimal(50)
WEIGHT_COMPETENCY: Final = Decimal(30)
WEIGHT_TALENT: Final = Decimal(20)
PREDICATES_COUNTED: Final = 2


@dataclass(frozen=True)
class CandidateFacts:
    """What the ranking knows about one candidate (plain values from the selectors)."""

    predicates: tuple[str, ...]  # latest first, at most PREDICATES_COUNTED are used
    requirements_total: int  # competency requirements of the position
    requirements_met: int  # of those, how many the candidate's levels meet
    rank: str  # the candidate's golongan ("III/b"), "" when unknown
    min_rank: str  # the position's minimum golongan, "" when none applies
    credit: Decimal | None  # the candidate's total angka kredit (functional vacancies)
    min_credit: Decimal | None  # credit the position requires (functional vacancies)
    box: int | None  # talent 9-box


@dataclass(frozen=True)
class Criterion:
    """One line of the reasons shown to the committee: met, not met, or not applicable."""

    code: str
    met: bool | None
    detail: str


@dataclass(frozen=True)
class MeritScore:
    score: Decimal  # 0–100, 2 decimals
    eligible: bool  # rank and credit requirements met
    performance: Decimal | None
    competency: Decimal | None
    talent: Decimal | None
    criteria: tuple[Criterion, ...] = field(default_factory=tuple)


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def merit_score(facts: CandidateFacts) -> MeritScore:
    """The merit score of a candidate for a vacant position (UU 20/2023, Pasal 30: qualification,
    competency and performance), 0–100:

    - **performance** (weight 50): mean points of the last two final predicates (Sangat Baik
      100, Baik 80, Butuh Perbaikan 50, Kurang 25, Sangat Kurang 0); no predicate → 0;
    - **competency fit** (weight 30): the share of the position's required competency levels the
      candidate meets (× 100). A position with no requirements has no fit to measure: the
      component is left out and the other weights are scaled up, and the reasons say so;
    - **talent** (weight 20): the 9-box as box/9 × 100; not placed → 0.

    Rank (golongan at least the position's minimum) and, for functional positions, the credit
    requirement are **requirements**, not points: a candidate who misses one is ranked below
    everyone who meets them (`eligible` False), with the reason shown.
    """
    criteria: list[Criterion] = []
    counted = facts.predicates[:PREDICATES_COUNTED]
    if counted:
        performance = sum((PERFORMANCE_POINTS[p] for p in counted), Decimal(0)) / len(counted)
        criteria.append(
            Criterion(
                "kinerja",
                all(p not in LOW_PREDICATES for p in counted),
                "Predikat terakhir: " + ", ".join(counted),
            )
        )
    else:
        performance = Decimal(0)
        criteria.append(Criterion("kinerja", False, "Belum ada predikat final"))

    competency: Decimal | None
    if facts.requirements_total:
        competency = Decimal(facts.requirements_met * 100) / facts.requirements_total
        criteria.append(
            Criterion(
                "kompetensi",
                facts.requirements_met == facts.requirements_total,
                f"{facts.requirements_met} dari {facts.requirements_total} standar kompetensi "
                "terpenuhi",
            )
        )
    else:
        competency = None
        criteria.append(Criterion("kompetensi", None, "Jabatan belum memiliki standar kompetensi"))

    talent = Decimal(facts.box * 100) / 9 if facts.box else Decimal(0)
    criteria.append(
        Criterion(
            "talenta",
            None if facts.box is None else facts.box >= 7,
            f"Kotak {facts.box}" if facts.box else "Belum dipetakan dalam 9-box",
        )
    )

    rank_met = (
        None
        if not facts.min_rank
        else facts.rank in RANK_ORDER and RANK_ORDER[facts.rank] >= RANK_ORDER[facts.min_rank]
    )
    criteria.append(
        Criterion(
            "pangkat",
            rank_met,
            f"{facts.rank or '–'}, minimal {facts.min_rank}" if facts.min_rank else "",
        )
    )
    credit_met = (
        None
        if facts.min_credit is None
        else facts.credit is not None and facts.credit >= facts.min_credit
    )
    criteria.append(
        Criterion(
            "angka_kredit",
            credit_met,
            ""
            if facts.min_credit is None
            else f"{_fmt(facts.credit or Decimal(0))} dari {_fmt(facts.min_credit)}",
        )
    )

    weighted = WEIGHT_PERFORMANCE * performance + WEIGHT_TALENT * talent
    weights = WEIGHT_PERFORMANCE + WEIGHT_TALENT
    if competency is not None:
        weighted += WEIGHT_COMPETENCY * competency
        weights += WEIGHT_COMPETENCY
    score = (weighted / weights).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return MeritScore(
        score=score,
        eligible=rank_met is not False and credit_met is not False,
        performance=performance,
        competency=competency,
        talent=talent if facts.box else None,
        criteria=tuple(criteria),
    )


def ranking_key(
    merit: MeritScore, box: int | None, rank: str, name: str
) -> tuple[bool, Decimal, int, int, str]:
    """Sort key: eligible first, then score, then the talent box (tie-break), then the higher
    rank, then the name."""
    return (not merit.eligible, -merit.score, -(box or 0), -RANK_ORDER.get(rank, -1), name)
