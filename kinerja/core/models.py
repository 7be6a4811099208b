"""Core tables: agency, user accounts, role grants and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.tenancy import Agency, AgencyKind, TenantModel

__all__ = ["Agency", "AgencyKind", "AuditEntry", "Role", "RoleGrant", "User", "VersionedModel"]


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
