"""Core tables: agency, user accounts, role grants and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.tenancy import Agency, AgencyKind, TenantModel

__all__ = [
    "Agency",
    "AgencyKind",
    "AuditEntry",
    "IssuedDocument",
    "Notification",
    "Role",
    "RoleGrant",
    "User",
    "VersionedModel",
]


class VersionedModel(models.Model):
    """Timestamps and a version column for optimistic concurrency."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    version = models.PositiveIntegerField(_("versi"), default=1)

    class Meta:
        abstract = True


class User(AbstractUser):
    """An account. Employees log in with their NIP or username; `agency` is their tenant."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("instansi"),
    )
    must_change_password = models.BooleanField(_("wajib ganti kata sandi"), default=False)

    objects: ClassVar[UserManager[Any]] = UserManager()

    class Meta:
        verbose_name = _("akun pengguna")
        verbose_name_plural = _("akun pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    """Granted roles. Employee and supervisor are derived from the organisation data."""

    AGENCY_ADMIN = "agency_admin", _("Admin BKPSDM")
    HEAD = "head", _("Kepala unit/instansi")
    INSPECTOR = "inspector", _("Inspektur")
    SERVICE_DESK = "service_desk", _("Petugas layanan")
    NATIONAL_VIEWER = "national_viewer", _("Pemantau nasional/provinsi")


class RoleGrant(models.Model):
    """A role given to a user; a head's grant names the unit whose subtree they lead."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pemberian peran")
        verbose_name_plural = _("pemberian peran")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="uniq_role_grant"),
            models.CheckConstraint(
                condition=~models.Q(role="head") | models.Q(unit__isnull=False),
                name="head_grant_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class AuditEntry(TenantModel):
    """One audited change: who did what to which object, field by field (old → new)."""

    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    action = models.CharField(_("aksi"), max_length=80, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=60)
    object_id = models.CharField(_("ID objek"), max_length=40)
    object_repr = models.CharField(_("objek"), max_length=255)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-created_at"], name="audit_agency_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class IssuedDocument(TenantModel):
    """A sealed official PDF: its hash and an unguessable token for the public verification page.

    Only what the verification page shows is stored (who, approved by whom and when), never the
    document's content. Re-issuing unchanged content keeps the record; a changed document gets a
    new record and the older ones of the same object are marked superseded.
    """

    class Kind(models.TextChoices):
        SKP = "skp", _("Sasaran Kinerja Pegawai")
        EVALUATION = "evaluasi", _("Dokumen Evaluasi Kinerja Pegawai")
        PREDICATE = "predikat", _("Penetapan Predikat Kinerja")

    kind = models.CharField(_("jenis dokumen"), max_length=20, choices=Kind.choices)
    object_type = models.CharField(_("jenis objek"), max_length=60)
    object_id = models.CharField(_("ID objek"), max_length=40)
    title = models.CharField(_("judul"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    token = models.CharField(_("token verifikasi"), max_length=64, unique=True)
    issued_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    approved_by_name = models.CharField(_("disetujui oleh"), max_length=200)
    approved_at = models.DateTimeField(_("disetujui"), null=True)
    subject_name = models.CharField(_("nama pegawai"), max_length=200)
    subject_nip = models.CharField(_("NIP pegawai"), max_length=30)
    superseded = models.BooleanField(_("sudah digantikan"), default=False)

    class Meta:
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id"],
                condition=models.Q(superseded=False),
                name="one_current_issued_document",
            ),
        ]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="issued_document_object"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.subject_name}"


class Notification(models.Model):
    """An in-app notification for one user (also sent by email when the user has an address).

    `code` is a dotted event code ("planning.plan.submitted"); `text` is rendered in Indonesian
    when the event happens, `url` opens the object. Not a tenant table: a notification belongs to
    its recipient, and only the recipient ever reads it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("jenis"), max_length=80)
    text = models.CharField(_("isi"), max_length=500)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    dedupe_key = models.CharField(_("kunci pengingat"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat email"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="one_reminder_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")
        ]

    def __str__(self) -> str:
        return self.text[:80]
