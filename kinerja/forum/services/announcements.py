"""Writes of an announcement's life: a publisher writes a draft, edits it, publishes it (the
audience is notified in bulk), withdraws it with a reason; an employee of the audience confirms
having read it.

Publishing to an agency of 60,000 employees costs a fixed number of queries: the recipients are
one `values_list` and the notifications one `bulk_create` (`core.notifications.notify_many`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, User
from kinerja.core.notifications import Notice, notify_many
from kinerja.core.permissions import actor_of, path_in_subtree, require
from kinerja.forum.models import (
    Announcement,
    AnnouncementStatus,
    ReadConfirmation,
)
from kinerja.forum.selectors.announcements import audience_of
from kinerja.org.models import Unit

PUBLISHED_CODE = "forum.announcement.published"
EDITABLE = ["title", "body", "whole_agency", "requires_confirmation", "remind_after_days"]


def _validate(
    agency: Agency,
    *,
    actor: User | None,
    title: str,
    body: str,
    whole_agency: bool,
    units: tuple[Unit, ...],
    remind_after_days: int,
) -> None:
    """The shape of an announcement and whether the actor may address this audience: the agency
    admin anyone, a head only units inside their own subtree."""
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Judul wajib diisi.")
    if not body.strip():
        errors["body"] = _("Isi pengumuman wajib diisi.")
    if not 1 <= remind_after_days <= 30:
        errors["remind_after_days"] = _("Isi antara 1 dan 30 hari.")
    if whole_agency == bool(units):
        errors["units"] = _(
            "Pilih seluruh instansi atau sekurang-kurangnya satu unit (tidak keduanya)."
        )
    if any(unit.agency_id != agency.pk or not unit.is_active for unit in units):
        errors["units"] = _("Unit sasaran harus unit aktif instansi ini.")
    if actor is not None and "units" not in errors:
        who = actor_of(actor)
        if not who.is_superuser and "agency_admin" not in who.roles:
            if whole_agency:
                errors["units"] = _(
                    "Kepala unit hanya dapat mengumumkan kepada unit di bawah kepemimpinannya, "
                    "bukan seluruh instansi."
                )
            elif not all(path_in_subtree(u.path, who.head_unit_paths) for u in units):
                errors["units"] = _("Sebagian unit sasaran berada di luar unit yang Anda pimpin.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_announcement(
    agency: Agency,
    *,
    actor: User | None,
    title: str,
    body: str,
    whole_agency: bool,
    units: Iterable[Unit] = (),
    requires_confirmation: bool = True,
    remind_after_days: int = 3,
) -> Announcement:
    """A publisher writes a draft announcement for the whole agency or chosen units."""
    if actor is not None:
        require(actor, "forum.publish_announcements")
        if actor_of(actor).agency_id not in (agency.pk, None):
            raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    chosen = tuple(units)
    _validate(
        agency,
        actor=actor,
        title=title,
        body=body,
        whole_agency=whole_agency,
        units=chosen,
        remind_after_days=remind_after_days,
    )
    announcement = Announcement.objects.create(
        agency=agency,
        title=title.strip(),
        body=body.strip(),
        whole_agency=whole_agency,
        requires_confirmation=requires_confirmation,
        remind_after_days=remind_after_days,
        created_by=actor,
    )
    announcement.units.set(chosen)
    audit.record(announcement, "forum.announcement.created", actor=actor, agency_id=agency.pk)
    return announcement


def _lock(announcement: Announcement, expected_version: int | None) -> Announcement:
    locked: Announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    check_version(locked.version, expected_version)
    return locked


@transaction.atomic
def update_announcement(
    announcement: Announcement,
    *,
    actor: User | None,
    expected_version: int | None,
    title: str,
    body: str,
    whole_agency: bool,
    units: Iterable[Unit] = (),
    requires_confirmation: bool = True,
    remind_after_days: int = 3,
) -> Announcement:
    """Edit a draft (a published announcement is withdrawn and written anew, never changed
    under its readers' confirmations)."""
    if actor is not None:
        require(actor, "forum.manage_announcement", announcement)
    locked = _lock(announcement, expected_version)
    if not locked.is_draft:
        raise ValidationError(_("Pengumuman yang sudah terbit tidak dapat diubah."))
    chosen = tuple(units)
    agency = Agency.objects.get(pk=locked.agency_id)
    _validate(
        agency,
        actor=actor,
        title=title,
        body=body,
        whole_agency=whole_agency,
        units=chosen,
        remind_after_days=remind_after_days,
    )
    before = audit.snapshot(locked, EDITABLE)
    locked.title = title.strip()
    locked.body = body.strip()
    locked.whole_agency = whole_agency
    locked.requires_confirmation = requires_confirmation
    locked.remind_after_days = remind_after_days
    locked.version += 1
    locked.save(update_fields=[*EDITABLE, "version", "updated_at"])
    locked.units.set(chosen)
    audit.record(
        locked,
        "forum.announcement.updated",
        actor=actor,
        agency_id=locked.agency_id,
        changes=audit.diff(locked, EDITABLE, before),
    )
    return locked


def announcement_url(announcement: Announcement) -> str:
    return reverse("forum:announcement-detail", kwargs={"pk": announcement.pk})


@transaction.atomic
def publish_announcement(
    announcement: Announcement, *, actor: User | None, expected_version: int | None
) -> Announcement:
    """Publish a draft: readers see it and every account of the audience is notified in bulk
    (a fixed number of queries, whatever the audience's size)."""
    if actor is not None:
        require(actor, "forum.manage_announcement", announcement)
    locked = _lock(announcement, expected_version)
    if not locked.is_draft:
        raise ValidationError(_("Hanya draf yang dapat diterbitkan."))
    if not locked.whole_agency and not locked.units.exists():
        raise ValidationError(_("Pilih unit sasaran sebelum menerbitkan."))
    locked.status = AnnouncementStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = actor
    locked.version += 1
    locked.save(update_fields=["status", "published_at", "published_by", "version", "updated_at"])
    recipients = audience_of(locked).filter(user__isnull=False, user__is_active=True)
    if actor is not None:  # nobody is told of what they did themselves
        recipients = recipients.exclude(user_id=actor.pk)
    recipient_ids = recipients.order_by().values_list("user_id", flat=True)
    text = (
        _("Pengumuman baru: “%(title)s”. Mohon baca dan konfirmasi.")
        if locked.requires_confirmation
        else _("Pengumuman baru: “%(title)s”.")
    ) % {"title": locked.title}
    url = announcement_url(locked)
    sent = notify_many(
        (
            Notice(recipient_id=user_id, text=text, url=url)
            for user_id in recipient_ids.iterator(5000)
        ),
        code=PUBLISHED_CODE,
        agency_id=locked.agency_id,
    )
    audit.record(
        locked,
        "forum.announcement.published",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"status": (AnnouncementStatus.DRAFT, AnnouncementStatus.PUBLISHED)},
        note=_("%(count)s akun diberi tahu.") % {"count": sent},
    )
    return locked


