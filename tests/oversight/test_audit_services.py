"""Planning an audit, moving it through its stages, visits and findings, and the lock of a
closed audit — through the services, with their audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kinerja.core.exceptions import StaleEdit
from kinerja.core.models import AuditEntry
from kinerja.oversight import services
from kinerja.oversight.models import Audit, AuditStatus, FieldVisit, Finding
from tests.oversight.builders import make_audit

TODAY = timezone.localdate()


def _plan(world, actor, **overrides):
    fields = {
        "title": "Pemeriksaan Kelurahan",
        "letter_number": "700/9/ST/2026",
        "objectives": "Menilai pelayanan.",
        "planned_start": TODAY,
        "planned_end": TODAY + dt.timedelta(days=10),
        "units": [world.kelurahan],
        "team": [world.users["inspektur"]],
        "lead": world.users["inspektur"],
    }
    fields.update(overrides)
    return services.create_audit(world.agency, actor=actor, **fields)


def test_inspector_plans_an_audit_and_it_is_recorded(world, unscoped):
    audit = _plan(world, world.users["inspektur"])

    assert audit.status == AuditStatus.PLANNED
    assert list(audit.team.all()) == [world.users["inspektur"]]
    assert list(audit.units.all()) == [world.kelurahan]
    entry = AuditEntry.objects.get(action="oversight.audit.created", object_id=str(audit.pk))
    assert entry.actor == world.users["inspektur"]
    assert entry.changes["letter_number"] == [None, "700/9/ST/2026"]


@pytest.mark.parametrize("persona", ["admin_bkpsdm", "kepala", "pegawai", "admin_agensi_lain"])
def test_only_inspectors_plan_audits(world, unscoped, persona):
    with pytest.raises(PermissionDenied):
        _plan(world, world.users[persona])
    assert Audit.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"team": []}, "team"),
        ({"planned_end": TODAY - dt.timedelta(days=1)}, "planned_end"),
        ({"units": []}, "units"),
        ({"letter_number": "  "}, "letter_number"),
    ],
)
def test_plan_is_validated_field_by_field(world, unscoped, overrides, field):
    with pytest.raises(ValidationError) as error:
        _plan(world, world.users["inspektur"], **overrides)
    assert field in error.value.message_dict
    assert Audit.objects.count() == 0


def test_team_members_must_be_inspectors(world, unscoped):
    with pytest.raises(ValidationError) as error:
        _plan(
            world,
            world.users["inspektur"],
            team=[world.users["inspektur"], world.users["pegawai"]],
        )
    assert error.value.message_dict["team"] == [
        "Anggota tim harus pengguna aktif berperan inspektur di instansi ini."
    ]


def test_stages_move_forward_and_are_recorded(world, unscoped):
    lead = world.users["inspektur"]
    audit = _plan(world, lead)

    audit = services.change_audit_status(
        audit, actor=lead, target=AuditStatus.FIELDWORK, expected_version=audit.version
    )

    assert audit.status == AuditStatus.FIELDWORK
    assert audit.status_changed_by == lead
    entry = AuditEntry.objects.get(action="oversight.audit.status_changed")
    assert entry.changes == {"status": ["direncanakan", "pelaksanaan"]}


def test_a_stage_cannot_be_skipped(world, unscoped):
    audit = _plan(world, world.users["inspektur"])
    with pytest.raises(ValidationError):
        services.change_audit_status(
            audit, actor=world.users["inspektur"], target=AuditStatus.CLOSED, expected_version=None
        )
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.PLANNED


def test_a_stale_version_is_refused(world, unscoped):
    audit = _plan(world, world.users["inspektur"])
    with pytest.raises(StaleEdit):
        services.change_audit_status(
            audit,
            actor=world.users["inspektur"],
            target=AuditStatus.FIELDWORK,
            expected_version=audit.version - 1,
        )


def test_only_the_lead_moves_the_stage(world, unscoped):
    audit = _plan(world, world.users["inspektur"])
    with pytest.raises(PermissionDenied):
        services.change_audit_status(
            audit, actor=world.users["admin_bkpsdm"], target="pelaksanaan", expected_version=None
        )


def test_closing_needs_a_recommendation_for_every_finding(setup, world):
    lead = setup.lead
    bare = services.add_finding(
        setup.audit,
        actor=lead,
        unit=world.kecamatan,
        title="Apel pagi",
        category="disiplin",
        condition="a",
        criteria="b",
        cause="c",
        effect="d",
    )
    audit = services.change_audit_status(
        setup.audit, actor=lead, target="pelaporan", expected_version=None
    )
    with pytest.raises(ValidationError) as error:
        services.change_audit_status(audit, actor=lead, target="selesai", expected_version=None)
    assert error.value.messages == [f"Temuan nomor {bare.number} belum memiliki rekomendasi."]


def test_findings_are_numbered_within_their_audit(setup, world):
    second = services.add_finding(
        setup.audit,
        actor=setup.lead,
        unit=world.kecamatan,
        title="Apel pagi",
        category="disiplin",
        condition="a",
        criteria="b",
        cause="c",
        effect="d",
    )
    assert (setup.finding.number, second.number) == (1, 2)
    entry = AuditEntry.objects.get(action="oversight.finding.recorded", object_id=str(second.pk))
    assert entry.changes["condition"] == [None, "a"]


def test_a_finding_on_a_unit_outside_the_audit_is_refused(world, unscoped):
    audit = make_audit(world)
    outside = world.kecamatan.__class__.objects.create(
        agency=world.agency, name="Kecamatan Kertapati", kind="kecamatan"
    )
    with pytest.raises(ValidationError) as error:
        services.add_finding(
            audit,
            actor=world.users["inspektur"],
            unit=outside,
            title="x",
            category="pelayanan",
            condition="a",
            criteria="b",
            cause="c",
            effect="d",
        )
    assert "unit" in error.value.message_dict
    assert Finding.objects.count() == 0


def test_visits_are_recorded_in_fieldwork_only(world, unscoped):
    lead = world.users["inspektur"]
    planned = make_audit(world, status=AuditStatus.PLANNED)
    with pytest.raises(ValidationError):
        services.record_visit(
            planned, actor=lead, unit=world.kelurahan, visited_on=TODAY, notes="Loket."
        )
    audit = services.change_audit_status(
        planned, actor=lead, target="pelaksanaan", expected_version=None
    )
    visit = services.record_visit(
        audit, actor=lead, unit=world.kelurahan, visited_on=TODAY, notes="Loket ramai."
    )
    assert visit.inspector == lead
    assert AuditEntry.objects.filter(action="oversight.visit.recorded").count() == 1


def test_someone_off_the_team_cannot_write_in_the_audit(setup, world):
    with pytest.raises(PermissionDenied):
        services.record_visit(
            setup.audit,
            actor=world.users["admin_bkpsdm"],
            unit=world.kelurahan,
            visited_on=TODAY,
            notes="x",
        )
    assert FieldVisit.objects.count() == 0


def test_a_closed_audit_is_read_only(setup, world):
    lead = setup.lead
    audit = services.change_audit_status(
        setup.audit, actor=lead, target="pelaporan", expected_version=None
    )
    audit = services.change_audit_status(audit, actor=lead, target="selesai", expected_version=None)
    version = audit.version

    with pytest.raises(ValidationError):
        services.add_finding(
            audit,
            actor=lead,
            unit=world.kelurahan,
            title="x",
            category="pelayanan",
            condition="a",
            criteria="b",
            cause="c",
            effect="d",
        )
    with pytest.raises(ValidationError):
        services.add_recommendation(
            setup.finding, actor=lead, text="x", owner=world.atasan, due_date=TODAY
        )
    with pytest.raises(ValidationError):
        services.update_audit(
            audit,
            actor=lead,
            expected_version=version,
            title="Baru",
            letter_number="1",
            objectives="x",
            scope="",
            planned_start=TODAY,
            planned_end=TODAY,
            units=[world.kecamatan],
            team=[lead],
            lead=lead,
        )
    with pytest.raises(ValidationError):
        services.change_audit_status(audit, actor=lead, target="pelaporan", expected_version=None)
    current = Audit.objects.get(pk=audit.pk)
    assert (current.title, current.version, current.status) == (audit.title, version, "selesai")
    assert Finding.objects.filter(audit=audit).count() == 1


def test_lead_edits_the_plan_and_the_changes_are_recorded(setup, world):
    audit = services.update_audit(
        setup.audit,
        actor=setup.lead,
        expected_version=setup.audit.version,
        title="Pemeriksaan Pelayanan Terpadu",
        letter_number=setup.audit.letter_number,
        objectives=setup.audit.objectives,
        scope=setup.audit.scope,
        planned_start=setup.audit.planned_start,
        planned_end=setup.audit.planned_end,
        units=[world.kecamatan],
        team=[setup.lead],
        lead=setup.lead,
    )
    assert audit.title == "Pemeriksaan Pelayanan Terpadu"
    entry = AuditEntry.objects.get(action="oversight.audit.updated")
    assert entry.changes == {
        "title": ["Pemeriksaan Pelayanan Kecamatan Plaju", "Pemeriksaan Pelayanan Terpadu"]
    }


def test_team_revises_a_finding_and_each_change_is_recorded(setup, world):
    finding = services.update_finding(
        setup.finding,
        actor=setup.lead,
        expected_version=setup.finding.version,
        unit=world.kecamatan,
        title=setup.finding.title,
        category="disiplin",
        condition="16 dari 40 berkas terlambat.",
        criteria=setup.finding.criteria,
        cause=setup.finding.cause,
        effect=setup.finding.effect,
    )
    assert (finding.version, finding.unit, finding.category) == (
        setup.finding.version + 1,
        world.kecamatan,
        "disiplin",
    )
    entry = AuditEntry.objects.get(action="oversight.finding.updated")
    assert entry.changes == {
        "condition": ["14 dari 40 berkas terlambat.", "16 dari 40 berkas terlambat."],
        "unit": ["Kelurahan Plaju Ulu", "Kecamatan Plaju"],
        "category": ["pelayanan", "disiplin"],
    }
    with pytest.raises(StaleEdit):
        services.update_finding(
            finding,
            actor=setup.lead,
            expected_version=setup.finding.version,
            unit=world.kecamatan,
            title="Lama",
            category="disiplin",
            condition="a",
            criteria="b",
            cause="c",
            effect="d",
        )
    assert Finding.objects.get(pk=finding.pk).title == setup.finding.title
