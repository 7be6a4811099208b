"""The year's learning hours on "Kinerja saya": the employee sees how far they are from the 20 JP
of PP 11/2017, counted from their own records of this year only."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tests.development.builders import record


def test_kinerja_saya_shows_this_years_learning_hours(world, login):
    year = timezone.localdate().year
    record(world.pegawai, 8, year=year)
    record(world.pegawai, 4, year=year)
    record(world.pegawai, 40, year=year - 1)  # last year: not counted
    record(world.rekan, 30, year=year)  # someone else's

    page = login("pegawai").get(reverse("appraisal:my-performance")).content.decode()

    assert 'id="learning-hours"' in page
    assert 'value="12"' in page
    assert "Kurang 8 JP lagi tahun ini." in page
    assert reverse("development:mine") in page


def test_the_card_says_when_the_20_jp_are_reached(world, login):
    record(world.pegawai, 24, year=timezone.localdate().year)
    page = login("pegawai").get(reverse("appraisal:my-performance")).content.decode()
    assert "Hak 20 JP tahun ini sudah terpenuhi." in page