@transaction.atomic
def withdraw_announcement(
    announcement: Announcement,
    *,
    actor: User | None,
    expected_version: int | None,
    reason: str,
) -> Announcement:
    """Withdraw a published announcement with a reason; readers still see it, marked withdrawn,
    and nobody is reminded of it any more."""
    if actor is not None:
        require(actor, "forum.manage_announcement", announcement)
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan penarikan wajib diisi.")})
    locked = _lock(announcement, expected_version)
    if not locked.is_published:
        raise ValidationError(_("Hanya pengumuman yang sedang terbit yang dapat ditarik."))
    locked.status = AnnouncementStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor
    locked.withdrawal_reason = reason.strip()
    locked.version += 1
    locked.save(
        update_fields=[
            "status",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        locked,
        "forum.announcement.withdrawn",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"status": (AnnouncementStatus.PUBLISHED, AnnouncementStatus.WITHDRAWN)},
        note=locked.withdrawal_reason,
    )
    return locked


@transaction.atomic
def confirm_read(announcement: Announcement, *, actor: User) -> ReadConfirmation:
    """An employee of the audience confirms having read a published announcement; confirming
    again changes nothing and returns the first confirmation."""
    require(actor, "forum.confirm_read", announcement)
    employee_id = actor_of(actor).employee_id
    if employee_id is None:  # the permission already needs one; kept for the type checker
        raise PermissionDenied(_("Akun ini tidak terhubung dengan data pegawai."))
    if not announcement.is_published:
        raise ValidationError(_("Pengumuman ini tidak sedang terbit."))
    if not announcement.requires_confirmation:
        raise ValidationError(_("Pengumuman ini tidak memerlukan konfirmasi."))
    existing = ReadConfirmation.objects.filter(
        announcement=announcement, employee_id=employee_id
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            confirmation = ReadConfirmation.objects.create(
                agency_id=announcement.agency_id,
                announcement=announcement,
                employee_id=employee_id,
            )
    except IntegrityError:  # a double click raced the first confirmation
        return ReadConfirmation.objects.get(announcement=announcement, employee_id=employee_id)
    audit.record(
        announcement,
        "forum.announcement.confirmed",
        actor=actor,
        agency_id=announcement.agency_id,
    )
    return confirmation
