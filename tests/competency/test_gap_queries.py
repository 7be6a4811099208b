"""The gaps as other apps read them (`competency_gaps`) and as the reports aggregate them in
SQL, on the `staffed` world (see conftest)."""

from __future__ import annotations

from decimal import Decimal

from kinerja.competency.selectors import competency_gaps
from kinerja.competency.selectors.reports import unit_report, unit_rows


def test_competency_gaps_lists_each_required_competency_with_missing_levels_as_none(
    staffed, django_assert_num_queries
):
    world = staffed.world

    with django_assert_num_queries(2):
        gaps = competency_gaps([world.pegawai.pk, world.rekan.pk, world.kepala.pk])

    assert gaps[world.kepala.pk] == []
    mine = {g.code: (g.required, g.current, g.gap, g.shortfall) for g in gaps[world.pegawai.pk]}
    assert mine == {"M-03": (3, 1, 2, 2), "M-05": (2, 3, -1, 0), "T-01": (3, None, 3, 3)}
    assert [g.code for g in gaps[world.pegawai.pk]] == ["M-03", "M-05", "T-01"]
    assert [g.shortfall for g in gaps[world.rekan.pk]] == [0, 0, 1]


def test_competency_gaps_ignores_deactivated_competencies(staffed):
    staffed.adminduk.is_active = False
    staffed.adminduk.save()

    gaps = competency_gaps([staffed.world.pegawai.pk])

    assert [g.code for g in gaps[staffed.world.pegawai.pk]] == ["M-03", "M-05"]


def test_unit_report_counts_assessed_below_and_mean_shortfall_per_competency(staffed):
    report = unit_report(staffed.world.kecamatan)

    rows = {
        row.competency.code: (row.required, row.assessed, row.below, row.mean_shortfall)
        for row in report.rows
    }
    assert rows == {
        "M-03": (2, 2, 1, Decimal("1.00")),
        "M-05": (2, 2, 0, Decimal("0.00")),
        "T-01": (2, 1, 2, Decimal("2.00")),
    }
    assert report.totals.required == 2
    assert report.totals.assessed == 2
    assert report.totals.below == 2
    assert report.totals.mean_shortfall == Decimal("1.00")


def test_unit_rows_count_each_units_own_employees(staffed):
    world = staffed.world

    rows = {row.unit.name: row for row in unit_rows([world.kecamatan, world.kelurahan])}

    assert rows["Kelurahan Plaju Ulu"].required == 2
    assert rows["Kelurahan Plaju Ulu"].below == 2
    assert rows["Kelurahan Plaju Ulu"].mean_shortfall == Decimal("1.00")
    assert rows["Kecamatan Plaju"].required == 0
    assert rows["Kecamatan Plaju"].employees == 3  # kepala, admin, inspector
