"""Forum fixtures: announcements and threads made through the services.

Kelurahan Plaju Ulu (inside Kecamatan Plaju) holds atasan, pegawai, rekan and Yuni Kartika
(petugas_layanan): four employees. The kecamatan adds kepala, Rina Marlina (admin_bkpsdm) and
Agus Salim (inspektur): seven in all.
"""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.forum.services import announcements, threads
from tests.conftest import World

KELURAHAN_SIZE = 4
KECAMATAN_SIZE = 7


@pytest.fixture
def announce(world: World, unscoped):
    """`announce(units=[...])` → a published announcement of admin_bkpsdm (a draft with
    `publish=False`; the whole agency without units)."""

    def make(
        *,
        units: list[Any] | None = None,
        publish: bool = True,
        actor: str = "admin_bkpsdm",
        title: str = "Sosialisasi e-Kinerja",
        body: str = "Mulai periode ini SKP disusun di aplikasi.",
        requires_confirmation: bool = True,
        remind_after_days: int = 3,
    ):
        user = world.users[actor]
        created = announcements.create_announcement(
            world.agency,
            actor=user,
            title=title,
            body=body,
            whole_agency=units is None,
            units=units or [],
            requires_confirmation=requires_confirmation,
            remind_after_days=remind_after_days,
        )
        if publish:
            created = announcements.publish_announcement(created, actor=user, expected_version=None)
        return created

    return make


@pytest.fixture
def thread(world: World, unscoped):
    """A thread opened by pegawai."""
    return threads.start_thread(
        world.agency,
        actor=world.users["pegawai"],
        title="Laporan harian untuk kegiatan lapangan",
        body="Apakah kegiatan lapangan dicatat satu per satu?",
    )
