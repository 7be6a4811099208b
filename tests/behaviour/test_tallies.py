"""The progress counters (`Tally`) follow every write of the services exactly: after creating,
adjusting, drafting, sending and closing they equal a fresh count of the assignments."""

from __future__ import annotations

from django.db.models import Count, Q

from kinerja.behaviour.models import Assignment, Tally
from kinerja.behaviour.services import answering, raters, tallies
from tests import factories
from tests.behaviour.conftest import answer, assignment_of, close, scores


def counted(feedback_round) -> set[tuple[int, str, int, int, int]]:
    return set(
        Assignment.objects.filter(round=feedback_round)
        .values_list("subject_unit_id", "relation")
        .annotate(
            n=Count("pk"),
            d=Count("pk", filter=Q(status="draft")),
            s=Count("pk", filter=Q(status="submitted")),
        )
    )


def kept(feedback_round) -> set[tuple[int, str, int, int, int]]:
    return set(
        Tally.objects.filter(round=feedback_round)
        .exclude(assigned=0)
        .values_list("unit_id", "relation", "assigned", "drafts", "submitted")
    )


def test_a_new_round_counts_its_proposal(world, draft_round):
    assert kept(draft_round) == counted(draft_round)
    assert (world.kelurahan.pk, "rekan", 20, 0, 0) in kept(draft_round)


def test_adjusting_moves_the_counters(world, draft_round):
    outsider = factories.make_employee(world.kecamatan, "Lestari Wulandari")
    raters.add_rater(
        draft_round, actor=world.users["atasan"], subject=world.pegawai, rater=outsider
    )
    raters.remove_rater(
        assignment_of(draft_round, world.pegawai, world.rekan), actor=world.users["atasan"]
    )
    raters.add_rater(
        draft_round, actor=world.users["admin_bkpsdm"], subject=world.kepala, rater=world.rekan
    )

    assert kept(draft_round) == counted(draft_round)


def test_drafts_and_answers_move_the_counters_and_closing_keeps_them(world, open_round, staff):
    draft = assignment_of(open_round, world.pegawai, world.rekan)
    answering.save_draft(
        draft,
        actor=world.users["rekan"],
        expected_version=None,
        scores={"score_1_1": 3},
        comments={},
    )
    answering.save_draft(
        draft,
        actor=world.users["rekan"],
        expected_version=None,
        scores={"score_1_1": 4},
        comments={},
    )
    answer(world, open_round, world.pegawai, world.rekan, scores(4))
    answer(world, open_round, world.pegawai, world.atasan, scores(4))
    answering.save_draft(
        assignment_of(open_round, world.atasan, world.pegawai),
        actor=world.users["pegawai"],
        expected_version=None,
        scores={},
        comments={},
    )
    close(world, open_round)

    assert kept(open_round) == counted(open_round)
    assert (world.kelurahan.pk, "rekan", 20, 0, 1) in kept(open_round)
    assert (world.kelurahan.pk, "bawahan", 5, 1, 0) in kept(open_round)


def test_recount_rebuilds_counters_after_bulk_writes(world, open_round):
    Assignment.objects.filter(round=open_round, relation="diri").update(status="submitted")
    Tally.objects.filter(round=open_round).update(assigned=99)

    tallies.recount(open_round)

    assert kept(open_round) == counted(open_round)
