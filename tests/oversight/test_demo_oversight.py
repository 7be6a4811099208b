"""The demo internal supervision (`load_demo_oversight` after `manage.py load_demo`): Palembang's
inspectorate audited Kecamatan Kertapati (seed 001) and is reporting, with a finding on service
and one on discipline, an overdue recommendation and a completed one with its follow-up."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import Agency, User
from kinerja.oversight.demo import load_demo_oversight
from kinerja.oversight.models import Audit, FollowUp, Recommendation
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)


@pytest.fixture
def loaded(request):
    request.getfixturevalue("demo")
    started = time.perf_counter()
    summaries = {
        agency.code: load_demo_oversight(agency, seed=2026)
        for agency in Agency.objects.order_by("pk")
    }
    return summaries, time.perf_counter() - started


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    return client


def test_kertapati_audit_is_reporting_with_the_expected_shape(loaded):
    # `load_demo` loaded the oversight demo; the fixture's second run writes nothing.
    summaries, seconds = loaded
    assert seconds < 2
    assert all(summary is None for summary in summaries.values())
    assert set(Audit.objects.values_list("agency__code", flat=True)) == {"palembang"}
    audit = Audit.objects.get(title__endswith="Kecamatan Kertapati")
    assert audit.status == "pelaporan"
    assert audit.lead.username == "palembang.inspektur"
    assert audit.team.count() == 2
    assert audit.visits.count() == 3
    assert sorted(audit.findings.values_list("category", flat=True)) == ["disiplin", "pelayanan"]
    today = timezone.localdate()
    recommendations = Recommendation.objects.filter(finding__audit=audit)
    assert recommendations.overdue(today).count() == 1
    completed = recommendations.get(status="selesai")
    assert completed.follow_ups.get().status == "diterima"
    assert FollowUp.objects.filter(status="diajukan").count() == 1
    assert Audit.objects.filter(status="direncanakan").count() == 1


def test_demo_loads_once(loaded):
    palembang = Agency.objects.get(code="palembang")
    assert load_demo_oversight(palembang, seed=2026) is None
    assert Audit.objects.count() == 2


def test_demo_personas_open_their_pages(loaded):
    audit = Audit.objects.get(title__endswith="Kecamatan Kertapati")
    inspector = signed_in("palembang.inspektur")
    detail = inspector.get(reverse("oversight:audit-detail", args=[audit.pk]))
    assert detail.status_code == 200
    assert "Kehadiran apel dan jam kerja di bawah ketentuan" in detail.content.decode()
    overdue = signed_in("palembang.admin").get(reverse("oversight:overdue-list"))
    assert [(row.unit_name, row.overdue) for row in overdue.context["by_unit"]] == [
        ("Kelurahan Kertapati", 1)
    ]
    owned = Recommendation.objects.filter(finding__audit=audit, owner__user__isnull=False).first()
    owner = signed_in(owned.owner.user.username)
    mine = owner.get(reverse("oversight:my-recommendations"))
    assert mine.context["page"].paginator.count == 2  # the open and the awaiting one
    assert inspector.get(reverse("oversight:audit-pdf", args=[audit.pk])).status_code == 200
