"""Socialisation tables: policy announcements with a read confirmation per employee, and
discussion threads with their replies.

Who has not read an announcement yet is never stored: it is the active employees of the
audience without a `ReadConfirmation`, computed in SQL (`selectors.announcements`), so moving
or deactivating an employee changes the list at once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantManager, TenantModel

# How many days after publication a reader who has not confirmed is reminded (then as often).
DEFAULT_REMIND_AFTER_DAYS = 3


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    WITHDRAWN = "withdrawn", _("Ditarik")


class AnnouncementQuerySet(models.QuerySet["Announcement"]):
    def published(self) -> AnnouncementQuerySet:
        return self.filter(status=AnnouncementStatus.PUBLISHED)

    def visible_to_readers(self) -> AnnouncementQuerySet:
        """Published or withdrawn (a withdrawn one stays readable with its reason)."""
        return self.exclude(status=AnnouncementStatus.DRAFT)


class Announcement(TenantModel, VersionedModel):
    """A policy announcement to the whole agency or to chosen units (with their subtrees)."""

    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    whole_agency = models.BooleanField(_("seluruh instansi"), default=False)
    units = models.ManyToManyField(
        "org.Unit", related_name="+", blank=True, verbose_name=_("unit kerja sasaran")
    )
    requires_confirmation = models.BooleanField(_("wajib konfirmasi sudah membaca"), default=True)
    remind_after_days = models.PositiveSmallIntegerField(
        _("ingatkan setelah (hari)"), default=DEFAULT_REMIND_AFTER_DAYS
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AnnouncementStatus.choices,
        default=AnnouncementStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterbitkan oleh"),
    )
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditarik oleh"),
    )
    withdrawal_reason = models.TextField(_("alasan penarikan"), blank=True)

    objects: ClassVar[Any] = TenantManager(AnnouncementQuerySet)

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["agency", "status", "-published_at"], name="announcement_agency_status"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_announcement_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(remind_after_days__gte=1, remind_after_days__lte=30),
                name="announcement_remind_days_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == AnnouncementStatus.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == AnnouncementStatus.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == AnnouncementStatus.WITHDRAWN


class ReadConfirmation(TenantModel):
    """An employee confirms having read an announcement (once)."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="confirmations"
    )
    employee = models.ForeignKey(
        "org.Employee", on_delete=models.CASCADE, related_name="+", verbose_name=_("pegawai")
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), auto_now_add=True)

    class Meta:
        verbose_name = _("konfirmasi membaca")
        verbose_name_plural = _("konfirmasi membaca")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "employee"], name="one_read_confirmation_per_employee"
            ),
        ]
        indexes = [models.Index(fields=["employee"], name="read_confirmation_employee")]

    def __str__(self) -> str:
        return f"{self.announcement_id} · {self.employee_id}"


class Moderated(models.Model):
    """What a moderator hid, why, who and when (the author still sees their own text)."""

    is_hidden = models.BooleanField(_("disembunyikan"), default=False)
    hidden_reason = models.CharField(_("alasan disembunyikan"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("disembunyikan pada"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disembunyikan oleh"),
    )

    class Meta:
        abstract = True


class Thread(TenantModel, VersionedModel, Moderated):
    """A discussion thread opened by a member of the agency, optionally about an announcement."""

    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("pertanyaan atau pokok bahasan"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("pembuka"),
    )
    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("tentang pengumuman"),
    )
    is_answered = models.BooleanField(_("terjawab"), default=False)
    answered_at = models.DateTimeField(_("ditandai terjawab"), null=True, blank=True)
    is_locked = models.BooleanField(_("dikunci"), default=False)
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikunci oleh"),
    )
    reply_count = models.PositiveIntegerField(_("balasan"), default=0)
    last_activity_at = models.DateTimeField(_("aktivitas terakhir"), db_index=True)

    class Meta:
        verbose_name = _("utas diskusi")
        verbose_name_plural = _("utas diskusi")
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-last_activity_at"], name="thread_agency_activity"),
        ]

    def __str__(self) -> str:
        return self.title


class Post(TenantModel, VersionedModel, Moderated):
    """A reply in a thread; a reply by a head or the agency admin is a leader's answer."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("penulis"),
    )
    body = models.TextField(_("balasan"))
    is_leader_answer = models.BooleanField(_("jawaban pimpinan"), default=False)

    class Meta:
        verbose_name = _("balasan")
        verbose_name_plural = _("balasan")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"], name="post_thread_time")]

    def __str__(self) -> str:
        return f"{self.thread_id} · {self.body[:40]}"
