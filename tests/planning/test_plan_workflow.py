"""The SKP workflow through the services: submit, return, approve, revise, rater override."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.exceptions import StaleEdit
from kinerja.core.models import AuditEntry
from kinerja.planning import services
from kinerja.planning.models import PerformancePlan, PlanStatus
from tests.planning.conftest import fill_plan


def test_only_the_rater_approves(world, submitted_plan):
    for persona in ("rekan", "kepala", "admin_bkpsdm"):
        with pytest.raises(PermissionDenied):
            services.approve_plan(submitted_plan, actor=world.users[persona], expected_version=None)
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.SUBMITTED

    approved = services.approve_plan(
        submitted_plan, actor=world.users["atasan"], expected_version=submitted_plan.version
    )

    assert approved.status == PlanStatus.APPROVED
    assert approved.approved_by == world.users["atasan"]
    assert approved.snapshot["employee"]["name"] == "Budi Santoso"
    assert approved.snapshot["rater"]["name"] == "Siti Aminah"
    assert approved.snapshot["rater"]["position"] == "Lurah Plaju Ulu"


def test_nobody_approves_their_own_plan_even_when_named_rater(world, submitted_plan):
    PerformancePlan.objects.filter(pk=submitted_plan.pk).update(rater=world.pegawai)
    submitted_plan.refresh_from_db()

    with pytest.raises(PermissionDenied, match="sendiri"):
        services.approve_plan(submitted_plan, actor=world.users["pegawai"], expected_version=None)

    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.SUBMITTED


def test_returned_plan_is_editable_again_and_resubmittable(world, submitted_plan):
    atasan, pegawai = world.users["atasan"], world.users["pegawai"]
    with pytest.raises(ValidationError):
        services.return_plan(submitted_plan, actor=atasan, expected_version=None, note=" ")

    plan = services.return_plan(
        submitted_plan, actor=atasan, expected_version=None, note="Target terlalu rendah."
    )
    assert plan.status == PlanStatus.RETURNED
    assert plan.return_note == "Target terlalu rendah."
    indicator = plan.results.get().indicators.get()
    services.update_indicator(
        indicator, actor=pegawai, expected_version=plan.version, target_value=24
    )
    plan.refresh_from_db()
    plan = services.submit_plan(plan, actor=pegawai, expected_version=plan.version)

    assert plan.status == PlanStatus.SUBMITTED
    assert plan.results.get().indicators.get().target_value == 24


def test_approved_plan_is_not_editable(world, submitted_plan):
    plan = services.approve_plan(submitted_plan, actor=world.users["atasan"], expected_version=None)

    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.add_result(
            plan, actor=world.users["pegawai"], expected_version=None, kind="utama", text="Baru"
        )
    assert plan.results.count() == 1


def test_concurrent_approval_is_detected_by_version(world, submitted_plan):
    read_version = submitted_plan.version
    services.return_plan(
        submitted_plan, actor=world.users["atasan"], expected_version=read_version, note="Ulang"
    )

    with pytest.raises(StaleEdit):
        services.approve_plan(
            submitted_plan, actor=world.users["atasan"], expected_version=read_version
        )
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == PlanStatus.RETURNED


def test_revision_keeps_the_approved_version(world, submitted_plan):
    approved = services.approve_plan(
        submitted_plan, actor=world.users["atasan"], expected_version=None
    )
    with pytest.raises(ValidationError):
        services.revise_plan(
            approved, actor=world.users["pegawai"], expected_version=None, reason=""
        )

    revised = services.revise_plan(
        approved,
        actor=world.users["pegawai"],
        expected_version=approved.version,
        reason="Perubahan tugas pertengahan tahun",
    )

    approved.refresh_from_db()
    assert (approved.status, approved.is_current) == (PlanStatus.APPROVED, False)
    assert (revised.status, revised.revision, revised.previous) == (PlanStatus.DRAFT, 1, approved)
    assert [r.text for r in revised.results.all()] == ["Surat pengantar terlayani"]
    assert revised.results.get().parent == approved.results.get().parent
    with pytest.raises(ValidationError, match="digantikan"):
        services.add_result(
            approved, actor=world.users["pegawai"], expected_version=None, kind="utama", text="X"
        )


def test_cascade_parent_must_come_from_the_raters_approved_plan(world, period, approved_plan):
    peer_plan = approved_plan(world.rekan, "RHK milik rekan")
    leader_draft = services.start_plan(world.atasan, actor=None, period=period)
    draft_result = fill_plan(world, leader_draft, "RHK draf atasan")
    plan = services.start_plan(world.pegawai, actor=None, period=period)

    for parent in (peer_plan.results.get(), draft_result):
        with pytest.raises(ValidationError) as refused:
            services.add_result(
                plan,
                actor=world.users["pegawai"],
                expected_version=None,
                kind="utama",
                text="RHK",
                parent=parent,
            )
        assert "parent" in refused.value.message_dict
    assert plan.results.count() == 0


def test_main_results_must_be_cascaded_once_the_rater_has_an_approved_plan(
    world, period, approved_plan
):
    approved_plan(world.atasan)
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    fill_plan(world, plan, "RHK tanpa induk")

    with pytest.raises(ValidationError, match="cascading"):
        services.submit_plan(plan, actor=world.users["pegawai"], expected_version=None)


def test_start_plan_copies_last_periods_plan(world, period, approved_plan):
    approved = approved_plan(world.pegawai)
    approved.resources = "PC, printer"
    approved.save(update_fields=["resources"])
    next_year = services.create_period(
        world.agency,
        actor=world.users["admin_bkpsdm"],
        year=2027,
        name="Tahun 2027",
        frequency="semesteran",
        approach="kuantitatif",
        start_date=period.start_date.replace(year=2027),
        end_date=period.end_date.replace(year=2027),
    )

    plan = services.start_plan(
        world.pegawai, actor=world.users["pegawai"], period=next_year, copy_previous=True
    )

    assert plan.status == PlanStatus.DRAFT
    assert plan.rater == world.atasan
    assert plan.resources == "PC, printer"
    result = plan.results.get()
    assert (result.text, result.parent) == ("Pelayanan administrasi kelurahan yang prima", None)
    assert [i.target_value for i in result.indicators.all()] == [12]


def test_admin_overrides_the_rater_with_a_reason(world, period):
    plan = services.start_plan(world.pegawai, actor=None, period=period)
    with pytest.raises(PermissionDenied):
        services.override_rater(
            plan, actor=world.users["atasan"], expected_version=None, rater=world.kepala, reason="x"
        )

    plan = services.override_rater(
        plan,
        actor=world.users["admin_bkpsdm"],
        expected_version=plan.version,
        rater=world.kepala,
        reason="Lurah sedang cuti panjang",
    )

    assert plan.rater == world.kepala
    entry = AuditEntry.objects.get(action="planning.plan.rater_overridden")
    assert entry.note == "Lurah sedang cuti panjang"
    assert entry.changes == {"rater": ["Siti Aminah", "Hendra Saputra"]}


def test_an_employee_cannot_start_a_plan_for_someone_else(world, period):
    with pytest.raises(PermissionDenied):
        services.start_plan(world.pegawai, actor=world.users["rekan"], period=period)
    assert PerformancePlan.objects.count() == 0
