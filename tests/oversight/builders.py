"""Objects of the oversight tests, built through the services.

The standard audit: `inspektur` (lead, alone on the team) audits Kecamatan Plaju (kepala's
subtree) under a letter, in fieldwork; finding 1 is on Kelurahan Plaju Ulu, with one
recommendation owned by `atasan` (the Lurah) due in 30 days. `other=True` builds the same in
Subulussalam, with an inspector of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.core.models import Role, RoleGrant, User
from kinerja.oversight import services
from kinerja.oversight.models import Audit, AuditStatus, Finding, FollowUp, Recommendation
from tests.conftest import PASSWORD, World

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name: str = "bukti.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Setup:
    audit: Audit
    finding: Finding
    recommendation: Recommendation
    lead: User


def other_inspector(world: World) -> User:
    user = User.objects.filter(username="inspektur_lain").first()
    if user is None:
        user = User.objects.create_user(
            username="inspektur_lain", password=PASSWORD, agency=world.other_agency
        )
        RoleGrant.objects.create(user=user, role=Role.INSPECTOR)
    return user


def make_audit(world: World, *, other: bool = False, status: str = AuditStatus.FIELDWORK) -> Audit:
    today = timezone.localdate()
    lead = other_inspector(world) if other else world.users["inspektur"]
    agency = world.other_agency if other else world.agency
    audit = services.create_audit(
        agency,
        actor=lead,
        title="Pemeriksaan Pelayanan Kecamatan Plaju" if not other else "Pemeriksaan Dinkes",
        letter_number="700/01/ST/2026",
        objectives="Menilai kinerja pelayanan.",
        scope="Loket dan arsip.",
        planned_start=today - dt.timedelta(days=5),
        planned_end=today + dt.timedelta(days=20),
        units=[world.other_unit if other else world.kecamatan],
        team=[lead],
        lead=lead,
    )
    order = [AuditStatus.FIELDWORK, AuditStatus.REPORTING, AuditStatus.CLOSED]
    if status != AuditStatus.PLANNED:
        for target in order[: order.index(AuditStatus(status)) + 1]:
            if target == AuditStatus.CLOSED and not audit.findings.exists():
                break
            audit = services.change_audit_status(
                audit, actor=lead, target=target, expected_version=None
            )
    return audit


def make_setup(world: World, *, other: bool = False) -> Setup:
    audit = make_audit(world, other=other)
    lead = audit.lead
    finding = services.add_finding(
        audit,
        actor=lead,
        unit=world.other_unit if other else world.kelurahan,
        title="Surat keterangan terlambat",
        category="pelayanan",
        condition="14 dari 40 berkas terlambat.",
        criteria="Standar pelayanan 3 hari kerja.",
        cause="Register tidak dipantau.",
        effect="Warga menunggu lama.",
    )
    recommendation = services.add_recommendation(
        finding,
        actor=lead,
        text="Pantau register setiap minggu.",
        owner=world.pegawai_lain if other else world.atasan,
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    return Setup(audit, finding, recommendation, lead)


def make_follow_up(world: World, setup: Setup) -> FollowUp:
    owner = setup.recommendation.owner
    if owner.user_id is None:
        from kinerja.org import services as org

        org.create_account(owner, actor=None, roles=(), password=PASSWORD)
        owner.refresh_from_db()
    return services.submit_follow_up(
        setup.recommendation, actor=owner.user, text="Register dipantau.", upload=pdf_upload()
    )
