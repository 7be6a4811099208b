"""Writes of the forum area, one module per subject; every one with an `actor`, in a
transaction, audited."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kinerja.core import audit


def register_audit_actions() -> None:
    """Register the audit codes of the forum area (called from ForumConfig.ready)."""
    audit.register_actions(
        {
            "forum.announcement.created": gettext_lazy("Draf pengumuman dibuat"),
            "forum.announcement.updated": gettext_lazy("Draf pengumuman diubah"),
            "forum.announcement.published": gettext_lazy("Pengumuman diterbitkan"),
            "forum.announcement.withdrawn": gettext_lazy("Pengumuman ditarik"),
            "forum.announcement.confirmed": gettext_lazy("Pegawai mengonfirmasi sudah membaca"),
            "forum.thread.created": gettext_lazy("Utas diskusi dibuka"),
            "forum.thread.answered": gettext_lazy("Utas diskusi ditandai terjawab"),
            "forum.thread.locked": gettext_lazy("Utas diskusi dikunci"),
            "forum.thread.unlocked": gettext_lazy("Kunci utas diskusi dibuka"),
            "forum.thread.hidden": gettext_lazy("Utas diskusi disembunyikan moderator"),
            "forum.thread.restored": gettext_lazy("Utas diskusi ditampilkan kembali"),
            "forum.post.created": gettext_lazy("Balasan diskusi dikirim"),
            "forum.post.hidden": gettext_lazy("Balasan diskusi disembunyikan moderator"),
            "forum.post.restored": gettext_lazy("Balasan diskusi ditampilkan kembali"),
        }
    )
