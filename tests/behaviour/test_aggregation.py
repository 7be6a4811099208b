"""The rules of `kinerja.behaviour.aggregation`: who may be shown, and the aggregates of a report,
checked on an example computed by hand.

The example (the same as the `closed_example` fixture, where it runs through the services):
  supervisor (1):  every behaviour 4, except value 1: 5, 4, 3
  peers (3):       rekan all 3; staf_a all 4; staf_b all 5 but value 2: 5, 4, 4 and value 7: 2, 2, 2
  self (1):        every behaviour 5
By hand:
  peers, value 2  = (3·3 + 4·3 + 13) / 9 = 34/9  = 3.777… → 3,78 (behaviours 4,00 · 3,67 · 3,67)
  peers, value 7  = (3·3 + 4·3 + 2·3) / 9 = 27/9 = 3,00
  others (4 raters: supervisor + peers), value 2 = (12 + 34) / 12 = 3.8333… → 3,83
    (not 3,84, which the rounded group means would give: (4,00 + 3 × 3,78) / 4 = 3,835)
  others, value 7 = (12 + 27) / 12 = 3,25;  others, values 1, 3–6 = 4,00
  gap self − others: value 2 = 5 − 3.8333… = 1.1667 → 1,17; value 7 = 1,75; the others 1,00
  overall of others = (84 + 241) / (21 · 4) = 325/84 = 3.869… → 3,87
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kinerja.behaviour.aggregation import (
    SCORE_FIELDS,
    GroupTotals,
    Relation,
    build_report,
    gap,
    is_group_shown,
    is_pool_shown,
    notable_gap,
    pool,
    shown_comments,
    strongest_values,
    weakest_values,
)

D = Decimal


def sums_of(*answers: dict[str, int]) -> tuple[int, ...]:
    return tuple(sum(a[name] for a in answers) for name in SCORE_FIELDS)


def full(base: int, **overrides: int) -> dict[str, int]:
    return {name: overrides.get(name, base) for name in SCORE_FIELDS}


SUPERVISOR = full(4, score_1_1=5, score_1_2=4, score_1_3=3)
REKAN = full(3)
STAF_A = full(4)
STAF_B = full(5, score_2_2=4, score_2_3=4, score_7_1=2, score_7_2=2, score_7_3=2)
SELF = full(5)


def example(*peers: dict[str, int]) -> list[GroupTotals]:
    totals = [
        GroupTotals(Relation.SUPERVISOR, 1, sums_of(SUPERVISOR)),
        GroupTotals(Relation.SELF, 1, sums_of(SELF)),
    ]
    if peers:
        totals.append(GroupTotals(Relation.PEER, len(peers), sums_of(*peers)))
    return totals


def test_the_hand_computed_example_gives_exact_group_means():
    report = build_report(example(REKAN, STAF_A, STAF_B), threshold=3)

    peers = report.group(Relation.PEER)
    supervisor = report.group(Relation.SUPERVISOR)
    assert peers is not None
    assert supervisor is not None
    assert peers.count == 3
    assert peers.value_means == (
        D("4.00"),
        D("3.78"),
        D("4.00"),
        D("4.00"),
        D("4.00"),
        D("4.00"),
        D("3.00"),
    )
    assert peers.behaviour_means[3:6] == (D("4.00"), D("3.67"), D("3.67"))
    assert supervisor.value_means == (D("4.00"),) * 7
    assert supervisor.behaviour_means[:3] == (D("5.00"), D("4.00"), D("3.00"))


def test_others_pool_the_exact_sums_of_every_shown_group_except_self():
    report = build_report(example(REKAN, STAF_A, STAF_B), threshold=3)

    assert report.others is not None
    assert report.others.count == 4
    assert report.others.value_means == (
        D("4.00"),
        D("3.83"),
        D("4.00"),
        D("4.00"),
        D("4.00"),
        D("4.00"),
        D("3.25"),
    )
    assert report.others.overall == D("3.87")


def test_the_gap_is_self_minus_others_from_exact_means():
    report = build_report(example(REKAN, STAF_A, STAF_B), threshold=3)

    assert report.gaps == (
        D("1.00"),
        D("1.17"),
        D("1.00"),
        D("1.00"),
        D("1.00"),
        D("1.00"),
        D("1.75"),
    )


def test_groups_are_listed_supervisor_first_and_self_last():
    report = build_report(example(REKAN, STAF_A, STAF_B), threshold=3)

    assert [g.relation for g in report.groups] == [
        Relation.SUPERVISOR,
        Relation.PEER,
        Relation.SELF,
    ]
    assert report.hidden == ()


def test_peers_under_the_threshold_are_dropped_from_every_number():
    report = build_report(example(REKAN, STAF_A), threshold=3)

    assert report.group(Relation.PEER) is None
    assert report.hidden == (Relation.PEER,)
    assert report.others is not None
    assert report.others.count == 1  # the supervisor alone
    assert report.others.value_means == (D("4.00"),) * 7
    assert report.gaps == (D("1.00"),) * 7


def test_an_asked_group_is_named_as_not_shown_whether_none_one_or_two_answered():
    nobody = build_report(example(), threshold=3, asked=["atasan", "rekan", "bawahan", "diri"])
    two = build_report(example(REKAN, STAF_A), threshold=3, asked=["atasan", "rekan", "diri"])

    assert nobody.hidden == (Relation.PEER, Relation.SUBORDINATE)
    assert two.hidden == (Relation.PEER,)


def test_a_higher_threshold_of_the_round_hides_three_peers():
    report = build_report(example(REKAN, STAF_A, STAF_B), threshold=4)

    assert report.hidden == (Relation.PEER,)
    assert report.others is not None
    assert report.others.count == 1


@pytest.mark.parametrize(
    ("relation", "answered", "threshold", "shown"),
    [
        (Relation.PEER, 2, 3, False),
        (Relation.PEER, 3, 3, True),
        (Relation.SUBORDINATE, 2, 3, False),
        (Relation.SUBORDINATE, 3, 3, True),
        (Relation.SUBORDINATE, 4, 5, False),
        (Relation.PEER, 2, 2, False),  # never below three, whatever the round says
        (Relation.PEER, 2, 1, False),
        (Relation.SUPERVISOR, 1, 3, True),
        (Relation.SELF, 1, 3, True),
        (Relation.SUPERVISOR, 0, 3, False),
        (Relation.PEER, 0, 3, False),
    ],
)
def test_which_groups_may_be_shown(relation, answered, threshold, shown):
    assert is_group_shown(relation, answered, threshold) is shown


def test_a_report_without_self_has_others_but_no_gap():
    totals = [GroupTotals(Relation.SUPERVISOR, 1, sums_of(SUPERVISOR))]

    report = build_report(totals, threshold=3)

    assert report.others is not None
    assert report.gaps == (None,) * 7


def test_a_self_view_alone_has_no_others_and_no_gap():
    report = build_report([GroupTotals(Relation.SELF, 1, sums_of(SELF))], threshold=3)

    assert report.others is None
    assert report.gaps == (None,) * 7
    assert not report.is_empty


def test_nothing_answered_is_an_empty_report():
    report = build_report([], threshold=3)

    assert report.is_empty
    assert report.others is None


def test_pooling_weighs_every_rater_the_same():
    pooled = pool(
        [
            GroupTotals(Relation.SUPERVISOR, 1, sums_of(full(5))),
            GroupTotals(Relation.PEER, 3, sums_of(full(2), full(2), full(2))),
        ]
    )

    assert pooled is not None
    assert pooled.count == 4
    assert pooled.sums[0] == 11  # 5 + 2 + 2 + 2: the mean is 2,75, not (5 + 2) / 2


@pytest.mark.parametrize(
    ("self_mean", "others_mean", "expected"),
    [
        (D("5"), D("3.8333"), D("1.17")),
        (D("3"), D("4.125"), D("-1.13")),  # −1.125 rounds half away from zero
        (D("4"), D("4"), D("0.00")),
        (None, D("4"), None),
        (D("4"), None, None),
    ],
)
def test_gap(self_mean, others_mean, expected):
    assert gap(self_mean, others_mean) == expected


@pytest.mark.parametrize(
    ("value", "kind"),
    [(D("0.50"), "over"), (D("0.49"), ""), (D("-0.50"), "under"), (D("-0.49"), ""), (None, "")],
)
def test_a_gap_of_half_a_point_or_more_is_notable(value, kind):
    assert notable_gap(value) == kind


def test_comments_of_shown_groups_only_sorted_by_value_group_and_text_never_by_arrival():
    comments = [
        (Relation.PEER, ["", "", "", "", "", "", "Zaman berubah, dia juga."]),
        (Relation.SUBORDINATE, ["Rahasia", "", "", "", "", "", ""]),
        (Relation.PEER, ["  Ramah  ", "", "", "", "", "", "Aktif berbagi"]),
        (Relation.SUPERVISOR, ["Tanggap", "", "", "", "", "", ""]),
    ]

    shown = shown_comments(comments, [Relation.SUPERVISOR, Relation.PEER])

    assert [(c.value_index, c.relation, c.text) for c in shown] == [
        (0, Relation.SUPERVISOR, "Tanggap"),
        (0, Relation.PEER, "Ramah"),
        (6, Relation.PEER, "Aktif berbagi"),
        (6, Relation.PEER, "Zaman berubah, dia juga."),
    ]


def test_weakest_and_strongest_values_with_ties_in_official_order():
    means = (D("4.00"), D("3.83"), D("4.00"), D("4.20"), D("4.20"), D("4.00"), D("3.25"))

    assert [v.name for v in weakest_values(means)] == ["Kolaboratif", "Akuntabel"]
    assert [v.name for v in strongest_values(means)] == ["Harmonis", "Loyal"]
    assert [v.name for v in weakest_values((None, D("3"), None, None, None, None, None))] == [
        "Akuntabel"
    ]


@pytest.mark.parametrize(("answers", "shown"), [(2, False), (3, True), (40, True)])
def test_a_unit_is_shown_from_the_threshold_of_answers(answers, shown):
    assert is_pool_shown(answers, 3) is shown


def test_totals_need_all_21_sums():
    with pytest.raises(ValueError, match="21"):
        GroupTotals(Relation.PEER, 1, (4,) * 20)
