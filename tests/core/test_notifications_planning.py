"""Planning events notify the other party: submit → rater, return/approve → employee, rater
override → the new rater; nobody is told of their own act, and a refused action tells nobody."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import Notification
from kinerja.planning import services
from kinerja.planning.models import PlanStatus
from tests.planning.conftest import fill_plan, user_of


def _inbox(user) -> list[tuple[str, str, str]]:
    return [
        (n.code, n.text, n.url)
        for n in Notification.objects.filter(recipient=user).order_by("created_at", "id")
    ]


@pytest.fixture
def skp_period(world, unscoped):
    return services.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Tahun 2026",
        frequency="triwulanan",
        approach="kuantitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )


@pytest.fixture
def draft(world, skp_period):
    """Pegawai's complete draft, cascaded from atasan's approved SKP; no notifications yet."""
    leader = services.start_plan(world.atasan, actor=None, period=skp_period)
    fill_plan(world, leader, "Pelayanan administrasi kelurahan yang prima")
    leader = services.submit_plan(leader, actor=world.users["atasan"], expected_version=None)
    leader = services.approve_plan(leader, actor=world.users["kepala"], expected_version=None)
    plan = services.start_plan(world.pegawai, actor=None, period=skp_period)
    fill_plan(world, plan, "Surat pengantar terlayani", parent=leader.results.get())
    Notification.objects.all().delete()
    plan.refresh_from_db()
    return plan


@pytest.fixture
def submitted_plan(world, draft):
    plan = services.submit_plan(draft, actor=user_of(world, draft.employee), expected_version=None)
    Notification.objects.all().delete()
    return plan


def test_submitting_tells_the_rater_with_a_link_to_the_plan(login, world, draft):
    response = login("pegawai").post(
        reverse("planning:plan-submit", args=[draft.pk]), {"version": draft.version}
    )

    assert response.status_code == 302
    assert _inbox(world.users["atasan"]) == [
        (
            "planning.plan.submitted",
            "SKP Budi Santoso menunggu persetujuan Anda (Tahun 2026).",
            reverse("planning:plan-detail", args=[draft.pk]),
        )
    ]
    assert _inbox(world.users["pegawai"]) == []
    assert Notification.objects.count() == 1


def test_returning_tells_the_employee_with_the_note(login, world, submitted_plan):
    response = login("atasan").post(
        reverse("planning:plan-return", args=[submitted_plan.pk]),
        {"version": submitted_plan.version, "note": "Target terlalu rendah."},
    )

    assert response.status_code == 302
    assert _inbox(world.users["pegawai"]) == [
        (
            "planning.plan.returned",
            "SKP Anda (Tahun 2026) dikembalikan untuk diperbaiki. Catatan: Target terlalu rendah.",
            reverse("planning:plan-detail", args=[submitted_plan.pk]),
        )
    ]
    assert Notification.objects.count() == 1


def test_approving_tells_the_employee(world, submitted_plan):
    services.approve_plan(submitted_plan, actor=world.users["atasan"], expected_version=None)

    assert _inbox(world.users["pegawai"]) == [
        (
            "planning.plan.approved",
            "SKP Anda (Tahun 2026) telah disetujui.",
            reverse("planning:plan-detail", args=[submitted_plan.pk]),
        )
    ]
    assert Notification.objects.count() == 1


def test_overriding_the_rater_tells_the_new_rater(world, draft):
    services.override_rater(
        draft,
        actor=world.users["admin_bkpsdm"],
        expected_version=None,
        rater=world.kepala,
        reason="Lurah sedang cuti panjang.",
    )

    assert _inbox(world.users["kepala"]) == [
        (
            "planning.plan.rater_overridden",
            "Anda ditetapkan sebagai pejabat penilai SKP Budi Santoso (Tahun 2026).",
            reverse("planning:plan-detail", args=[draft.pk]),
        )
    ]
    assert Notification.objects.count() == 1


def test_nobody_is_told_of_their_own_act(world, draft):
    """An admin who names themself as rater is not notified of it."""
    admin = world.users["admin_bkpsdm"]
    services.override_rater(
        draft, actor=admin, expected_version=None, rater=admin.employee, reason="Sementara."
    )
    assert Notification.objects.count() == 0


def test_a_refused_submission_tells_nobody(world, skp_period):
    plan = services.start_plan(world.pegawai, actor=None, period=skp_period)  # empty: incomplete
    Notification.objects.all().delete()

    with pytest.raises(ValidationError):
        services.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)
    with pytest.raises(PermissionDenied):
        services.submit_plan(plan, actor=world.users["rekan"], expected_version=None)

    assert Notification.objects.count() == 0


def test_a_denied_decision_tells_nobody(login, world, submitted_plan):
    for persona in ("rekan", "kepala"):
        with pytest.raises(PermissionDenied):
            services.approve_plan(submitted_plan, actor=world.users[persona], expected_version=None)
        with pytest.raises(PermissionDenied):
            services.return_plan(
                submitted_plan, actor=world.users[persona], expected_version=None, note="Tidak."
            )
    stale = login("atasan").post(
        reverse("planning:plan-approve", args=[submitted_plan.pk]),
        {"version": submitted_plan.version - 1},
    )

    assert stale.status_code in {302, 409}
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.SUBMITTED
    assert Notification.objects.count() == 0
