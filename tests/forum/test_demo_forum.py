"""The demo socialisation and forum (`load_demo_forum` after `manage.py load_demo`):
Subulussalam and Siulak socialise e-Kinerja with part of their employees having read it, and
Kertapati in Palembang discusses a new policy with a leader's answer."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.core.models import Agency, User
from kinerja.forum.demo import load_demo_forum
from kinerja.forum.models import Announcement, Post, ReadConfirmation, Thread
from kinerja.forum.selectors.announcements import reading_of
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def forum_demo():
    started = time.perf_counter()
    summaries = {
        agency.code: load_demo_forum(agency, seed=2026) for agency in Agency.objects.order_by("pk")
    }
    return summaries, time.perf_counter() - started


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    return client


def test_the_demo_has_its_announcements_and_thread_once(forum_demo):
    # `load_demo` loaded the forum demo; the second run (the fixture's) writes nothing.
    summaries, seconds = forum_demo

    assert set(Announcement.objects.values_list("agency__code", flat=True)) == {
        "palembang",
        "subulussalam",
        "kerinci",
    }
    assert all(summary is None for summary in summaries.values())
    assert seconds < 2


def test_part_of_the_audience_has_read_the_socialisation(forum_demo):
    for code in ("subulussalam", "kerinci"):
        announcement = Announcement.objects.get(agency__code=code)
        reading = reading_of(announcement)
        assert announcement.title.startswith("Sosialisasi e-Kinerja")
        assert 0.4 * reading.total < reading.read < 0.8 * reading.total
        assert reading.read == ReadConfirmation.objects.filter(announcement=announcement).count()
    siulak = Announcement.objects.get(agency__code="kerinci")
    assert [unit.name for unit in siulak.units.all()] == ["Kecamatan Siulak"]
    assert Announcement.objects.get(agency__code="subulussalam").whole_agency is True


def test_the_subulussalam_employee_sees_the_unread_badge_and_confirms(forum_demo):
    client = signed_in("subulussalam.pegawai")
    announcement = Announcement.objects.get(agency__code="subulussalam")

    before = client.get(reverse("forum:announcement-list")).content.decode()
    client.post(reverse("forum:announcement-confirm", kwargs={"pk": announcement.pk}))
    after = client.get(reverse("forum:announcement-list")).content.decode()

    assert 'title="belum dikonfirmasi">1<' in before
    assert "belum dikonfirmasi" not in after


def test_kertapati_discusses_the_policy_with_a_leaders_answer(forum_demo):
    thread = Thread.objects.get(agency__code="palembang")
    posts = list(Post.objects.filter(thread=thread).order_by("created_at", "id"))

    assert thread.is_answered
    assert thread.announcement.units.get().name == "Kecamatan Kertapati"
    assert [post.is_leader_answer for post in posts] == [False, True, False]
    body = (
        signed_in("palembang.admin")
        .get(reverse("forum:thread-detail", kwargs={"pk": thread.pk}))
        .content.decode()
    )
    assert "Jawaban pimpinan" in body
    assert "Laporan harian untuk kegiatan lapangan di kelurahan" in body
