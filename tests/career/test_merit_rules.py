"""The rules of merit.py: award basis, the sanction path, and the merit score of a candidate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.career import merit
from kinerja.career.merit import AwardBasis, CandidateFacts, SanctionReason

SB, B, BP, K, SK = (
    "Sangat Baik",
    "Baik",
    "Butuh Perbaikan",
    "Kurang/Misconduct",
    "Sangat Kurang",
)


@pytest.mark.parametrize(
    ("predicate", "box", "expected"),
    [
        (SB, 9, AwardBasis.BOTH),
        (SB, 8, AwardBasis.PREDICATE),
        (SB, None, AwardBasis.PREDICATE),
        (B, 9, AwardBasis.TALENT),
        (None, 9, AwardBasis.TALENT),
        (B, 8, None),
        (None, None, None),
        (BP, 1, None),
    ],
)
def test_award_basis(predicate, box, expected):
    assert merit.award_basis(predicate, box) == expected


@pytest.mark.parametrize(
    ("sequence", "reason", "evidence"),
    [
        ([SK], SanctionReason.SANGAT_KURANG, (0,)),
        ([B, SK], SanctionReason.SANGAT_KURANG, (1,)),
        ([BP, SK], SanctionReason.SANGAT_KURANG, (0, 1)),
        ([BP, BP], SanctionReason.CONSECUTIVE_LOW, (0, 1)),
        ([B, BP, K], SanctionReason.CONSECUTIVE_LOW, (1, 2)),
        ([K, K, BP], SanctionReason.CONSECUTIVE_LOW, (0, 1, 2)),
        ([SB, K, BP], SanctionReason.CONSECUTIVE_LOW, (1, 2)),
    ],
)
def test_on_the_sanction_path(sequence, reason, evidence):
    finding = merit.sanction_path(sequence)
    assert finding == merit.SanctionFinding(reason, evidence)


@pytest.mark.parametrize(
    "sequence",
    [[], [BP], [K], [BP, B], [SK, B], [BP, SB, BP], [SB, SB], [SK, BP, B]],
)
def test_not_on_the_sanction_path(sequence):
    assert merit.sanction_path(sequence) is None


def test_the_number_of_consecutive_low_predicates_is_a_parameter():
    assert merit.sanction_path([BP, BP], consecutive_low=3) is None
    assert merit.sanction_path([BP, BP, K], consecutive_low=3) == merit.SanctionFinding(
        SanctionReason.CONSECUTIVE_LOW, (0, 1, 2)
    )
    with pytest.raises(ValueError, match="consecutive_low"):
        merit.sanction_path([BP], consecutive_low=0)


def facts(**overrides) -> CandidateFacts:
    values = {
        "predicates": (SB, B),
        "requirements_total": 4,
        "requirements_met": 3,
        "rank": "III/c",
        "min_rank": "III/b",
        "credit": None,
        "min_credit": None,
        "box": 9,
    }
    values.update(overrides)
    return CandidateFacts(**values)


def test_merit_score_weights_performance_competency_and_talent():
    result = merit.merit_score(facts())
    # performance (100 + 80) / 2 = 90; competency 75; talent 100 → (50×90 + 30×75 + 20×100)/100
    assert result.score == Decimal("87.50")
    assert result.eligible
    assert {c.code: c.met for c in result.criteria} == {
        "kinerja": True,
        "kompetensi": False,
        "talenta": True,
        "pangkat": True,
        "angka_kredit": None,
    }


def test_without_competency_requirements_the_component_is_left_out_and_said_so():
    result = merit.merit_score(facts(requirements_total=0, requirements_met=0))
    # (50×90 + 20×100) / 70
    assert result.score == Decimal("92.86")
    assert result.competency is None
    competency = next(c for c in result.criteria if c.code == "kompetensi")
    assert (competency.met, competency.detail) == (
        None,
        "Jabatan belum memiliki standar kompetensi",
    )


def test_a_candidate_below_the_minimum_rank_is_not_eligible():
    result = merit.merit_score(facts(rank="III/a"))
    assert not result.eligible
    rank = next(c for c in result.criteria if c.code == "pangkat")
    assert (rank.met, rank.detail) == (False, "III/a, minimal III/b")


def test_the_credit_requirement_counts_for_functional_vacancies():
    short = merit.merit_score(facts(credit=Decimal("99.99"), min_credit=Decimal(100)))
    enough = merit.merit_score(facts(credit=Decimal(100), min_credit=Decimal(100)))
    assert not short.eligible
    assert enough.eligible
    detail = next(c for c in short.criteria if c.code == "angka_kredit").detail
    assert detail == "99,99 dari 100,00"


def test_no_predicate_and_no_box_score_zero_on_those_components():
    result = merit.merit_score(facts(predicates=(), box=None, requirements_met=4))
    assert result.score == Decimal("30.00")  # only competency 100 × 30 / 100
    assert next(c for c in result.criteria if c.code == "kinerja").met is False


def test_only_the_last_two_predicates_count():
    assert merit.merit_score(facts(predicates=(SB, SB, SK))).performance == Decimal(100)


def test_ranking_puts_eligible_first_then_score_then_box():
    eligible_low = merit.merit_score(facts(predicates=(B,), box=5))
    not_eligible_high = merit.merit_score(facts(rank="II/a"))
    keys = sorted(
        [
            (merit.ranking_key(not_eligible_high, 9, "II/a", "Ani"), "Ani"),
            (merit.ranking_key(eligible_low, 5, "III/c", "Budi"), "Budi"),
            (merit.ranking_key(eligible_low, 6, "III/c", "Cici"), "Cici"),
        ]
    )
    assert [name for _key, name in keys] == ["Cici", "Budi", "Ani"]
