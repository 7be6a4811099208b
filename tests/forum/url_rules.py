"""URL × persona rules of the forum area, merged into tests/core/test_permission_matrix.py.

The objects: an announcement of admin_bkpsdm to Kelurahan Plaju Ulu (inside kepala's subtree;
pegawai, atasan and petugas_layanan work there, inspektur in the kecamatan above it) — published
for the reading pages, a draft for the edit page — and a thread opened by pegawai; for the 404
check, the same in the other agency.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix import Rule, only, statuses


def _announcement(world: World, *, other: bool = False, publish: bool = True) -> Any:
    from kinerja.forum.services import announcements

    admin = world.users["admin_agensi_lain" if other else "admin_bkpsdm"]
    created = announcements.create_announcement(
        world.other_agency if other else world.agency,
        actor=admin,
        title="Sosialisasi e-Kinerja",
        body="Mulai periode ini SKP disusun di aplikasi.",
        whole_agency=False,
        units=[world.other_unit if other else world.kelurahan],
    )
    if publish:
        created = announcements.publish_announcement(created, actor=admin, expected_version=None)
    return created


def _thread(world: World, *, other: bool = False) -> Any:
    from kinerja.forum.services import threads

    if other:
        from kinerja.org import services as org
        from tests.conftest import PASSWORD

        author = (
            world.pegawai_lain.user
            or org.create_account(world.pegawai_lain, actor=None, password=PASSWORD).user
        )
        agency = world.other_agency
    else:
        author, agency = world.users["pegawai"], world.agency
    return threads.start_thread(
        agency, actor=author, title="Laporan harian", body="Apakah wajib setiap hari?"
    )


PUBLISHED = {
    "kwargs": lambda w: {"pk": _announcement(w).pk},
    "other_agency_kwargs": lambda w: {"pk": _announcement(w, other=True).pk},
}
DRAFT = {
    "kwargs": lambda w: {"pk": _announcement(w, publish=False).pk},
    "other_agency_kwargs": lambda w: {"pk": _announcement(w, other=True, publish=False).pk},
}
THREAD = {
    "kwargs": lambda w: {"pk": _thread(w).pk},
    "other_agency_kwargs": lambda w: {"pk": _thread(w, other=True).pk},
}
ANY_PK = {"kwargs": lambda w: {"pk": 1}}

# The employees of Kelurahan Plaju Ulu, the head of its kecamatan and the agency admin read it;
# inspektur works in the kecamatan, outside the audience.
READERS = ("pegawai", "atasan", "petugas_layanan", "kepala", "admin_bkpsdm", "superuser")
MANAGERS = ("kepala", "admin_bkpsdm", "superuser")
# Publishers write announcements (a superuser has no agency to write in).
PUBLISHERS = ("kepala", "admin_bkpsdm", "admin_agensi_lain")
# Every member of an agency discusses; the national viewer has no agency.
MEMBERS = (
    "pegawai",
    "atasan",
    "kepala",
    "admin_bkpsdm",
    "inspektur",
    "petugas_layanan",
    "superuser",
    "admin_agensi_lain",
)
STARTERS = tuple(p for p in MEMBERS if p != "superuser")
THREAD_READERS = tuple(p for p in MEMBERS if p != "admin_agensi_lain")

RULES: dict[str, Rule] = {
    "forum:announcement-list": Rule(statuses(200)),
    "forum:announcement-create": Rule(only(PUBLISHERS)),
    "forum:announcement-detail": Rule(only(READERS, denied=404), **PUBLISHED),
    "forum:announcement-edit": Rule(only(MANAGERS, denied=404), **DRAFT),
    "forum:announcement-publish": Rule(statuses(405), **ANY_PK),
    "forum:announcement-withdraw": Rule(statuses(405), **ANY_PK),
    "forum:announcement-confirm": Rule(statuses(405), **ANY_PK),
    "forum:announcement-readers": Rule(only(MANAGERS, denied=404), **PUBLISHED),
    "forum:thread-list": Rule(only(MEMBERS)),
    "forum:thread-create": Rule(only(STARTERS)),
    "forum:thread-detail": Rule(only(THREAD_READERS, denied=404), **THREAD),
    "forum:thread-reply": Rule(statuses(405), **ANY_PK),
    "forum:thread-answered": Rule(statuses(405), **ANY_PK),
    "forum:thread-lock": Rule(statuses(405), **ANY_PK),
    "forum:thread-hide": Rule(statuses(405), **ANY_PK),
    "forum:thread-restore": Rule(statuses(405), **ANY_PK),
    "forum:post-hide": Rule(statuses(405), **ANY_PK),
    "forum:post-restore": Rule(statuses(405), **ANY_PK),
    "forum:search": Rule(only(MEMBERS)),
    # REST API: anonymous callers get 403; objects outside reach 404; writes are POST.
    "api-forum-announcement-list": Rule(statuses(200, anon=403)),
    "api-forum-announcement-detail": Rule(only(READERS, denied=404, anon=403), **PUBLISHED),
    "api-forum-announcement-confirm": Rule(statuses(405, anon=403), **ANY_PK),
    "api-forum-announcement-unread": Rule(only(MANAGERS, denied=404, anon=403), **PUBLISHED),
    "api-forum-thread-list": Rule(only(MEMBERS, anon=403)),
    "api-forum-thread-detail": Rule(only(THREAD_READERS, denied=404, anon=403), **THREAD),
    "api-forum-thread-reply": Rule(statuses(405, anon=403), **ANY_PK),
}
