"""The agency-wide predicate run (`manage.py recompute_predicates`): predicates recomputed from
the ratings in one UPDATE, and each unit's distribution checked against the pattern of its
organisation predicate (PermenPANRB 6/2022 Lampiran; SE MenPANRB 3/2023)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from kinerja.appraisal.models import Evaluation
from kinerja.appraisal.services.predicate_run import (
    RECOMPUTED,
    distribution_report,
    recompute_predicates,
)
from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from tests.appraisal.evaluation_fixtures import (
    annual_evaluations,
    rated_unit,
    set_predicate,
    team_plans,
)

__all__ = ["annual_evaluations", "rated_unit", "team_plans"]


def _run(world, period, *extra: str) -> str:
    out = io.StringIO()
    call_command(
        "recompute_predicates",
        "--agency",
        world.agency.code,
        "--period",
        str(period.pk),
        *extra,
        stdout=out,
    )
    return out.getvalue()


def _stored(rated_unit) -> dict[str, tuple[str, int]]:
    rows = Evaluation.objects.filter(pk__in=[e.pk for e in rated_unit.values()])
    by_pk = {e.pk: (e.predicate, e.version) for e in rows}
    return {name: by_pk[e.pk] for name, e in rated_unit.items()}


def test_the_run_restores_stale_predicates_and_reports_the_units_breach(
    world, period, rated_unit, unscoped
):
    set_predicate(world, period, "Baik")
    before = _stored(rated_unit)
    # A stale predicate, as if written before a correction of the ratings' matrix.
    Evaluation.objects.filter(pk=rated_unit["pegawai"].pk).update(predicate="Baik")

    output = _run(world, period)

    after = _stored(rated_unit)
    assert after == {
        "pegawai": ("Sangat Baik", before["pegawai"][1] + 1),
        "rekan": ("Baik", before["rekan"][1]),
    }
    assert output.splitlines() == [
        "Tahun 2026 · Tahunan: 2 evaluasi sudah dinilai, 1 predikat diperbarui.",
        "1 unit dengan pegawai yang dinilai · 1 diperiksa · 1 menyimpang dari pola · "
        "0 belum ada predikat organisasi.",
        "- Kelurahan Plaju Ulu (predikat organisasi Baik; 2 pegawai: Sangat Baik 1 (50,0%), "
        "Baik 1 (50,0%))",
        "    Butuh Perbaikan dan/atau Kurang/Misconduct 0 dari 2 pegawai (0,0%), padahal harus "
        "ada paling sedikit satu",
        "Selesai.",
    ]
    entries = AuditEntry.objects.filter(action=RECOMPUTED)
    assert [(e.object_id, e.actor_id, e.note) for e in entries] == [
        (str(period.pk), None, "Tahunan: 1 dari 2 evaluasi yang sudah dinilai diperbarui.")
    ]


def test_a_second_run_changes_nothing(world, period, rated_unit, unscoped):
    _run(world, period)
    before = _stored(rated_unit)

    output = _run(world, period)

    assert _stored(rated_unit) == before
    assert output.splitlines()[0] == (
        "Tahun 2026 · Tahunan: 2 evaluasi sudah dinilai, 0 predikat diperbarui."
    )
    assert "0 diperiksa · 0 menyimpang dari pola · 1 belum ada predikat organisasi." in output


def test_unrated_evaluations_and_other_subperiods_are_left_alone(
    world, period, annual_evaluations, unscoped
):
    Evaluation.objects.filter(pk=annual_evaluations["pegawai"].pk).update(
        results_rating="Di Atas Ekspektasi"
    )

    output = _run(world, period, "--subperiod", "0")

    assert output.splitlines()[0] == (
        "Tahun 2026 · Tahunan: 0 evaluasi sudah dinilai, 0 predikat diperbarui."
    )
    assert list(
        Evaluation.objects.filter(pk__in=[e.pk for e in annual_evaluations.values()])
        .order_by("employee__name")
        .values_list("predicate", flat=True)
    ) == ["", ""]


def test_a_user_other_than_the_agency_admin_may_not_run_it(world, period, rated_unit, unscoped):
    Evaluation.objects.filter(pk=rated_unit["pegawai"].pk).update(predicate="Baik")
    before = _stored(rated_unit)

    with tenant_scope(world.agency), pytest.raises(PermissionDenied):
        recompute_predicates(period, actor=world.users["kepala"], subperiod=0)

    assert _stored(rated_unit) == before
    assert not AuditEntry.objects.filter(action=RECOMPUTED).exists()


def test_the_agency_admin_may_run_it(world, period, rated_unit, unscoped):
    Evaluation.objects.filter(pk=rated_unit["pegawai"].pk).update(predicate="Baik")

    with tenant_scope(world.agency):
        result = recompute_predicates(period, actor=world.users["admin_bkpsdm"], subperiod=0)

    assert (result.rated, result.changed) == (2, 1)
    assert AuditEntry.objects.get(action=RECOMPUTED).actor == world.users["admin_bkpsdm"]


def test_the_report_reads_a_constant_number_of_queries(
    world, period, rated_unit, unscoped, django_assert_num_queries
):
    set_predicate(world, period, "Istimewa")
    with tenant_scope(world.agency), django_assert_num_queries(3):
        report = distribution_report(period, 0)
        entry = report.units[0]

    assert (entry.unit, entry.total, entry.check.passes) == (world.kelurahan, 2, True)


def test_an_unknown_agency_or_period_is_refused(world, period, unscoped):
    with pytest.raises(CommandError, match=re.escape("Instansi 'tidak-ada' tidak ditemukan.")):
        call_command("recompute_predicates", "--agency", "tidak-ada", "--period", str(period.pk))
    with pytest.raises(CommandError, match=re.escape("Periode #999999 tidak ada di instansi ini.")):
        call_command("recompute_predicates", "--agency", world.agency.code, "--period", "999999")


def test_the_admin_of_another_agency_may_not_run_it(world, period, rated_unit, unscoped):
    Evaluation.objects.filter(pk=rated_unit["pegawai"].pk).update(predicate="Baik")
    before = _stored(rated_unit)

    with tenant_scope(world.agency), pytest.raises(PermissionDenied):
        recompute_predicates(period, actor=world.users["admin_agensi_lain"], subperiod=0)

    assert _stored(rated_unit) == before
