"""Overdue recommendations: the list's figures per unit against an independent count, and the
daily reminder to the owner and the audit's lead (once per week of delay, however often run)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.core.models import Notification
from kinerja.core.reminders import run_for_agency
from kinerja.oversight import services
from kinerja.oversight.models import Recommendation
from kinerja.oversight.reminders import RECOMMENDATION_OVERDUE
from tests.oversight.builders import make_follow_up, make_setup

TODAY = timezone.localdate()


def _recommend(setup, world, *, unit, owner, days_late: int) -> Recommendation:
    finding = services.add_finding(
        setup.audit,
        actor=setup.lead,
        unit=unit,
        title="Temuan",
        category="kinerja",
        condition="a",
        criteria="b",
        cause="c",
        effect="d",
    )
    recommendation = services.add_recommendation(
        finding, actor=setup.lead, text=f"Terlambat {days_late}", owner=owner, due_date=TODAY
    )
    Recommendation.objects.filter(pk=recommendation.pk).update(
        due_date=TODAY - dt.timedelta(days=days_late)
    )
    return recommendation


def _world_with_overdue(world):
    setup = make_setup(world)  # due in 30 days: not overdue
    late = [
        _recommend(setup, world, unit=world.kelurahan, owner=world.atasan, days_late=3),
        _recommend(setup, world, unit=world.kelurahan, owner=world.atasan, days_late=12),
        _recommend(setup, world, unit=world.kecamatan, owner=world.kepala, days_late=1),
    ]
    done = _recommend(setup, world, unit=world.kecamatan, owner=world.kepala, days_late=20)
    services.declare_not_applicable(
        done, actor=setup.lead, reason="Dibubarkan.", expected_version=None
    )
    due_today = _recommend(setup, world, unit=world.kecamatan, owner=world.kepala, days_late=0)
    make_setup(world, other=True)
    return setup, late, done, due_today


def test_overdue_figures_per_unit_match_an_independent_count(world, login, unscoped):
    _setup, late, _done, _due_today = _world_with_overdue(world)
    expected: dict[str, int] = {}
    for recommendation in Recommendation.objects.filter(agency=world.agency).select_related(
        "finding__unit"
    ):
        if recommendation.status in ("terbuka", "proses") and recommendation.due_date < TODAY:
            name = recommendation.finding.unit.name
            expected[name] = expected.get(name, 0) + 1

    response = login("admin_bkpsdm").get(reverse("oversight:overdue-list"))

    shown = {row.unit_name: row.overdue for row in response.context["by_unit"]}
    assert shown == expected == {"Kelurahan Plaju Ulu": 2, "Kecamatan Plaju": 1}
    assert response.context["total"] == 3
    assert [r.pk for r in response.context["page"].object_list] == [
        late[1].pk,
        late[0].pk,
        late[2].pk,
    ]


def test_overdue_list_filters_a_unit_and_exports(world, login, unscoped):
    _world_with_overdue(world)
    client = login("inspektur")
    filtered = client.get(reverse("oversight:overdue-list"), {"unit": world.kecamatan.pk})
    assert [r.text for r in filtered.context["page"].object_list] == ["Terlambat 1"]
    export = client.get(reverse("oversight:overdue-list"), {"format": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [row[4] for row in rows[1:]] == ["Terlambat 12", "Terlambat 3", "Terlambat 1"]
    assert [row[8] for row in rows[1:]] == [12, 3, 1]


def test_overdue_list_of_a_head_counts_their_subtree_only(world, login, unscoped):
    _world_with_overdue(world)
    from kinerja.core.models import RoleGrant

    RoleGrant.objects.create(user=world.users["atasan"], role="head", unit=world.kelurahan)
    response = login("atasan").get(reverse("oversight:overdue-list"))
    assert [(row.unit_name, row.overdue) for row in response.context["by_unit"]] == [
        ("Kelurahan Plaju Ulu", 2)
    ]


def test_overdue_list_query_count_does_not_grow_with_rows(world, login, unscoped):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    setup, _late, _done, _due_today = _world_with_overdue(world)
    client = login("admin_bkpsdm")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("oversight:overdue-list"))
    for days in (4, 5, 6, 7):
        _recommend(setup, world, unit=world.kecamatan, owner=world.kepala, days_late=days)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("oversight:overdue-list"))
    assert response.context["total"] == 7
    assert len(many) == len(few) <= 13


def test_reminder_tells_the_owner_and_the_lead_once_per_week(world, unscoped):
    setup, late, _done, _due_today = _world_with_overdue(world)
    make_follow_up(world, setup)  # a follow-up does not stop the reminder until accepted
    owner_ids = {world.atasan.user_id, world.kepala.user_id}
    Notification.objects.all().delete()

    first = run_for_agency(world.agency.pk, today=TODAY, codes=[RECOMMENDATION_OVERDUE])
    again = run_for_agency(world.agency.pk, today=TODAY, codes=[RECOMMENDATION_OVERDUE])
    next_day = run_for_agency(
        world.agency.pk, today=TODAY + dt.timedelta(days=1), codes=[RECOMMENDATION_OVERDUE]
    )

    # three overdue recommendations, each to its owner and to the lead (inspektur)
    assert first == {RECOMMENDATION_OVERDUE: 6}
    assert again == {RECOMMENDATION_OVERDUE: 0}
    # the next day: the one due today becomes overdue (2 notices); late[1] at 13 days is
    # still in its second week, already told; the rest still in their first week
    assert next_day == {RECOMMENDATION_OVERDUE: 2}
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == owner_ids | {setup.lead.pk}
    texts = Notification.objects.filter(recipient=world.users["atasan"]).values_list(
        "text", flat=True
    )
    assert sorted(t.split("”")[0] for t in texts) == [
        "Rekomendasi “Terlambat 12",
        "Rekomendasi “Terlambat 3",
    ]
    assert {n.url for n in Notification.objects.all()} >= {
        reverse("oversight:recommendation-detail", args=[late[0].pk])
    }


def test_reminder_skips_finished_and_other_agencies(world, unscoped):
    setup = make_setup(world, other=True)
    Recommendation.objects.filter(pk=setup.recommendation.pk).update(
        due_date=TODAY - dt.timedelta(days=2)
    )
    assert run_for_agency(world.agency.pk, today=TODAY, codes=[RECOMMENDATION_OVERDUE]) == {
        RECOMMENDATION_OVERDUE: 0
    }


def test_an_extended_due_date_starts_the_reminders_again(world, unscoped):
    setup = make_setup(world)
    Recommendation.objects.filter(pk=setup.recommendation.pk).update(
        due_date=TODAY - dt.timedelta(days=2)
    )
    assert run_for_agency(world.agency.pk, today=TODAY, codes=[RECOMMENDATION_OVERDUE]) == {
        RECOMMENDATION_OVERDUE: 2
    }
    recommendation = Recommendation.objects.get(pk=setup.recommendation.pk)
    services.update_recommendation(
        recommendation,
        actor=setup.lead,
        expected_version=None,
        text=recommendation.text,
        owner=recommendation.owner,
        due_date=TODAY,
    )
    later = TODAY + dt.timedelta(days=1)
    assert run_for_agency(world.agency.pk, today=later, codes=[RECOMMENDATION_OVERDUE]) == {
        RECOMMENDATION_OVERDUE: 2
    }
