"""The automatic proposal of raters (`kinerja.behaviour.proposal`): self, supervisor,
subordinates, peers of the same unit and level in a circle, and the cap per rater."""

from __future__ import annotations

from collections import Counter

import pytest

from kinerja.behaviour.aggregation import Relation
from kinerja.behaviour.proposal import (
    Person,
    Proposal,
    apply_cap,
    peer_level,
    propose,
    relation_between,
)

S, P, B, SELF = Relation.SUPERVISOR, Relation.PEER, Relation.SUBORDINATE, Relation.SELF


def person(
    pk: int, unit: int = 1, boss: int | None = None, kind: str | None = "pelaksana", level: str = ""
) -> Person:
    return Person(pk, unit, boss, kind, level)


@pytest.mark.parametrize(
    ("kind", "level", "expected"),
    [
        ("pelaksana", "", "pelaksana"),
        ("pengawas", "", "pengawas"),
        ("fungsional", "ahli_muda", "fungsional:ahli_muda"),
        ("fungsional", "terampil", "fungsional:terampil"),
        ("jpt", "jpt_pratama", "jpt:jpt_pratama"),
        ("administrator", "", "administrator"),
        (None, "", None),
    ],
)
def test_the_level_peers_share_is_the_position_kind_with_its_jenjang(kind, level, expected):
    assert peer_level(kind, level) == expected


def test_a_small_team_is_proposed_exactly():
    # 1 heads the unit; 2 supervises 3, 4, 5 (pelaksana); 6 has no position.
    people = [
        person(1, kind="administrator"),
        person(2, boss=1, kind="pengawas"),
        person(3, boss=2),
        person(4, boss=2),
        person(5, boss=2),
        person(6, kind=None),
    ]

    proposals = propose(people, {1, 2, 3, 4, 5, 6}, peers_per_subject=4, cap=15, salt="x")

    assert set(proposals) == {
        *(Proposal(i, i, SELF) for i in range(1, 7)),
        Proposal(2, 1, S),
        Proposal(3, 2, S),
        Proposal(4, 2, S),
        Proposal(5, 2, S),
        Proposal(1, 2, B),
        Proposal(2, 3, B),
        Proposal(2, 4, B),
        Proposal(2, 5, B),
        Proposal(3, 4, P),
        Proposal(3, 5, P),
        Proposal(4, 3, P),
        Proposal(4, 5, P),
        Proposal(5, 3, P),
        Proposal(5, 4, P),
    }
    assert len(proposals) == 20


def test_peers_are_of_the_same_unit_and_level_only():
    people = [
        person(1, unit=1),
        person(2, unit=1),
        person(3, unit=2),  # another unit
        person(4, unit=1, kind="fungsional", level="ahli_muda"),
        person(5, unit=1, kind="fungsional", level="ahli_pertama"),  # another jenjang
    ]

    peers = {
        (p.subject_id, p.rater_id) for p in propose(people, {1, 2, 3, 4, 5}) if p.relation == P
    }

    assert peers == {(1, 2), (2, 1)}


def test_a_big_peer_group_is_a_balanced_circle():
    people = [person(i) for i in range(1, 21)]

    proposals = propose(people, set(range(1, 21)), peers_per_subject=4, cap=15, salt="round-7")
    peers = [p for p in proposals if p.relation == P]

    assert Counter(p.subject_id for p in peers) == dict.fromkeys(range(1, 21), 4)
    assert Counter(p.rater_id for p in peers) == dict.fromkeys(range(1, 21), 4)
    assert all(p.subject_id != p.rater_id for p in peers)


def test_the_proposal_is_the_same_for_the_same_salt_and_differs_for_another():
    people = [person(i) for i in range(1, 21)]

    first = propose(people, set(range(1, 21)), salt="round-7")
    again = propose(people, set(range(1, 21)), salt="round-7")
    other = propose(people, set(range(1, 21)), salt="round-8")

    assert first == again
    assert set(first) != set(other)


def test_a_supervisor_outside_the_round_still_rates_their_report_and_is_not_rated():
    people = [person(1, unit=9, kind="pengawas"), person(2, boss=1), person(3, boss=1)]

    proposals = propose(people, {2, 3}, peers_per_subject=4)

    assert Proposal(2, 1, S) in proposals
    assert all(p.subject_id != 1 for p in proposals)


def test_an_inactive_supervisor_is_not_proposed():
    # 9 is not among the active people passed in.
    proposals = propose([person(2, boss=9)], {2})

    assert proposals == [Proposal(2, 2, SELF)]


def test_the_cap_keeps_self_then_supervisor_then_subordinate_then_peer():
    proposals = [
        Proposal(10, 1, P),
        Proposal(11, 1, B),
        Proposal(12, 1, S),
        Proposal(13, 1, S),
        Proposal(1, 1, SELF),
    ]

    kept = apply_cap(proposals, cap=3, salt="x")

    assert [p.relation for p in kept] == [SELF, S, S]


def test_the_cap_limits_every_rater():
    boss = person(1, kind="pengawas")
    team = [person(i, boss=1) for i in range(2, 32)]

    proposals = propose([boss, *team], set(range(1, 32)), peers_per_subject=4, cap=5, salt="x")

    load = Counter(p.rater_id for p in proposals)
    assert max(load.values()) == 5
    assert load[1] == 5  # self and 4 of the 30 reports
    assert sum(1 for p in proposals if p.rater_id == 1 and p.relation == S) == 4


def test_one_proposal_per_subject_and_rater_the_closest_relation_wins():
    kept = apply_cap([Proposal(2, 1, P), Proposal(2, 1, S)], cap=5)

    assert kept == [Proposal(2, 1, S)]


@pytest.mark.parametrize(
    ("subject", "rater", "relation"),
    [
        (person(2, boss=1), person(1), S),
        (person(1), person(2, boss=1), B),
        (person(2, boss=1), person(3, boss=1), P),
        (person(2, boss=1), person(2, boss=1), SELF),
        (person(2, boss=1), person(7, unit=5), P),
    ],
)
def test_the_relation_of_a_rater_added_by_hand(subject, rater, relation):
    assert relation_between(subject, rater) == relation


def test_a_cap_below_one_is_refused():
    with pytest.raises(ValueError, match="cap"):
        propose([person(1)], {1}, cap=0)
