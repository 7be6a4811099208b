"""Demo internal supervision in Kota Palembang, after the organisation demo.

Seed 001: Kertapati has "tim pengawas … untuk menilai kinerja ASN di lapangan dan memberikan
rekomendasi perbaikan". So the inspectorate of Palembang (`palembang.inspektur` leading, one
auditor beside them) has audited Kecamatan Kertapati and is REPORTING: field visits, a finding
on public service at Kelurahan Kertapati and one on discipline at the kecamatan, with
recommendations — one OVERDUE (owned by the Lurah), one COMPLETED through an accepted follow-up
with its evidence file, one awaiting review and one open. A second audit, of Kecamatan Plaju's
complaint handling, is still planned. The owner of the Kertapati recommendations, the Camat,
gets an account (head of Kecamatan Kertapati; username = NIP) so that "Rekomendasi saya" can be
tried; the summary names it.

Everything goes through the services (permissions, validation, audit trail), except the due
date of the overdue recommendation, which is moved into the past afterwards (demo data: the
service refuses a due date before today). Deterministic; does nothing once the agency has an
audit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kinerja.core.models import Agency, Role, User
from kinerja.org import services as org
from kinerja.org.demo.loading import DEMO_PASSWORD
from kinerja.org.models import Employee, Unit
from kinerja.oversight import services
from kinerja.oversight.models import Audit, AuditStatus, FindingCategory, Recommendation


@dataclass(frozen=True)
class OversightDemoSummary:
    audits: int
    findings: int
    recommendations: int
    owner_username: str


def _evidence_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF standing for the scanned evidence of a follow-up."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(60, 780, title)
    canvas.setFont("Helvetica", 10)
    for index, line in enumerate(lines):
        canvas.drawString(60, 750 - index * 16, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _head_of(unit: Unit, prefix: str) -> Employee | None:
    return (
        Employee.objects.filter(unit=unit, is_active=True, position__name__startswith=prefix)
        .select_related("user")
        .order_by("nip")
        .first()
    )


def _account(employee: Employee, *roles: Role, head_unit: Unit | None = None) -> User:
    if employee.user is not None:
        return employee.user
    return org.create_account(
        employee, actor=None, roles=roles, head_unit=head_unit, password=DEMO_PASSWORD
    ).user


@transaction.atomic
def load_demo_oversight(
    agency: Agency, *, seed: int, today: dt.date | None = None
) -> OversightDemoSummary | None:
    """The demo audits of Palembang (see the module docstring); None for other agencies, when
    the units or the inspector are missing, or once the agency has an audit."""
    if agency.code != "palembang" or Audit.objects.filter(agency=agency).exists():
        return None
    today = today or timezone.localdate()
    inspector = User.objects.filter(username=f"{agency.code}.inspektur").first()
    kertapati = Unit.objects.filter(agency=agency, name="Kecamatan Kertapati").first()
    kelurahan = Unit.objects.filter(agency=agency, name="Kelurahan Kertapati").first()
    plaju = Unit.objects.filter(agency=agency, name="Kecamatan Plaju").first()
    inspectorate = Unit.objects.filter(agency=agency, name="Inspektorat").first()
    if (
        inspector is None
        or kertapati is None
        or kelurahan is None
        or plaju is None
        or inspectorate is None
    ):
        return None
    camat = _head_of(kertapati, "Camat")
    lurah = _head_of(kelurahan, "Lurah")
    auditor_employee = (
        Employee.objects.filter(
            agency=agency,
            is_active=True,
            unit__path__startswith=inspectorate.path,
            position__name__startswith="Auditor Ahli",
        )
        .order_by("position__name", "nip")
        .first()
    )
    if camat is None or lurah is None or auditor_employee is None:
        return None
    auditor = _account(auditor_employee, Role.INSPECTOR)
    camat_user = _account(camat, Role.HEAD, head_unit=kertapati)
    team = [inspector, auditor]

    audit = services.create_audit(
        agency,
        actor=inspector,
        title="Pemeriksaan Kinerja Pelayanan dan Disiplin ASN Kecamatan Kertapati",
        letter_number="700/045/ST/INSP/2026",
        objectives=(
            "Menilai kinerja ASN di lapangan pada pelayanan administrasi kependudukan dan "
            "surat keterangan, serta kepatuhan terhadap ketentuan jam kerja."
        ),
        scope=(
            "Kantor Camat Kertapati dan enam kelurahan; data layanan, pengaduan dan presensi "
            "tiga bulan terakhir."
        ),
        planned_start=today - dt.timedelta(days=45),
        planned_end=today - dt.timedelta(days=10),
        units=[kertapati],
        team=team,
        lead=inspector,
    )
    audit = services.change_audit_status(
        audit, actor=inspector, target=AuditStatus.FIELDWORK, expected_version=None
    )
    visits = (
        (
            kertapati,
            inspector,
            44,
            "Wawancara dengan Sekretaris Camat; rekap presensi tiga bulan "
            "diminta. Apel pagi dihadiri 31 dari 42 pegawai.",
        ),
        (
            kelurahan,
            auditor,
            42,
            "Observasi loket: 9 permohonan surat keterangan menunggu lebih "
            "dari 3 hari kerja; standar pelayanan tidak dipajang.",
        ),
        (
            kelurahan,
            inspector,
            38,
            "Uji petik 40 berkas permohonan: 14 diselesaikan melewati "
            "standar waktu. Buku register tidak diisi lengkap.",
        ),
    )
    for unit, who, days_ago, notes in visits:
        services.record_visit(
            audit,
            actor=who,
            unit=unit,
            visited_on=today - dt.timedelta(days=days_ago),
            notes=notes,
        )
    service = services.add_finding(
        audit,
        actor=auditor,
        unit=kelurahan,
        title="Penyelesaian surat keterangan melampaui standar waktu pelayanan",
        category=FindingCategory.SERVICE,
        condition=(
            "Dari 40 berkas yang diuji petik, 14 surat keterangan (35%) diselesaikan lebih dari "
            "3 hari kerja; standar pelayanan tidak dipajang di loket."
        ),
        criteria=(
            "Standar pelayanan Kelurahan menetapkan surat keterangan selesai dalam 3 hari kerja "
            "dan wajib diumumkan (UU 25/2009 Pasal 15 dan 21)."
        ),
        cause="Register permohonan tidak dipantau dan tidak ada petugas pengganti saat cuti.",
        effect="Warga menunggu lebih lama dan pengaduan tentang layanan kelurahan meningkat.",
    )
    discipline = services.add_finding(
        audit,
        actor=inspector,
        unit=kertapati,
        title="Kehadiran apel dan jam kerja di bawah ketentuan",
        category=FindingCategory.DISCIPLINE,
        condition=(
            "Rata-rata kehadiran apel pagi 74%; 6 pegawai tercatat pulang sebelum jam kerja "
            "berakhir lebih dari 5 kali dalam sebulan."
        ),
        criteria="PP 94/2021 tentang Disiplin PNS: kewajiban masuk kerja dan menaati jam kerja.",
        cause="Presensi masih manual dan rekap tidak diperiksa atasan langsung.",
        effect="Layanan di kantor kecamatan tidak tersedia penuh pada jam pelayanan.",
    )
    in_month = today + dt.timedelta(days=30)
    overdue = services.add_recommendation(
        service,
        actor=auditor,
        text=(
            "Memajang standar pelayanan di loket dan memantau waktu penyelesaian surat "
            "keterangan setiap minggu melalui register."
        ),
        owner=lurah,
        due_date=today,
    )
    services.add_recommendation(
        service,
        actor=auditor,
        text="Menunjuk petugas pengganti loket selama petugas utama cuti atau dinas luar.",
        owner=camat,
        due_date=in_month,
    )
    completed = services.add_recommendation(
        discipline,
        actor=inspector,
        text=(
            "Menerapkan presensi elektronik dan menyampaikan rekap kehadiran bulanan kepada BKPSDM."
        ),
        owner=camat,
        due_date=today + dt.timedelta(days=5),
    )
    pending = services.add_recommendation(
        discipline,
        actor=inspector,
        text="Melakukan pembinaan kepada enam pegawai yang berulang kali pulang sebelum waktunya.",
        owner=camat,
        due_date=in_month,
    )
    audit = services.change_audit_status(
        audit, actor=inspector, target=AuditStatus.REPORTING, expected_version=None
    )
    follow_up = services.submit_follow_up(
        completed,
        actor=camat_user,
        text=(
            "Mesin presensi elektronik dipasang di kantor camat sejak awal bulan; rekap bulan "
            "pertama terlampir dan telah dikirim ke BKPSDM."
        ),
        upload=SimpleUploadedFile(
            "rekap-presensi-kertapati.pdf",
            _evidence_pdf(
                "Rekap Presensi Elektronik Kecamatan Kertapati",
                ["Kehadiran rata-rata: 93%", "Dikirim kepada BKPSDM Kota Palembang."],
            ),
            content_type="application/pdf",
        ),
    )
    services.review_follow_up(
        follow_up,
        actor=inspector,
        accept=True,
        note="Bukti sesuai; presensi elektronik berjalan.",
        expected_version=None,
    )
    services.submit_follow_up(
        pending,
        actor=camat_user,
        text="Pembinaan telah dilakukan kepada enam pegawai; berita acara terlampir.",
        upload=SimpleUploadedFile(
            "berita-acara-pembinaan.pdf",
            _evidence_pdf(
                "Berita Acara Pembinaan Disiplin", ["Enam pegawai hadir dan menandatangani."]
            ),
            content_type="application/pdf",
        ),
    )
    # Demo data: the service refuses a past due date, so the overdue one is moved afterwards.
    Recommendation.objects.filter(pk=overdue.pk).update(due_date=today - dt.timedelta(days=9))

    services.create_audit(
        agency,
        actor=inspector,
        title="Pemeriksaan Pengelolaan Pengaduan Masyarakat Kecamatan Plaju",
        letter_number="700/061/ST/INSP/2026",
        objectives="Menilai ketepatan waktu penanganan pengaduan dan tindak lanjutnya.",
        scope="Pengaduan yang diterima kecamatan dan kelurahan selama semester berjalan.",
        planned_start=today + dt.timedelta(days=14),
        planned_end=today + dt.timedelta(days=28),
        units=[plaju],
        team=team,
        lead=auditor,
    )
    return OversightDemoSummary(
        audits=2, findings=2, recommendations=4, owner_username=camat_user.username
    )
