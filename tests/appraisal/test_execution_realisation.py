"""Recording realisation per sub-period: through the page, the API and the service."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kinerja.appraisal.models import Evaluation, Realisation
from kinerja.appraisal.services import execution as services
from kinerja.core.models import AuditEntry
from kinerja.planning import services as planning
from tests.appraisal.conftest import build_plan, indicator

QUANTITY = "Jumlah surat pengantar"
TIME = "Lama penyelesaian surat"


def _sheet(plan, number=1):
    return reverse("appraisal:realisation", kwargs={"pk": plan.pk, "subperiod": number})


def _save_url(plan, target, number=1):
    return reverse(
        "appraisal:realisation-save",
        kwargs={"pk": plan.pk, "subperiod": number, "indicator": target.pk},
    )


def _finalise(plan, number):
    return Evaluation.objects.create(
        agency=plan.agency,
        period=plan.period,
        employee=plan.employee,
        plan=plan,
        unit=plan.employee.unit,
        rater=plan.rater,
        kind="periodik",
        subperiod=number,
        status="final",
        results_rating="Sesuai Ekspektasi",
        behaviour_rating="Sesuai Ekspektasi",
        predicate="Baik",
    )


def test_employee_records_a_realisation_on_the_page_and_sees_the_achievement(
    world, executed_plan, login
):
    target = indicator(executed_plan, QUANTITY)
    client = login("pegawai")

    response = client.post(
        _save_url(executed_plan, target),
        {f"r{target.pk}-version": 0, f"r{target.pk}-value": "2", f"r{target.pk}-note": "Dua surat"},
    )

    assert response.status_code == 302
    realisation = Realisation.objects.get(indicator=target, subperiod=1)
    assert (realisation.value, realisation.note, realisation.version) == (
        Decimal(2),
        "Dua surat",
        1,
    )
    assert realisation.recorded_by == world.users["pegawai"]
    entry = AuditEntry.objects.get(action="appraisal.realisation.recorded")
    assert entry.changes["value"] == [None, "2.00"]
    page = client.get(_sheet(executed_plan)).content.decode()
    # Quarterly: the quantity target 12 is spread to 3 per quarter; 2 of 3 is 66,67%.
    assert "66,67%" in page
    assert "Target periode ini" in page


def test_time_indicator_is_lower_is_better_and_undefined_shows_the_reason(
    world, executed_plan, login
):
    pegawai = world.users["pegawai"]
    target = indicator(executed_plan, TIME)
    services.record_realisation(
        executed_plan, actor=pegawai, indicator=target, subperiod=1, value=Decimal("1.5")
    )
    page = login("pegawai").get(_sheet(executed_plan)).content.decode()
    assert "200,00%" in page  # 3 days targeted, 1.5 taken

    services.record_realisation(
        executed_plan, actor=pegawai, indicator=target, subperiod=2, value=Decimal(0)
    )
    page = login("pegawai").get(_sheet(executed_plan, 2)).content.decode()
    assert "— <span" in page
    assert "tidak dapat dinyatakan dalam persen" in page


def test_only_the_owner_records_and_nothing_changes_on_refusal(world, executed_plan, login):
    target = indicator(executed_plan, QUANTITY)
    for persona in ("atasan", "kepala", "admin_bkpsdm", "rekan"):
        user = world.users.get(persona)
        with pytest.raises(PermissionDenied):
            services.record_realisation(
                executed_plan, actor=user, indicator=target, subperiod=1, value=Decimal(1)
            )
    atasan = login("atasan")
    page = atasan.post(_save_url(executed_plan, target), {f"r{target.pk}-value": "5"})
    api = atasan.post(
        reverse("api-realisation-list", args=[executed_plan.pk]),
        {"indicator": target.pk, "subperiod": 1, "value": "5"},
    )
    assert (page.status_code, api.status_code) == (403, 403)
    assert Realisation.objects.count() == 0


def test_another_units_supervisor_and_another_agency_get_404(world, period, executed_plan, login):
    target = indicator(executed_plan, QUANTITY)
    for persona in ("admin_agensi_lain",):
        client = login(persona)
        assert client.get(_sheet(executed_plan)).status_code == 404
        assert client.post(_save_url(executed_plan, target), {}).status_code == 404
        api = client.get(reverse("api-realisation-list", args=[executed_plan.pk]))
        assert api.status_code == 404
    # Kepala's plan is outside atasan's reach (atasan is kepala's subordinate).
    from tests.factories import make_employee

    boss_plan = build_plan(
        world, world.atasan, period, indicators=None
    )  # rated by kepala, visible to atasan as owner
    stranger = make_employee(world.kecamatan, "Supervisor Lain")
    make_employee(world.kecamatan, "Bawahan Lain", supervisor=stranger)
    from kinerja.org import services as org

    org.create_account(stranger, actor=None, roles=(), head_unit=None, password="x-Y-z-12345678")
    client = login("pegawai")
    assert client.get(_sheet(boss_plan)).status_code == 404
    client.force_login(stranger.user, backend="kinerja.core.auth.NipOrUsernameBackend")
    assert client.get(_sheet(executed_plan)).status_code == 404
    assert client.get(reverse("api-feedback-list", args=[executed_plan.pk])).status_code == 404


def test_a_future_subperiod_is_refused(world, unscoped, login):
    today = timezone.localdate()
    future = planning.create_period(
        world.agency,
        actor=None,
        year=today.year + 1,
        name="Tahun depan",
        frequency="bulanan",
        approach="kuantitatif",
        start_date=dt.date(today.year + 1, 1, 1),
        end_date=dt.date(today.year + 1, 12, 31),
    )
    plan = build_plan(world, world.pegawai, future)
    target = indicator(plan, QUANTITY)

    with pytest.raises(ValidationError, match="belum dimulai"):
        services.record_realisation(
            plan, actor=world.users["pegawai"], indicator=target, subperiod=1, value=Decimal(1)
        )
    client = login("pegawai")
    page = client.get(_sheet(plan))
    api = client.post(
        reverse("api-realisation-list", args=[plan.pk]),
        {"indicator": target.pk, "subperiod": 1, "value": "1"},
    )

    assert "belum dimulai" in page.content.decode()
    assert "Simpan realisasi" not in page.content.decode()
    assert api.status_code == 400
    assert "belum dimulai" in api.json()["subperiod"][0]
    assert Realisation.objects.count() == 0


def test_realisation_waits_for_an_approved_plan(world, submitted_plan, login):
    target = submitted_plan.results.get().indicators.get()
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.record_realisation(
            submitted_plan, actor=world.users["pegawai"], indicator=target, subperiod=1, value=1
        )
    page = login("pegawai").get(_sheet(submitted_plan)).content.decode()
    assert "belum disetujui" in page


def test_final_evaluation_locks_the_subperiod_in_page_and_api(world, executed_plan, login):
    pegawai = world.users["pegawai"]
    target = indicator(executed_plan, QUANTITY)
    realisation = services.record_realisation(
        executed_plan, actor=pegawai, indicator=target, subperiod=1, value=Decimal(3)
    )
    _finalise(executed_plan, 1)
    client = login("pegawai")

    page = client.get(_sheet(executed_plan))
    posted = client.post(
        _save_url(executed_plan, target),
        {f"r{target.pk}-version": realisation.version, f"r{target.pk}-value": "9"},
    )
    api = client.patch(
        reverse("api-realisation-detail", args=[realisation.pk]),
        {"value": "9", "version": realisation.version},
        content_type="application/json",
    )

    assert "sudah ditetapkan final" in page.content.decode()
    assert "Simpan realisasi" not in page.content.decode()
    assert posted.status_code == 400
    assert "sudah ditetapkan final" in posted.content.decode()
    assert api.status_code == 400
    assert "sudah ditetapkan final" in api.json()["non_field_errors"][0]
    realisation.refresh_from_db()
    assert (realisation.value, realisation.version) == (Decimal(3), 1)
    # The next sub-period stays open.
    services.record_realisation(
        executed_plan, actor=pegawai, indicator=target, subperiod=2, value=Decimal(3)
    )


def test_concurrent_edit_is_detected_in_service_page_and_api(world, executed_plan, login):
    pegawai = world.users["pegawai"]
    target = indicator(executed_plan, QUANTITY)
    first = services.record_realisation(
        executed_plan, actor=pegawai, indicator=target, subperiod=1, value=Decimal(1)
    )
    # Another tab read version 1 and saved; this one still holds version 1.
    services.record_realisation(
        executed_plan,
        actor=pegawai,
        indicator=target,
        subperiod=1,
        value=Decimal(2),
        expected_version=1,
    )
    client = login("pegawai")

    page = client.post(
        _save_url(executed_plan, target),
        {f"r{target.pk}-version": 1, f"r{target.pk}-value": "7"},
    )
    new_form = client.post(
        _save_url(executed_plan, target),
        {f"r{target.pk}-version": 0, f"r{target.pk}-value": "7"},
    )
    api = client.patch(
        reverse("api-realisation-detail", args=[first.pk]),
        {"value": "7", "version": 1},
        content_type="application/json",
    )

    assert page.status_code == 400
    assert "telah diubah oleh pengguna lain" in page.content.decode()
    assert new_form.status_code == 400
    assert api.status_code == 409
    assert api.json()["code"] == "stale"
    first.refresh_from_db()
    assert (first.value, first.version) == (Decimal(2), 2)


def test_api_creates_then_updates_a_realisation(world, executed_plan, login):
    target = indicator(executed_plan, QUANTITY)
    client = login("pegawai")
    url = reverse("api-realisation-list", args=[executed_plan.pk])

    created = client.post(url, {"indicator": target.pk, "subperiod": 2, "value": "4", "version": 0})
    assert created.status_code == 201
    body = created.json()
    assert (body["value"], body["version"], body["evidence"]) == ("4.00", 1, [])
    updated = client.patch(
        reverse("api-realisation-detail", args=[body["id"]]),
        {"value": "5", "note": "Koreksi", "version": 1},
        content_type="application/json",
    )
    listed = client.get(url, {"subperiod": 2}).json()

    assert updated.status_code == 200
    assert (updated.json()["value"], updated.json()["version"]) == ("5.00", 2)
    assert [(row["value"], row["note"]) for row in listed["results"]] == [("5.00", "Koreksi")]
    assert AuditEntry.objects.filter(action="appraisal.realisation.updated").count() == 1


def test_api_refuses_an_indicator_of_another_plan_and_a_missing_number(
    world, period, executed_plan, login
):
    other = build_plan(world, world.rekan, period)
    client = login("pegawai")
    url = reverse("api-realisation-list", args=[executed_plan.pk])

    foreign = client.post(url, {"indicator": indicator(other, QUANTITY).pk, "subperiod": 1})
    missing = client.post(url, {"indicator": indicator(executed_plan, QUANTITY).pk, "subperiod": 1})

    assert foreign.status_code == 400
    assert "bukan bagian" in foreign.json()["indicator"][0]
    assert missing.status_code == 400
    assert missing.json()["value"] == ["Isikan realisasi berupa angka."]


def test_qualitative_period_takes_a_description(world, unscoped, login):
    qualitative = planning.create_period(
        world.agency,
        actor=None,
        year=2026,
        name="Kualitatif 2026",
        frequency="semesteran",
        approach="kualitatif",
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    owner = world.users["pegawai"]
    plan = planning.start_plan(world.pegawai, actor=None, period=qualitative)
    result = planning.add_result(
        plan, actor=owner, expected_version=None, kind="utama", text="Layanan prima"
    )
    planning.add_indicator(
        result,
        actor=owner,
        expected_version=None,
        aspect="kualitas",
        text="Warga puas",
        target_text="Tidak ada keluhan warga",
    )
    plan = planning.submit_plan(plan, actor=owner, expected_version=None)
    plan = planning.approve_plan(plan, actor=world.users["atasan"], expected_version=None)
    target = plan.results.get().indicators.get()

    with pytest.raises(ValidationError):
        services.record_realisation(plan, actor=owner, indicator=target, subperiod=1, text=" ")
    realisation = services.record_realisation(
        plan, actor=owner, indicator=target, subperiod=1, value=Decimal(5), text="Nihil keluhan"
    )

    assert (realisation.value, realisation.text) == (None, "Nihil keluhan")
    page = login("pegawai").get(_sheet(plan)).content.decode()
    assert "kualitatif: dinilai pejabat penilai" in page
