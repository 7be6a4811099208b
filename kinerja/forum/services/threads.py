"""Writes of the discussion forum: a member opens a thread and replies; a head's or the agency
admin's reply is a leader's answer; the author or a leader marks the thread answered; the agency
admin moderates (hides a thread or a reply with a reason, restores it, locks a thread)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import Agency, Role, User
from kinerja.core.notifications import notify
from kinerja.core.permissions import actor_of, require
from kinerja.forum.models import Announcement, Post, Thread

TITLE_MAX = 200
BODY_MAX = 10_000
REASON_MAX = 300


def is_leader(user: User) -> bool:
    """A head or the agency admin: their replies are marked "Jawaban pimpinan"."""
    return actor_of(user).has_role_any((Role.HEAD, Role.AGENCY_ADMIN))


def _body_errors(body: str, field: str = "body") -> dict[str, str]:
    if not body.strip():
        return {field: _("Isi wajib diisi.")}
    if len(body) > BODY_MAX:
        return {field: _("Paling banyak %(n)s karakter.") % {"n": BODY_MAX}}
    return {}


def _reason(reason: str) -> str:
    cleaned = reason.strip()
    if not cleaned:
        raise ValidationError({"reason": _("Alasan wajib diisi.")})
    if len(cleaned) > REASON_MAX:
        raise ValidationError({"reason": _("Paling banyak %(n)s karakter.") % {"n": REASON_MAX}})
    return cleaned


def thread_url(thread: Thread) -> str:
    return reverse("forum:thread-detail", kwargs={"pk": thread.pk})


@transaction.atomic
def start_thread(
    agency: Agency,
    *,
    actor: User,
    title: str,
    body: str,
    announcement: Announcement | None = None,
) -> Thread:
    """A member of the agency opens a thread, optionally about an announcement they can read."""
    require(actor, "forum.start_thread")
    if actor.agency_id != agency.pk:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    errors = _body_errors(body)
    if not title.strip():
        errors["title"] = _("Judul wajib diisi.")
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = _("Paling banyak %(n)s karakter.") % {"n": TITLE_MAX}
    if announcement is not None and (
        announcement.agency_id != agency.pk
        or announcement.is_draft
        or not actor.has_perm("forum.view_announcement", announcement)
    ):
        errors["announcement"] = _("Pengumuman tidak ditemukan.")
    if errors:
        raise ValidationError(errors)
    thread = Thread.objects.create(
        agency=agency,
        title=title.strip(),
        body=body.strip(),
        author=actor,
        announcement=announcement,
        last_activity_at=timezone.now(),
    )
    audit.record(thread, "forum.thread.created", actor=actor, agency_id=agency.pk)
    return thread


@transaction.atomic
def reply(thread: Thread, *, actor: User, body: str) -> Post:
    """A member replies to an open thread; the thread's author is told of the reply."""
    require(actor, "forum.reply", thread)
    locked: Thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.is_locked:
        raise ValidationError(_("Utas ini dikunci moderator: tidak dapat dibalas lagi."))
    if locked.is_hidden:
        raise ValidationError(_("Utas ini disembunyikan moderator: tidak dapat dibalas."))
    errors = _body_errors(body)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    post = Post.objects.create(
        agency_id=locked.agency_id,
        thread=locked,
        author=actor,
        body=body.strip(),
        is_leader_answer=is_leader(actor),
    )
    Thread.objects.filter(pk=locked.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now
    )
    audit.record(post, "forum.post.created", actor=actor, agency_id=locked.agency_id)
    if locked.author_id is not None:
        notify(
            locked.author,
            code="forum.post.created",
            text=(
                _("Pimpinan menjawab utas Anda “%(title)s”.")
                if post.is_leader_answer
                else _("Balasan baru pada utas Anda “%(title)s”.")
            )
            % {"title": locked.title},
            url=thread_url(locked),
            agency_id=locked.agency_id,
            actor=actor,
        )
    return post


