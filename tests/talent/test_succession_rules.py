"""Ranking succession candidates: pool only, position-level fit, then scores."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.talent.succession import (
    FIT_ONE_BELOW,
    FIT_SAME,
    FIT_TWO_BELOW,
    Candidate,
    fit,
    position_level,
    rank_candidates,
)


def candidate(pk, box, kind, level="", perf="4.50", pot="85", name=None):
    return Candidate(pk, name or f"P{pk}", box, kind, level, Decimal(perf), Decimal(pot))


@pytest.mark.parametrize(
    ("kind", "level", "expected"),
    [
        ("pelaksana", "", 1),
        ("pengawas", "", 2),
        ("administrator", "", 3),
        ("jpt", "jpt_pratama", 4),
        ("jpt", "jpt_madya", 5),
        ("jpt", "jpt_utama", 6),
        ("fungsional", "terampil", 1),
        ("fungsional", "ahli_pertama", 2),
        ("fungsional", "penyelia", 2),
        ("fungsional", "ahli_muda", 3),
        ("fungsional", "ahli_madya", 4),
        ("fungsional", "ahli_utama", 5),
        ("fungsional", "", None),
    ],
)
def test_position_levels_follow_the_equalisation(kind, level, expected):
    assert position_level(kind, level) == expected


@pytest.mark.parametrize(
    ("candidate_level", "key_level", "expected"),
    [(2, 3, FIT_ONE_BELOW), (3, 3, FIT_SAME), (1, 3, FIT_TWO_BELOW), (4, 3, None), (1, 4, None)],
)
def test_fit(candidate_level, key_level, expected):
    assert fit(candidate_level, key_level) == expected


def test_ranking_orders_by_box_then_fit_then_scores_and_gives_reasons():
    ranked = rank_candidates(
        [
            candidate(1, 8, "pengawas"),  # one below, box 8
            candidate(2, 9, "administrator"),  # same level, box 9
            candidate(3, 9, "pengawas", perf="4.00"),  # one below, box 9, lower score
            candidate(4, 9, "pengawas", perf="5.00"),  # one below, box 9, best
            candidate(5, 6, "pengawas"),  # not in the pool
            candidate(6, 9, "jpt", "jpt_pratama"),  # above the key position
            candidate(7, 7, "pelaksana"),  # two below
            candidate(8, 9, "pengawas", perf="5.00"),  # the holder
        ],
        key_kind="administrator",
        key_level="",
        holder_id=8,
    )
    assert [r.candidate.employee_id for r in ranked] == [4, 3, 2, 1, 7]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    assert ranked[0].reasons == [
        "Kotak 9",
        "Jenjang jabatan satu jenjang di bawah jabatan kunci",
        "Peringkat 1: skor kinerja 5,00, skor potensial 85,00",
    ]
    assert ranked[2].reasons[1] == "Jenjang jabatan setara jabatan kunci (rotasi)"


def test_ranking_is_limited():
    many = [candidate(pk, 9, "pengawas") for pk in range(1, 30)]
    assert len(rank_candidates(many, key_kind="administrator", key_level="", holder_id=None)) == 10
