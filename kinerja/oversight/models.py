"""Internal supervision (pengawasan internal): audits of units by the inspectorate, their field
visits, findings (kondisi, kriteria, sebab, akibat), recommendations with an owner and a due
date, and the follow-ups (tindak lanjut) that the owner submits with evidence."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantManager, TenantModel


class AuditStatus(models.TextChoices):
    PLANNED = "direncanakan", _("Direncanakan")
    FIELDWORK = "pelaksanaan", _("Pemeriksaan lapangan")
    REPORTING = "pelaporan", _("Pelaporan")
    CLOSED = "selesai", _("Selesai")


class AuditQuerySet(models.QuerySet["Audit"]):
    def in_progress(self) -> AuditQuerySet:
        """Audits whose team is at work: fieldwork or reporting."""
        return self.filter(status__in=[AuditStatus.FIELDWORK, AuditStatus.REPORTING])


class Audit(TenantModel, VersionedModel):
    """A pemeriksaan: an assignment letter sends a team of inspectors to audit units (with
    their subtrees), from plan to closed report."""

    title = models.CharField(_("judul pemeriksaan"), max_length=200)
    letter_number = models.CharField(_("nomor surat tugas"), max_length=100)
    objectives = models.TextField(_("tujuan pemeriksaan"))
    scope = models.TextField(_("ruang lingkup"), blank=True)
    planned_start = models.DateField(_("rencana mulai"))
    planned_end = models.DateField(_("rencana selesai"))
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    units = models.ManyToManyField(
        "org.Unit", related_name="+", verbose_name=_("unit yang diperiksa")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ketua tim"),
    )
    team: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="oversight_audits", verbose_name=_("tim pemeriksa")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status diubah oleh"),
    )
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)

    objects: ClassVar[Any] = TenantManager(AuditQuerySet)

    class Meta:
        verbose_name = _("pemeriksaan")
        verbose_name_plural = _("pemeriksaan")
        ordering = ["-planned_start", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "-planned_start"], name="audit_agency_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("planned_start")),
                name="audit_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == AuditStatus.CLOSED


class FieldVisit(TenantModel):
    """A visit of an inspector to an audited unit, with the notes taken there."""

    audit = models.ForeignKey(
        Audit, on_delete=models.CASCADE, related_name="visits", verbose_name=_("pemeriksaan")
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemeriksa"),
    )
    visited_on = models.DateField(_("tanggal kunjungan"))
    notes = models.TextField(_("catatan lapangan"))
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kunjungan lapangan")
        verbose_name_plural = _("kunjungan lapangan")
        ordering = ["audit", "visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.visited_on}"


class FindingCategory(models.TextChoices):
    SERVICE = "pelayanan", _("Pelayanan publik")
    DISCIPLINE = "disiplin", _("Disiplin pegawai")
    PERFORMANCE = "kinerja", _("Kinerja")
    ADMINISTRATION = "administrasi", _("Administrasi")
    OTHER = "lainnya", _("Lainnya")


class Finding(TenantModel, VersionedModel):
    """A temuan, numbered within its audit, in the standard structure of an Indonesian audit
    finding: kondisi (what is), kriteria (what should be), sebab, akibat."""

    audit = models.ForeignKey(
        Audit, on_delete=models.CASCADE, related_name="findings", verbose_name=_("pemeriksaan")
    )
    number = models.PositiveSmallIntegerField(_("nomor temuan"))
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("judul temuan"), max_length=200)
    category = models.CharField(_("kategori"), max_length=20, choices=FindingCategory.choices)
    condition = models.TextField(_("kondisi"))
    criteria = models.TextField(_("kriteria"))
    cause = models.TextField(_("sebab"))
    effect = models.TextField(_("akibat"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    class Meta:
        verbose_name = _("temuan")
        verbose_name_plural = _("temuan")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="finding_number_in_audit")
        ]

    def __str__(self) -> str:
        return f"Temuan {self.number}: {self.title}"


class RecommendationStatus(models.TextChoices):
    OPEN = "terbuka", _("Belum ditindaklanjuti")
    IN_PROGRESS = "proses", _("Dalam proses")
    COMPLETED = "selesai", _("Selesai")
    NOT_APPLICABLE = "tidak_dapat", _("Tidak dapat ditindaklanjuti")


UNFINISHED = (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def unfinished(self) -> RecommendationQuerySet:
        return self.filter(status__in=UNFINISHED)

    def overdue(self, today: Any) -> RecommendationQuerySet:
        """Past the due date and not finished (completed or not applicable)."""
        return self.unfinished().filter(due_date__lt=today)


class Recommendation(TenantModel, VersionedModel):
    """What a finding asks of the unit: a text, an owner (usually the unit's head) and a due
    date; finished when a follow-up is accepted, or declared not applicable with a reason."""

    finding = models.ForeignKey(
        Finding,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("temuan"),
    )
    text = models.TextField(_("rekomendasi"))
    owner = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penanggung jawab"),
    )
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    closing_reason = models.TextField(_("alasan tidak dapat ditindaklanjuti"), blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    objects: ClassVar[Any] = TenantManager(RecommendationQuerySet)

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["finding__number", "id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"], name="recommendation_due"),
            models.Index(fields=["owner", "status"], name="recommendation_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="tidak_dapat") | ~Q(closing_reason=""),
                name="not_applicable_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_finished(self) -> bool:
        return self.status not in UNFINISHED


class FollowUpStatus(models.TextChoices):
    SUBMITTED = "diajukan", _("Menunggu tinjauan")
    ACCEPTED = "diterima", _("Diterima")
    REJECTED = "ditolak", _("Ditolak")


def follow_up_path(instance: FollowUp, filename: str) -> str:
    """Stored by content (SHA-256) outside the web root; the original name is kept apart."""
    return f"oversight/{instance.agency_id}/{instance.sha256[:2]}/{instance.sha256}"


class FollowUp(TenantModel, VersionedModel):
    """A tindak lanjut: what the owner did, with an evidence file, reviewed by the audit team."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("rekomendasi"),
    )
    text = models.TextField(_("uraian tindak lanjut"))
    file = models.FileField(_("bukti"), upload_to=follow_up_path, max_length=200, blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis isi"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diajukan oleh"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.SUBMITTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditinjau oleh"),
    )
    reviewed_at = models.DateTimeField(_("ditinjau"), null=True, blank=True)
    review_note = models.TextField(_("catatan tinjauan"), blank=True)

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["recommendation", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation"],
                condition=Q(status="diajukan"),
                name="one_pending_follow_up",
                violation_error_message=_("Masih ada tindak lanjut yang menunggu tinjauan."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(review_note=""),
                name="rejected_follow_up_has_note",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]