@transaction.atomic
def mark_answered(thread: Thread, *, actor: User, expected_version: int | None) -> Thread:
    """The author or a leader marks the thread answered (it stays open for replies)."""
    require(actor, "forum.mark_answered", thread)
    locked: Thread = Thread.objects.select_for_update().get(pk=thread.pk)
    check_version(locked.version, expected_version)
    if locked.is_answered:
        raise ValidationError(_("Utas ini sudah ditandai terjawab."))
    if locked.is_hidden:
        raise ValidationError(_("Utas ini disembunyikan moderator."))
    locked.is_answered = True
    locked.answered_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["is_answered", "answered_at", "version", "updated_at"])
    audit.record(
        locked,
        "forum.thread.answered",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"is_answered": (False, True)},
    )
    return locked


@transaction.atomic
def set_locked(
    thread: Thread, *, actor: User, expected_version: int | None, locked_state: bool
) -> Thread:
    """The moderator locks a thread (no more replies) or unlocks it."""
    require(actor, "forum.moderate", thread)
    locked: Thread = Thread.objects.select_for_update().get(pk=thread.pk)
    check_version(locked.version, expected_version)
    if locked.is_locked == locked_state:
        raise ValidationError(
            _("Utas ini sudah dikunci.") if locked_state else _("Utas ini tidak dikunci.")
        )
    locked.is_locked = locked_state
    locked.locked_at = timezone.now() if locked_state else None
    locked.locked_by = actor if locked_state else None
    locked.version += 1
    locked.save(update_fields=["is_locked", "locked_at", "locked_by", "version", "updated_at"])
    audit.record(
        locked,
        "forum.thread.locked" if locked_state else "forum.thread.unlocked",
        actor=actor,
        agency_id=locked.agency_id,
        changes={"is_locked": (not locked_state, locked_state)},
    )
    return locked


def _hide(item: Thread | Post, *, actor: User, reason: str, code: str) -> None:
    if item.is_hidden:
        raise ValidationError(_("Sudah disembunyikan."))
    item.is_hidden = True
    item.hidden_reason = reason
    item.hidden_at = timezone.now()
    item.hidden_by = actor
    item.version += 1
    item.save(
        update_fields=[
            "is_hidden",
            "hidden_reason",
            "hidden_at",
            "hidden_by",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        item,
        code,
        actor=actor,
        agency_id=item.agency_id,
        changes={"is_hidden": (False, True)},
        note=reason,
    )


def _restore(item: Thread | Post, *, actor: User, code: str) -> None:
    if not item.is_hidden:
        raise ValidationError(_("Tidak sedang disembunyikan."))
    reason = item.hidden_reason
    item.is_hidden = False
    item.hidden_reason = ""
    item.hidden_at = None
    item.hidden_by = None
    item.version += 1
    item.save(
        update_fields=[
            "is_hidden",
            "hidden_reason",
            "hidden_at",
            "hidden_by",
            "version",
            "updated_at",
        ]
    )
    audit.record(
        item,
        code,
        actor=actor,
        agency_id=item.agency_id,
        changes={"is_hidden": (True, False), "hidden_reason": (reason, "")},
    )


@transaction.atomic
def hide_thread(thread: Thread, *, actor: User, reason: str) -> Thread:
    """The moderator hides a thread with a reason; others see only the reason."""
    require(actor, "forum.moderate", thread)
    cleaned = _reason(reason)
    locked: Thread = Thread.objects.select_for_update().get(pk=thread.pk)
    _hide(locked, actor=actor, reason=cleaned, code="forum.thread.hidden")
    return locked


@transaction.atomic
def restore_thread(thread: Thread, *, actor: User) -> Thread:
    """The moderator shows a hidden thread again."""
    require(actor, "forum.moderate", thread)
    locked: Thread = Thread.objects.select_for_update().get(pk=thread.pk)
    _restore(locked, actor=actor, code="forum.thread.restored")
    return locked


@transaction.atomic
def hide_post(post: Post, *, actor: User, reason: str) -> Post:
    """The moderator hides a reply with a reason; others see only the reason."""
    require(actor, "forum.moderate", post)
    cleaned = _reason(reason)
    locked: Post = Post.objects.select_for_update().get(pk=post.pk)
    _hide(locked, actor=actor, reason=cleaned, code="forum.post.hidden")
    return locked


@transaction.atomic
def restore_post(post: Post, *, actor: User) -> Post:
    """The moderator shows a hidden reply again."""
    require(actor, "forum.moderate", post)
    locked: Post = Post.objects.select_for_update().get(pk=post.pk)
    _restore(locked, actor=actor, code="forum.post.restored")
    return locked
