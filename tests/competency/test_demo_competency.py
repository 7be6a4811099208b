"""The demo competencies (`load_demo_competency`, after `manage.py load_demo`): the standard
dictionary and technical entries per agency, standards for the demo positions, levels for most
employees, and Plaju's staff weak in Komunikasi (seed 000)."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.competency.demo import load_demo_competency
from kinerja.competency.models import Competency, EmployeeCompetency, PositionRequirement
from kinerja.competency.selectors.reports import unit_report
from kinerja.core.models import Agency, User
from kinerja.org.demo import DEFAULT_SEED
from kinerja.org.models import Employee, Position, Unit
from tests.planning.demo_fixtures import demo, demo_media, demo_output  # noqa: F401  (fixtures)

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def loaded():
    """The competency demo of every demo agency (the lead wires it into load_demo)."""
    for agency in Agency.objects.order_by("pk"):
        load_demo_competency(agency, seed=DEFAULT_SEED)


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="kinerja.core.auth.NipOrUsernameBackend"
    )
    return client


def test_every_agency_has_the_standard_dictionary_and_its_own_technical_competencies(loaded):
    for agency in Agency.objects.filter(
        code__in=["palembang", "subulussalam", "bengkulu", "kerinci"]
    ):
        codes = set(Competency.objects.filter(agency=agency).values_list("code", flat=True))
        assert {"M-01", "M-03", "M-08", "SK-01"} <= codes
        assert 2 <= len([c for c in codes if c.startswith("T-")]) <= 4
    adminduk = Competency.objects.get(agency__code="subulussalam", code="T-01")
    assert adminduk.name == "Pelayanan administrasi kependudukan"


def test_positions_have_standards_and_most_employees_have_levels(loaded):
    palembang = Agency.objects.get(code="palembang")
    positions = Position.objects.filter(agency=palembang, is_active=True)
    with_standard = positions.filter(competency_requirements__isnull=False).distinct()
    assert with_standard.count() == positions.count()
    staff = Employee.objects.filter(agency=palembang, is_active=True, position__isnull=False)
    assessed = staff.filter(competencies__isnull=False).distinct().count()
    assert 0.7 * staff.count() <= assessed < staff.count()
    camat = PositionRequirement.objects.get(position__name="Camat Plaju", competency__code="M-03")
    pelaksana = PositionRequirement.objects.filter(
        position__agency=palembang, position__kind="pelaksana", competency__code="M-03"
    ).first()
    assert camat.level > pelaksana.level


def test_plaju_is_weakest_in_komunikasi(loaded):
    plaju = Unit.objects.get(agency__code="palembang", name="Kecamatan Plaju")

    report = unit_report(plaju)

    worst = max(report.rows, key=lambda row: row.below_percent)
    assert worst.competency.code == "M-03"
    assert worst.below_percent >= 50


def test_palembang_pegawai_sees_a_profile_with_a_gap(loaded):
    body = (
        signed_in("palembang.pegawai").get(reverse("competency:mine"), follow=True).content.decode()
    )

    assert "Kompetensi saya" in body
    assert "Komunikasi" in body
    assert "kurang" in body


def test_the_demo_loads_quickly_and_once(loaded):
    kerinci = Agency.objects.get(code="kerinci")
    EmployeeCompetency.objects.filter(agency=kerinci).delete()
    PositionRequirement.objects.filter(agency=kerinci).delete()
    Competency.objects.filter(agency=kerinci).delete()

    started = time.perf_counter()
    loaded_again = load_demo_competency(kerinci, seed=1)
    seconds = time.perf_counter() - started

    assert loaded_again is not None
    assert loaded_again.levels > 0
    assert seconds < 5
    assert load_demo_competency(kerinci, seed=1) is None
