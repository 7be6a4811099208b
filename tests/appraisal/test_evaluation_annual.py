"""The annual evaluation: aggregation of sub-period realisations (appraisal/annual.py) and an
annual evaluation over two SKP segments after a mid-year transfer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.appraisal import annual
from kinerja.appraisal.selectors.evaluation import evaluation_document
from kinerja.appraisal.services import execution
from kinerja.org import services as org
from kinerja.planning import services as planning
from tests.appraisal.evaluation_fixtures import ATAS, SESUAI, open_evaluation, rate
from tests.planning.conftest import fill_plan, user_of

D = Decimal


@pytest.mark.parametrize(
    ("aspect", "values", "expected"),
    [
        ("kuantitas", [D(3), D(4), None, D(5)], D(12)),
        ("biaya", [D("1000.50"), D("999.50")], D(2000)),
        ("kualitas", [D(80), None, D(91)], D("85.50")),
        ("waktu", [D(3), D(4), D(4)], D("3.67")),
        ("kuantitas", [None, None], None),
        ("waktu", [], None),
    ],
)
def test_annual_realisation_sums_amounts_and_averages_levels(aspect, values, expected):
    assert annual.annual_realisation(aspect, values) == expected


@pytest.mark.parametrize(
    ("aspect", "target", "count", "expected"),
    [
        ("kuantitas", D(12), 4, D(3)),
        ("biaya", D(100), 3, D("33.33")),
        ("kualitas", D(90), 4, D(90)),
        ("waktu", D(3), 2, D(3)),
    ],
)
def test_periodic_target_spreads_amounts_over_the_segment(aspect, target, count, expected):
    assert annual.periodic_target(aspect, target, count) == expected


def test_time_and_cost_are_lower_is_better_and_unknown_aspects_fail():
    assert [annual.lower_is_better(a) for a in ("kuantitas", "kualitas", "waktu", "biaya")] == [
        False,
        False,
        True,
        True,
    ]
    with pytest.raises(ValueError, match="aspek indikator tidak dikenal"):
        annual.annual_realisation("mutu", [D(1)])
    with pytest.raises(ValueError, match="sedikitnya 1"):
        annual.periodic_target("kuantitas", D(1), 0)


def test_annual_evaluation_covers_both_segments_after_a_transfer(world, login, period, unscoped):
    pegawai, admin = world.users["pegawai"], world.users["admin_bkpsdm"]
    first = planning.start_plan(
        world.pegawai,
        actor=None,
        period=period,
        segment_start=dt.date(2026, 1, 1),
        segment_end=dt.date(2026, 6, 30),
    )
    fill_plan(world, first, "Surat pengantar kelurahan")
    first = planning.submit_plan(first, actor=pegawai, expected_version=None)
    first = planning.approve_plan(first, actor=world.users["atasan"], expected_version=None)
    for quarter, value in ((1, D(4)), (2, D(5))):
        execution.record_realisation(
            first,
            actor=pegawai,
            indicator=first.results.get().indicators.get(),
            subperiod=quarter,
            value=value,
        )
    org.transfer_employee(
        world.pegawai,
        actor=admin,
        expected_version=None,
        unit=world.kecamatan,
        position=None,
        supervisor=world.kepala,
        effective_date=dt.date(2026, 7, 1),
    )
    world.pegawai.refresh_from_db()
    second = planning.start_plan(
        world.pegawai,
        actor=None,
        period=period,
        segment_start=dt.date(2026, 7, 1),
        segment_end=dt.date(2026, 12, 31),
    )
    fill_plan(world, second, "Rekap layanan kecamatan")
    second = planning.submit_plan(second, actor=pegawai, expected_version=None)
    second = planning.approve_plan(second, actor=world.users["kepala"], expected_version=None)
    execution.record_realisation(
        second,
        actor=pegawai,
        indicator=second.results.get().indicators.get(),
        subperiod=3,
        value=D(6),
    )
    assert second.rater == world.kepala

    with pytest.raises(Exception, match="SKP terakhir"):
        open_evaluation(world, first)  # atasan rated only the first segment
    evaluation = open_evaluation(world, second)
    document = evaluation_document(evaluation)

    assert evaluation.rater == world.kepala
    assert evaluation.unit == world.kecamatan
    assert [plan.pk for plan in document.segments] == [first.pk, second.pk]
    assert [(row.indicator.text, row.realisation, row.achievement) for row in document.rows] == [
        ("Jumlah surat pengantar kelurahan", D(9), D("75.00")),
        ("Jumlah rekap layanan kecamatan", D(6), D("50.00")),
    ]
    assert document.suggestion.rating == "Di Bawah Ekspektasi"

    rated = rate(world, evaluation, SESUAI, ATAS)
    page = login("kepala").get(reverse("appraisal:evaluation-detail", args=[rated.pk]))
    text = page.content.decode()
    assert "Evaluasi tahunan ini mencakup 2 SKP (mutasi dalam periode)." in text
    assert rated.predicate == "Baik"
    assert rated.suggested_results_rating == "Di Bawah Ekspektasi"
    assert user_of(world, rated.rater) == world.users["kepala"]
