"""XLSX rows of the forum area, from the same selectors as the pages: who has not confirmed an
announcement yet, and the thread list (for the agency admin)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from kinerja.forum.models import Thread
from kinerja.org.models import Employee

UNREAD_HEADERS = ["NIP", "Nama", "Jabatan", "Unit kerja", "Akun"]


def unread_rows(employees: QuerySet[Employee]) -> Iterator[list[Any]]:
    """One row per employee who has not confirmed (streamed in chunks)."""
    rows = employees.values_list(
        "nip", "front_title", "name", "back_title", "position__name", "unit__name", "user_id"
    )
    for nip, front, name, back, position, unit, user_id in rows.iterator(2000):
        full = f"{front} {name}".strip()
        yield [
            nip,
            f"{full}, {back}" if back else full,
            position or "",
            unit,
            "ada" if user_id else "belum ada akun",
        ]


THREAD_HEADERS = [
    "Judul",
    "Pembuka",
    "Dibuka",
    "Aktivitas terakhir",
    "Balasan",
    "Terjawab",
    "Dikunci",
    "Disembunyikan",
    "Alasan disembunyikan",
    "Tentang pengumuman",
]


def thread_rows(threads: QuerySet[Thread]) -> Iterator[list[Any]]:
    for thread in threads.iterator(2000):
        yield [
            thread.title,
            str(thread.author) if thread.author else "",
            thread.created_at,
            thread.last_activity_at,
            thread.reply_count,
            "ya" if thread.is_answered else "tidak",
            "ya" if thread.is_locked else "tidak",
            "ya" if thread.is_hidden else "tidak",
            thread.hidden_reason,
            thread.announcement.title if thread.announcement else "",
        ]
