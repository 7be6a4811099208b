"""360° fixtures: a kelurahan big enough for every rater group, and rounds built through the
services as users would.

Kelurahan Plaju Ulu (under kepala's Kecamatan Plaju) gets three more pelaksana reporting to
atasan — Agus Wijaya (`staf_a`), Bambang Irawan (`staf_b`), Cici Paramitha (`staf_c`) — so
pegawai has four peers (rekan and the three) and atasan five subordinates. `draft_round` is
the 2026 round of Kecamatan Plaju (its subtree) created by admin_bkpsdm; `open_round` the same,
opened. `answer(...)` sends a questionnaire as its rater through the service; `scores(4,
score_2_1=5)` builds the 21 answers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.behaviour.aggregation import SCORE_FIELDS
from kinerja.behaviour.models import Assignment, FeedbackRound
from kinerja.behaviour.services import answering, rounds
from kinerja.org import services as org
from tests import factories
from tests.conftest import PASSWORD
from tests.planning.conftest import approved_plan, period, user_of

__all__ = ["approved_plan", "period"]

STAFF = {"staf_a": "Agus Wijaya", "staf_b": "Bambang Irawan", "staf_c": "Cici Paramitha"}


@pytest.fixture
def staff(world, unscoped) -> dict[str, Any]:
    """Three more pelaksana in the kelurahan reporting to atasan, with accounts."""
    people = {}
    for key, name in STAFF.items():
        person = factories.make_employee(
            world.kelurahan, name, position=world.pegawai.position, supervisor=world.atasan
        )
        world.users[key] = org.create_account(person, actor=None, roles=(), password=PASSWORD).user
        people[key] = person
    return people


def scores(base: int, **overrides: int) -> dict[str, int]:
    """The 21 answers, all `base` except the named ones."""
    return {name: overrides.get(name, base) for name in SCORE_FIELDS}


def value_scores(*per_value: int, **overrides: int) -> dict[str, int]:
    """The 21 answers from one score per value (seven numbers)."""
    filled = {name: per_value[index // 3] for index, name in enumerate(SCORE_FIELDS)}
    filled.update(overrides)
    return filled


def make_round(world, period, **kwargs: Any) -> FeedbackRound:
    settings = {
        "name": "Umpan Balik 360° 2026",
        "whole_agency": False,
        "units": [world.kecamatan],
        "closes_on": timezone.localdate() + dt.timedelta(days=14),
    }
    settings.update(kwargs)
    return rounds.create_round(
        world.agency, actor=world.users["admin_bkpsdm"], period=period, **settings
    )


@pytest.fixture
def draft_round(world, period, staff) -> FeedbackRound:
    return make_round(world, period)


@pytest.fixture
def open_round(world, draft_round) -> FeedbackRound:
    return rounds.open_round(draft_round, actor=world.users["admin_bkpsdm"], expected_version=None)


def assignment_of(feedback_round, subject, rater) -> Assignment:
    return Assignment.objects.get(round=feedback_round, subject=subject, rater=rater)


def answer(world, feedback_round, subject, rater, answers: dict[str, int], **comments: str):
    """`rater` sends their questionnaire about `subject` (as their own account)."""
    return answering.submit_answers(
        assignment_of(feedback_round, subject, rater),
        actor=user_of(world, rater),
        expected_version=None,
        scores=answers,
        comments=comments,
    )


def close(world, feedback_round) -> FeedbackRound:
    feedback_round.refresh_from_db()
    return rounds.close_round(
        feedback_round, actor=world.users["admin_bkpsdm"], expected_version=None
    )


@pytest.fixture
def closed_example(world, open_round, staff) -> FeedbackRound:
    """The hand-computed example of tests/behaviour/test_aggregation.py, through the services:
    about pegawai, atasan answers 4 everywhere but value 1 (5, 4, 3); peers rekan all 3,
    staf_a all 4, staf_b all 5 but value 2 (5, 4, 4) and value 7 (2, 2, 2); staf_c does not
    answer; pegawai rates themself 5 everywhere. Then the round is closed."""
    answer(
        world,
        open_round,
        world.pegawai,
        world.atasan,
        scores(4, score_1_1=5, score_1_2=4, score_1_3=3),
        comment_1="Tanggap terhadap warga.",
    )
    answer(world, open_round, world.pegawai, world.rekan, scores(3), comment_7="Kurang terbuka.")
    answer(world, open_round, world.pegawai, staff["staf_a"], scores(4))
    answer(
        world,
        open_round,
        world.pegawai,
        staff["staf_b"],
        scores(5, score_2_2=4, score_2_3=4, score_7_1=2, score_7_2=2, score_7_3=2),
        comment_7="Perlu berbagi informasi.",
    )
    answer(world, open_round, world.pegawai, world.pegawai, scores(5))
    return close(world, open_round)


def table_rows(body: str, table_id: str) -> list[list[str]]:
    """The text of every cell of a table, row by row (tags stripped)."""
    start = body.index(f'id="{table_id}"')
    table = body[start : body.index("</table>", start)]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def report_url(feedback_round, employee, name: str = "behaviour:report") -> str:
    return reverse(name, kwargs={"round_pk": feedback_round.pk, "employee_pk": employee.pk})
