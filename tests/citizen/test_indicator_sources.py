"""Indicators fed by data: binding an SKP indicator to a metric, the value computed per
sub-period from rows made here, the override with a reason, the lock of a final sub-period,
the hooks and the daily run, and the pages and API."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.appraisal.models import Realisation
from kinerja.appraisal.services import execution
from kinerja.citizen.models import IndicatorSource, Metric
from kinerja.citizen.selectors.sources import metric_value
from kinerja.citizen.services import sources
from kinerja.citizen.sources_hooks import DAILY_RECOMPUTE, data_changed
from kinerja.core.models import AuditEntry
from kinerja.core.reminders import run_for_agency
from kinerja.planning.models import PerformancePlan
from tests import factories
from tests.citizen.sources_fixtures import (
    COUNT,
    IKM,
    MEDIAN,
    ON_TIME,
    SHARE,
    approved_plan_with,
    at,
    complaint,
    completed_request,
    finalise,
    indicator,
    make_service,
    response,
)
from tests.planning.conftest import period

__all__ = ["period"]

Q1, Q2 = dt.date(2026, 2, 10), dt.date(2026, 5, 12)


@pytest.fixture
def plan(world, period):
    """pegawai's approved SKP of 2026 (quarterly) with a count, a median, an IKM, a share
    within standard and a complaints-on-time indicator."""
    return approved_plan_with(world, world.pegawai, period)


@pytest.fixture
def surat(world):
    """Surat pengantar of Kelurahan Plaju Ulu, standard 30 minutes."""
    return make_service(world.kelurahan, "surat-pengantar", "Surat Pengantar", 30)


def _realised(plan, text):
    return {
        r.subperiod: r
        for r in Realisation.objects.filter(indicator=indicator(plan, text)).order_by("subperiod")
    }


def _bind(world, plan, text, metric, actor="atasan", **target):
    return sources.bind_indicator_source(
        indicator(plan, text), actor=world.users[actor], metric=metric, **target
    )


# --- Each metric, exactly, over the days of each sub-period ---------------------------------


def test_completed_count_counts_requests_completed_within_each_quarter(world, plan, surat):
    completed_request(surat, at(dt.date(2026, 1, 5)), 20)
    completed_request(surat, at(dt.date(2026, 3, 31), 23, 0), 20)  # 23:20 on 31 March: Q1
    completed_request(surat, at(dt.date(2026, 3, 31), 23, 50), 20)  # 00:10 on 1 April: Q2
    completed_request(surat, at(dt.date(2026, 4, 2)), 45)
    completed_request(surat, at(dt.date(2026, 4, 3)), None)  # still open: not counted
    other = make_service(world.kelurahan, "legalisir", "Legalisir", 60)
    completed_request(other, at(dt.date(2026, 1, 6)), 10)  # another service

    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)

    realised = _realised(plan, COUNT)
    assert {n: r.computed_value for n, r in realised.items()} == {
        1: Decimal(2),
        2: Decimal(2),
        3: Decimal(0),
        4: Decimal(0),
    }
    assert all(r.value == r.computed_value and r.computed_at for r in realised.values())


def test_median_p90_and_share_within_standard_interpolate_over_the_quarter(world, plan, surat):
    for minutes in (40, 10, 30, 20):
        completed_request(surat, at(Q1), minutes)
    completed_request(surat, at(Q2), 500)  # Q2 only

    source = _bind(world, plan, MEDIAN, Metric.SERVICE_MEDIAN_MINUTES, service=surat)
    assert _realised(plan, MEDIAN)[1].value == Decimal("25.00")  # between 20 and 30
    assert _realised(plan, MEDIAN)[2].value == Decimal("500.00")

    sources.bind_indicator_source(
        indicator(plan, MEDIAN),
        actor=world.users["atasan"],
        metric=Metric.SERVICE_P90_MINUTES,
        service=surat,
        expected_version=source.version,
    )
    # (4 − 1) × 0,9 = 2,7: 30 + 0,7 × (40 − 30)
    assert _realised(plan, MEDIAN)[1].value == Decimal("37.00")

    _bind(world, plan, SHARE, Metric.SERVICE_WITHIN_STANDARD, service=surat)
    # 10, 20 and 30 minutes are within the 30-minute standard; 40 is not.
    assert _realised(plan, SHARE)[1].value == Decimal("75.00")
    assert _realised(plan, SHARE)[2].value == Decimal("0.00")
    assert 3 not in _realised(plan, SHARE)  # nothing completed: undefined (not 0), no row


def test_employee_count_takes_only_what_the_employee_handled(world, period, surat):
    plan = approved_plan_with(
        world, world.pegawai, period, [("kuantitas", COUNT, Decimal(100), "permohonan")]
    )
    legalisir = make_service(world.kelurahan, "legalisir", "Legalisir", 60)
    for _ in range(3):
        completed_request(surat, at(Q1), 15, handled_by=world.pegawai)
    completed_request(legalisir, at(Q1), 15, handled_by=world.pegawai)
    completed_request(surat, at(Q1), 15, handled_by=world.rekan)

    _bind(world, plan, COUNT, Metric.EMPLOYEE_COMPLETED, employee=world.pegawai)
    assert _realised(plan, COUNT)[1].value == Decimal(4)

    _bind(world, plan, COUNT, Metric.EMPLOYEE_COMPLETED, employee=world.pegawai, service=surat)
    assert _realised(plan, COUNT)[1].value == Decimal(3)


def test_service_ikm_leaves_blanks_out_of_the_element_and_uses_exact_ninths(world, plan, surat):
    response(world.kelurahan, at(Q1), [4] * 9, service=surat)
    response(world.kelurahan, at(Q1), [None, *[3] * 8], service=surat)
    response(world.kelurahan, at(Q1), [1] * 9)  # unit level, no service: not this service's

    _bind(world, plan, IKM, Metric.SERVICE_IKM, service=surat)

    # Persyaratan: only the first answered (4); the others 3,5. (4 + 8 × 3,5) / 9 × 25 = 88,89
    assert _realised(plan, IKM)[1].value == Decimal("88.89")
    assert 2 not in _realised(plan, IKM)  # no response: no IKM, no realisation


def test_unit_ikm_pools_the_unit_and_the_units_below_it(world, plan, surat):
    response(world.kelurahan, at(Q1), [4] * 9, service=surat)
    response(world.kelurahan, at(Q1), [2] * 9)
    response(world.kecamatan, at(Q1), [3] * 9)  # the kecamatan itself, above the kelurahan

    _bind(world, plan, IKM, Metric.UNIT_IKM, unit=world.kelurahan)
    assert _realised(plan, IKM)[1].value == Decimal("75.00")  # (4 + 2) / 2 × 25

    at_kecamatan = IndicatorSource(metric=Metric.UNIT_IKM, unit=world.kecamatan)
    assert metric_value(at_kecamatan, dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == Decimal(
        "75.00"
    )  # (4 + 2 + 3) / 3 × 25


def test_complaints_on_time_counts_resolutions_within_the_quarter(world, plan):
    complaint(world.kelurahan, dt.date(2026, 1, 5), dt.date(2026, 1, 8), on_time=True)
    complaint(world.kelurahan, dt.date(2026, 2, 2), dt.date(2026, 2, 4), on_time=True)
    complaint(world.kelurahan, dt.date(2026, 3, 2), dt.date(2026, 3, 20), on_time=False)
    complaint(world.kelurahan, dt.date(2026, 3, 25), dt.date(2026, 4, 20), on_time=False)
    complaint(world.kelurahan, dt.date(2026, 3, 26), None, on_time=None)  # still open
    complaint(world.kecamatan, dt.date(2026, 1, 5), dt.date(2026, 1, 6), on_time=False)

    _bind(world, plan, ON_TIME, Metric.COMPLAINTS_ON_TIME, unit=world.kelurahan)

    realised = _realised(plan, ON_TIME)
    assert realised[1].value == Decimal("66.67")  # 2 of 3 resolved in Q1
    assert realised[2].value == Decimal("0.00")  # resolved late, in April
    assert 3 not in realised


# --- Override with a reason -----------------------------------------------------------------


def test_override_needs_a_reason_and_nothing_changes_without_one(world, plan, surat):
    completed_request(surat, at(Q1), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    realisation = _realised(plan, COUNT)[1]
    before = (realisation.value, realisation.version, AuditEntry.objects.count())

    with pytest.raises(ValidationError) as refused:
        sources.override_realisation(
            realisation, actor=world.users["pegawai"], value=Decimal(5), reason="   "
        )

    assert refused.value.message_dict == {
        "reason": ["Tuliskan alasan mengganti nilai yang dihitung dari data."]
    }
    realisation.refresh_from_db()
    assert (realisation.value, realisation.version, AuditEntry.objects.count()) == before


def test_override_is_audited_keeps_following_the_data_and_clears_back(world, plan, surat):
    completed_request(surat, at(Q1), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    realisation = _realised(plan, COUNT)[1]

    sources.override_realisation(
        realisation,
        actor=world.users["pegawai"],
        value=Decimal(6),
        reason="Lima permohonan dicatat di buku manual saat aplikasi antrean mati.",
        expected_version=realisation.version,
    )
    entry = AuditEntry.objects.get(action="appraisal.realisation.overridden")
    assert entry.actor == world.users["pegawai"]
    assert entry.changes == {
        "value": ["1.00", "6.00"],
        "override_reason": [
            "",
            "Lima permohonan dicatat di buku manual saat aplikasi antrean mati.",
        ],
    }

    completed_request(surat, at(Q1), 25)
    sources.compute_indicator_realisations(plan)
    realisation.refresh_from_db()
    assert (realisation.computed_value, realisation.value) == (Decimal(2), Decimal(6))

    sources.clear_realisation_override(realisation, actor=world.users["pegawai"])
    realisation.refresh_from_db()
    assert (realisation.value, realisation.override_reason) == (Decimal(2), "")
    assert AuditEntry.objects.filter(action="appraisal.realisation.override_cleared").exists()


def test_a_colleague_cannot_override_and_nothing_changes(world, plan, surat):
    completed_request(surat, at(Q1), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    realisation = _realised(plan, COUNT)[1]

    with pytest.raises(PermissionDenied):
        sources.override_realisation(
            realisation, actor=world.users["rekan"], value=Decimal(9), reason="Saya kira begitu"
        )
    realisation.refresh_from_db()
    assert (realisation.value, realisation.override_reason) == (Decimal(1), "")


# --- Final sub-periods are locked -----------------------------------------------------------------


def test_a_final_subperiod_is_never_recomputed_nor_overridden(world, plan, surat):
    completed_request(surat, at(Q1), 20)
    completed_request(surat, at(Q2), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    finalise(plan, 1)
    locked = _realised(plan, COUNT)[1]

    completed_request(surat, at(Q1), 30)
    completed_request(surat, at(Q2), 30)
    summary = sources.compute_indicator_realisations(plan)

    assert summary.locked == 1
    realised = _realised(plan, COUNT)
    assert (realised[1].computed_value, realised[1].value, realised[1].version) == (
        Decimal(1),
        Decimal(1),
        locked.version,
    )
    assert realised[1].computed_at == locked.computed_at
    assert realised[2].value == Decimal(2)
    with pytest.raises(ValidationError, match="sudah ditetapkan final"):
        sources.override_realisation(
            realised[1], actor=world.users["pegawai"], value=Decimal(3), reason="Terlambat"
        )


# --- Binding rules ----------------------------------------------------------------------------------


def test_a_count_cannot_feed_a_quality_indicator(world, plan, surat):
    with pytest.raises(ValidationError) as refused:
        _bind(world, plan, IKM, Metric.SERVICE_COMPLETED, service=surat)
    assert refused.value.message_dict["metric"] == [
        "Sumber data ini cocok untuk indikator aspek Kuantitas, sedangkan indikator ini "
        "beraspek Kualitas."
    ]
    assert not IndicatorSource.objects.exists()


def test_each_metric_needs_its_own_target(world, plan, surat):
    with pytest.raises(ValidationError) as no_service:
        _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED)
    assert no_service.value.message_dict == {"service": ["Pilih layanan untuk sumber data ini."]}
    with pytest.raises(ValidationError) as extra:
        _bind(world, plan, IKM, Metric.UNIT_IKM, unit=world.kelurahan, service=surat)
    assert extra.value.message_dict == {"service": ["Sumber data ini tidak memakai isian ini."]}
    assert not IndicatorSource.objects.exists()


def test_a_turnaround_in_minutes_refuses_an_indicator_counted_in_days(world, period, surat):
    plan = approved_plan_with(world, world.pegawai, period, [("waktu", MEDIAN, Decimal(2), "hari")])
    with pytest.raises(ValidationError, match="dihitung dalam menit"):
        _bind(world, plan, MEDIAN, Metric.SERVICE_MEDIAN_MINUTES, service=surat)
    assert not IndicatorSource.objects.exists()


def test_the_source_stays_inside_the_employees_organisation(world, plan):
    elsewhere = factories.make_unit(world.agency, "Kecamatan Kertapati")
    far_service = make_service(elsewhere, "surat-kertapati", "Surat Pengantar Kertapati")
    with pytest.raises(ValidationError) as refused:
        _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=far_service)
    assert refused.value.message_dict == {
        "service": ["Pilihan ini berada di luar lingkungan unit kerja pegawai."]
    }
    assert not IndicatorSource.objects.exists()


def test_who_may_bind_the_employee_only_while_editable_the_rater_and_the_admin(
    world, period, surat
):
    draft = approved_plan_with(world, world.pegawai, period, approve=False)
    _bind(world, draft, COUNT, Metric.SERVICE_COMPLETED, actor="pegawai", service=surat)
    assert IndicatorSource.objects.filter(indicator__result__plan=draft).count() == 1

    approved = approved_plan_with(world, world.rekan, period)
    for persona in ("rekan", "pegawai", "petugas_layanan", "kepala"):
        with pytest.raises(PermissionDenied):
            _bind(world, approved, COUNT, Metric.SERVICE_COMPLETED, actor=persona, service=surat)
    assert not IndicatorSource.objects.filter(indicator__result__plan=approved).exists()
    _bind(world, approved, COUNT, Metric.SERVICE_COMPLETED, actor="admin_bkpsdm", service=surat)
    assert AuditEntry.objects.filter(action="citizen.source.bound").count() == 2


def test_unbinding_gives_the_realisation_back_to_the_employee(world, plan, surat, login):
    completed_request(surat, at(Q1), 20)
    source = _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    sources.unbind_indicator_source(source, actor=world.users["atasan"])

    realisation = _realised(plan, COUNT)[1]
    assert (realisation.value, realisation.computed_at, realisation.computed_value) == (
        Decimal(1),
        None,
        None,
    )
    execution.record_realisation(
        plan,
        actor=world.users["pegawai"],
        indicator=realisation.indicator,
        subperiod=1,
        value=Decimal(4),
        expected_version=realisation.version,
    )
    assert AuditEntry.objects.filter(action="citizen.source.unbound").count() == 1


# --- The manual realisation form --------------------------------------------------------------------


def _save_url(plan, target, number=1):
    return reverse(
        "appraisal:realisation-save",
        kwargs={"pk": plan.pk, "subperiod": number, "indicator": target.pk},
    )


def test_the_realisation_form_refuses_to_overwrite_a_fed_value_silently(world, plan, surat, login):
    completed_request(surat, at(Q1), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    target = indicator(plan, COUNT)
    realisation = _realised(plan, COUNT)[1]
    client = login("pegawai")

    page = client.get(reverse("appraisal:realisation", args=[plan.pk, 1])).content.decode()
    assert "Dihitung otomatis dari data" in page
    refused = client.post(
        _save_url(plan, target),
        {f"r{target.pk}-version": realisation.version, f"r{target.pk}-value": "9"},
    )

    assert refused.status_code == 400
    assert "dihitung otomatis dari data" in refused.content.decode()
    realisation.refresh_from_db()
    assert realisation.value == Decimal(1)

    kept = client.post(
        _save_url(plan, target),
        {
            f"r{target.pk}-version": realisation.version,
            f"r{target.pk}-value": "1",
            f"r{target.pk}-note": "Sesuai data antrean",
        },
    )
    assert kept.status_code == 302
    realisation.refresh_from_db()
    assert (realisation.value, realisation.note) == (Decimal(1), "Sesuai data antrean")


def test_the_realisation_api_refuses_to_overwrite_a_fed_value(world, plan, surat, login):
    completed_request(surat, at(Q1), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    realisation = _realised(plan, COUNT)[1]

    answer = login("pegawai").patch(
        reverse("api-realisation-detail", args=[realisation.pk]),
        {"value": "9", "version": realisation.version},
        content_type="application/json",
    )

    assert answer.status_code == 400
    assert "dihitung otomatis dari data" in answer.json()["value"][0]
    realisation.refresh_from_db()
    assert realisation.value == Decimal(1)


# --- Automatic recomputation ---------------------------------------------------------------------


def test_data_changed_recomputes_only_the_subperiod_of_that_day(
    world, plan, surat, django_capture_on_commit_callbacks
):
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    completed_request(surat, at(Q1), 20)
    completed_request(surat, at(Q2), 20)

    with django_capture_on_commit_callbacks(execute=True):
        data_changed(world.agency.pk, service_id=surat.pk, day=Q2)

    realised = _realised(plan, COUNT)
    assert (realised[1].value, realised[2].value) == (Decimal(0), Decimal(1))


def test_a_response_at_a_kelurahan_recomputes_the_kecamatan_ikm(
    world, period, django_capture_on_commit_callbacks
):
    head_plan = approved_plan_with(
        world, world.kepala, period, [("kualitas", IKM, Decimal(85), "indeks")], approve=False
    )
    # The camat's rater (the regional secretary) is outside the test world: approved directly.
    PerformancePlan.objects.filter(pk=head_plan.pk).update(status="approved")
    sources.bind_indicator_source(
        indicator(head_plan, IKM),
        actor=world.users["admin_bkpsdm"],
        metric=Metric.UNIT_IKM,
        unit=world.kecamatan,
    )
    assert _realised(head_plan, IKM) == {}

    with django_capture_on_commit_callbacks(execute=True):
        response(world.kelurahan, at(Q1), [3] * 9)
        data_changed(world.agency.pk, unit_id=world.kelurahan.pk, day=Q1)

    assert _realised(head_plan, IKM)[1].value == Decimal("75.00")


def test_the_daily_run_and_the_command_recompute_every_bound_indicator(world, plan, surat):
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    completed_request(surat, at(Q1), 20)
    run_for_agency(world.agency.pk, today=dt.date(2026, 6, 1), codes=[DAILY_RECOMPUTE])
    assert _realised(plan, COUNT)[1].value == Decimal(1)

    completed_request(surat, at(Q1), 20)
    out = io.StringIO()
    call_command("recompute_indicator_sources", agency="palembang", stdout=out)
    assert "Palembang: 4 realisasi dihitung, 0 terkunci (evaluasi final)." in out.getvalue()
    assert _realised(plan, COUNT)[1].value == Decimal(2)


def test_a_plan_that_is_not_approved_gets_no_computed_realisation(world, period, surat):
    draft = approved_plan_with(world, world.pegawai, period, approve=False)
    completed_request(surat, at(Q1), 20)
    _bind(world, draft, COUNT, Metric.SERVICE_COMPLETED, actor="pegawai", service=surat)
    assert not Realisation.objects.filter(plan=draft).exists()


# --- Pages -----------------------------------------------------------------------------------------


def test_the_overview_shows_computed_and_used_values_and_the_reason(world, plan, surat, login):
    completed_request(surat, at(Q1), 20)
    completed_request(surat, at(Q1), 40)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    realisation = _realised(plan, COUNT)[1]
    sources.override_realisation(
        realisation, actor=world.users["pegawai"], value=Decimal(3), reason="Satu dicatat manual"
    )

    page = login("atasan").get(reverse("citizen:source-plan", args=[plan.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Jumlah permohonan layanan yang diselesaikan" in html
    assert "Alasan: Satu dicatat manual" in html
    cell = re.search(r'id="cell-\d+-1">(.*?)</tr>', html, re.S)
    assert cell is not None
    text = " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())
    assert text.startswith(
        "Triwulan I 2026 2 permohonan 3 Nilai manual Alasan: Satu dicatat manual dihitung "
    )


def test_the_override_form_without_a_reason_answers_400_and_changes_nothing(
    world, plan, surat, login
):
    completed_request(surat, at(Q1), 20)
    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    realisation = _realised(plan, COUNT)[1]
    prefix = f"o{realisation.pk}"

    answer = login("pegawai").post(
        reverse("citizen:source-override", args=[realisation.pk]),
        {f"{prefix}-version": realisation.version, f"{prefix}-value": "4", f"{prefix}-reason": ""},
    )

    assert answer.status_code == 400
    assert (
        f'<ul class="errorlist" id="id_{prefix}-reason_error"><li>Bidang ini harus diisi.</li></ul>'
        in answer.content.decode()
    )
    realisation.refresh_from_db()
    assert (realisation.value, realisation.override_reason) == (Decimal(1), "")


def test_binding_through_the_page_computes_at_once(world, period, surat, login):
    draft = approved_plan_with(world, world.pegawai, period, approve=False)
    target = indicator(draft, COUNT)
    client = login("pegawai")

    form = client.get(reverse("citizen:source-indicator", args=[target.pk])).content.decode()
    assert "Surat Pengantar · Kelurahan Plaju Ulu" in form
    assert "Indeks Kepuasan Masyarakat unit" not in form  # only metrics for a quantity
    saved = client.post(
        reverse("citizen:source-indicator", args=[target.pk]),
        {"version": 0, "metric": Metric.SERVICE_COMPLETED, "service": surat.pk},
    )

    assert saved.status_code == 302
    source = IndicatorSource.objects.get(indicator=target)
    assert (source.metric, source.service, source.created_by) == (
        Metric.SERVICE_COMPLETED,
        surat,
        world.users["pegawai"],
    )


def test_the_overview_and_the_list_take_constant_queries(world, period, surat, login):
    small = approved_plan_with(
        world, world.pegawai, period, [("kuantitas", COUNT, Decimal(12), "permohonan")]
    )
    big = approved_plan_with(world, world.rekan, period)
    for plan in (small, big):
        for text in [COUNT] if plan is small else [COUNT, SHARE]:
            sources.bind_indicator_source(
                indicator(plan, text),
                actor=world.users["admin_bkpsdm"],
                metric=Metric.SERVICE_COMPLETED
                if text == COUNT
                else Metric.SERVICE_WITHIN_STANDARD,
                service=surat,
            )
    client = login("admin_bkpsdm")

    def count(url):
        client.get(url)  # warm the session and the actor
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert count(reverse("citizen:source-plan", args=[small.pk])) == count(
        reverse("citizen:source-plan", args=[big.pk])
    )
    listed = count(reverse("citizen:source-list"))
    sources.bind_indicator_source(
        indicator(big, MEDIAN),
        actor=world.users["admin_bkpsdm"],
        metric=Metric.SERVICE_MEDIAN_MINUTES,
        service=surat,
    )
    assert count(reverse("citizen:source-list")) == listed
    export = client.get(reverse("citizen:source-list") + "?format=xlsx")
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


# --- API ---------------------------------------------------------------------------------------------


def test_api_binds_lists_and_refuses_an_override_without_reason(world, plan, surat, login):
    completed_request(surat, at(Q1), 20)
    client = login("atasan")
    target = indicator(plan, COUNT)

    bound = client.put(
        reverse("api-source-indicator", args=[target.pk]),
        {"metric": Metric.SERVICE_COMPLETED, "service": surat.pk},
        content_type="application/json",
    )
    assert bound.status_code == 200
    assert bound.json()["metric"] == Metric.SERVICE_COMPLETED

    listed = client.get(reverse("api-source-plan", args=[plan.pk])).json()
    row = next(r for r in listed if r["indicator"] == target.pk)
    first = row["subperiods"][0]["realisation"]
    assert (first["value"], first["computed_value"]) == ("1.00", "1.00")

    refused = login("pegawai").post(
        reverse("api-source-override", args=[first["id"]]),
        {"value": "3", "reason": ""},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "reason": ["Tuliskan alasan mengganti nilai yang dihitung dari data."]
    }

    wrong = login("atasan").put(
        reverse("api-source-indicator", args=[target.pk]),
        {"metric": Metric.UNIT_IKM, "unit": 999999},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert IndicatorSource.objects.get(indicator=target).metric == Metric.SERVICE_COMPLETED


def test_completing_a_request_and_resolving_a_complaint_recompute_on_commit(
    world, plan, surat, django_capture_on_commit_callbacks
):
    from kinerja.citizen.services.complaints import resolve_complaint
    from kinerja.citizen.services.requests import record_request

    _bind(world, plan, COUNT, Metric.SERVICE_COMPLETED, service=surat)
    _bind(world, plan, ON_TIME, Metric.COMPLAINTS_ON_TIME, unit=world.kelurahan)
    open_complaint = complaint(world.kelurahan, dt.date(2026, 2, 2), None, on_time=None)

    with django_capture_on_commit_callbacks(execute=True):
        record_request(
            surat,
            actor=world.users["petugas_layanan"],
            received_at=at(Q1),
            completed_at=at(Q1, 9, 20),
            handled_by=world.pegawai,
        )
    with django_capture_on_commit_callbacks(execute=True):
        resolve_complaint(
            open_complaint,
            actor=None,
            expected_version=None,
            resolution="Surat selesai hari itu juga.",
            resolved_at=at(dt.date(2026, 2, 4), 10),
        )

    assert _realised(plan, COUNT)[1].value == Decimal(1)
    assert _realised(plan, ON_TIME)[1].value == Decimal("100.00")
