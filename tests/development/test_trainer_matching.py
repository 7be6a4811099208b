"""Internal trainer matching: level high enough, available on the dates, active, never the
learner; the plan form proposes them, the service refuses anyone else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kinerja.development.matching import matching_trainers
from kinerja.development.models import PlanItem
from kinerja.development.services import plans
from tests import factories
from tests.development import builders

YEAR = builders.YEAR
START, END = dt.date(YEAR, 3, 2), dt.date(YEAR, 3, 4)


@pytest.fixture
def komunikasi(world, unscoped):
    return builders.competency(world.agency)


@pytest.fixture
def course(world, komunikasi):
    return builders.training(world.agency, of=komunikasi, min_level=4)


def _names(found):
    return [t.employee.name for t in found]


def test_trainers_are_matched_by_level_availability_and_activity(world, komunikasi, course):
    builders.trainer(world.atasan, komunikasi, at_level=5)
    builders.trainer(world.rekan, komunikasi, at_level=4)
    builders.trainer(world.kepala, komunikasi, at_level=3)  # below the training's level 4
    late = factories.make_employee(world.kelurahan, "Zaki Available Later")
    builders.trainer(late, komunikasi, at_level=5, available_from=dt.date(YEAR, 4, 1))
    gone = factories.make_employee(world.kelurahan, "Yanti Withdrawn")
    builders.trainer(gone, komunikasi, at_level=5, active=False)

    found = list(matching_trainers(course, start=START, end=END, learner_id=world.pegawai.pk))

    assert _names(found) == ["Siti Aminah", "Dewi Lestari"]  # best level first
    assert [t.level for t in found] == [5, 4]


def test_the_learner_never_teaches_themself(world, komunikasi, course):
    builders.trainer(world.pegawai, komunikasi, at_level=5)
    builders.trainer(world.atasan, komunikasi, at_level=4)

    found = matching_trainers(course, start=START, end=END, learner_id=world.pegawai.pk)

    assert _names(found) == ["Siti Aminah"]


def test_a_training_asking_level_3_accepts_level_3(world, komunikasi):
    easy = builders.training(world.agency, title="Dasar Komunikasi", of=komunikasi, min_level=3)
    builders.trainer(world.kepala, komunikasi, at_level=3)

    assert _names(matching_trainers(easy, start=START, end=END, learner_id=None)) == [
        "Hendra Saputra"
    ]


def test_trainers_of_another_competency_do_not_match(world, komunikasi, course):
    arsip = builders.competency(world.agency, "Kearsipan", "ARS")
    builders.trainer(world.atasan, arsip, at_level=5)

    assert list(matching_trainers(course, start=START, end=END, learner_id=None)) == []


def test_a_trainer_whose_level_dropped_no_longer_matches(world, komunikasi, course):
    builders.trainer(world.atasan, komunikasi, at_level=5)
    builders.level(world.atasan, komunikasi, 3)

    assert list(matching_trainers(course, start=START, end=END, learner_id=None)) == []


def test_the_plan_form_proposes_the_matching_trainers_and_the_saving(
    world, komunikasi, course, login
):
    builders.trainer(world.atasan, komunikasi, at_level=5)
    builders.trainer(world.kepala, komunikasi, at_level=3)
    plan = builders.plan(world.pegawai)
    client = login("pegawai")

    response = client.get(
        reverse("development:item-add", args=[plan.pk]),
        {"training": course.pk, "start_date": START, "end_date": END},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="trainer-choices"' in body
    assert "Siti Aminah" in body
    assert "Hendra Saputra" not in body
    assert "hemat Rp3.250.000 per peserta" in body


def test_an_external_choice_points_to_the_internal_alternative(world, komunikasi, course, login):
    external = builders.training(
        world.agency, title="Diklat Komunikasi BPSDM", of=komunikasi, internal=False, cost="3500000"
    )
    plan = builders.plan(world.pegawai)
    client = login("pegawai")

    response = client.get(
        reverse("development:item-add", args=[plan.pk]),
        {"training": external.pk, "start_date": START, "end_date": END},
    )

    body = response.content.decode()
    assert 'id="internal-alternatives"' in body
    assert course.title in body


def test_adding_an_internal_training_with_an_unmatched_trainer_is_refused(
    world, komunikasi, course, login
):
    weak = builders.trainer(world.kepala, komunikasi, at_level=3)
    plan = builders.plan(world.pegawai)
    client = login("pegawai")

    response = client.post(
        reverse("development:item-add", args=[plan.pk]),
        {"training": course.pk, "start_date": START, "end_date": END, "trainer": weak.pk},
    )

    assert response.status_code == 400
    assert PlanItem.objects.filter(plan=plan).count() == 0


def test_the_service_refuses_an_internal_training_without_a_trainer(world, komunikasi, course):
    plan = builders.plan(world.pegawai)

    with pytest.raises(Exception, match="pengajar internal"):
        plans.add_item(
            plan, actor=world.users["pegawai"], training=course, start_date=START, end_date=END
        )
    assert PlanItem.objects.filter(plan=plan).count() == 0


def test_the_api_matches_trainers(world, komunikasi, course, login):
    builders.trainer(world.atasan, komunikasi, at_level=5)
    builders.trainer(world.pegawai, komunikasi, at_level=5)
    client = login("pegawai")

    response = client.get(
        reverse("api-development-trainer-match"),
        {
            "training": course.pk,
            "start_date": START.isoformat(),
            "end_date": END.isoformat(),
            "learner": world.pegawai.pk,
        },
    )

    assert response.status_code == 200
    assert [(t["employee_name"], t["level"]) for t in response.json()] == [("Siti Aminah", 5)]


def test_the_api_explains_a_bad_matching_query(world, course, login):
    client = login("pegawai")

    response = client.get(
        reverse("api-development-trainer-match"),
        {"training": course.pk, "start_date": END.isoformat(), "end_date": START.isoformat()},
    )

    assert response.status_code == 400
    assert "end_date" in response.json()
