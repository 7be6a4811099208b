"""Importing the unit tree (paths computed, parents in any order) and the positions in it."""

from __future__ import annotations

import pytest

from kinerja.core.models import AuditEntry
from kinerja.org.models import ImportStatus, Position, Unit
from tests.org.test_import_files import commit, database_counts, errors_of, preview

UNIT_HEADERS = ["Nama Unit", "Jenis", "Kode", "Unit Induk"]
POSITION_HEADERS = [
    "Nama Jabatan",
    "Jenis Jabatan",
    "Jenjang",
    "Kelas Jabatan",
    "Unit Kerja",
    "Jabatan Atasan",
]


def test_a_unit_tree_is_created_with_its_paths_whatever_the_row_order(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    rows = [
        UNIT_HEADERS,
        ["Seksi Kurikulum", "Seksi", "DISDIK-B1-S1", "DISDIK-B1"],
        ["Bidang Pendidikan Dasar", "Bidang", "DISDIK-B1", "dinas pendidikan"],
        ["Dinas Pendidikan", "Dinas", "DISDIK", ""],
        ["Kelurahan Plaju Ilir", "Kelurahan", "", "Kecamatan Plaju"],
    ]
    before = database_counts()

    job = commit(
        client,
        preview(client, rows, kind="units", name="unit.xlsx"),
        django_capture_on_commit_callbacks,
    )

    assert (job.status, job.created_rows, job.updated_rows) == (ImportStatus.DONE, 4, 0)
    dinas = Unit.objects.get(code="DISDIK")
    bidang = Unit.objects.get(code="DISDIK-B1")
    seksi = Unit.objects.get(code="DISDIK-B1-S1")
    ilir = Unit.objects.get(name="Kelurahan Plaju Ilir")
    assert [(u.parent, u.path, u.depth, u.kind) for u in (dinas, bidang, seksi, ilir)] == [
        (None, f"/{dinas.pk}/", 0, "dinas"),
        (dinas, f"/{dinas.pk}/{bidang.pk}/", 1, "bidang"),
        (bidang, f"/{dinas.pk}/{bidang.pk}/{seksi.pk}/", 2, "seksi"),
        (world.kecamatan, f"{world.kecamatan.path}{ilir.pk}/", 1, "kelurahan"),
    ]
    assert {u.agency for u in (dinas, bidang, seksi, ilir)} == {world.agency}
    after = database_counts()
    assert {name: after[name] - before[name] for name in after} == {
        "employees": 0,
        "units": 4,
        "positions": 0,
        "history": 0,
        "audit": 1,
    }


def test_a_unit_found_by_its_code_is_updated_and_its_subtree_moves(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    Unit.objects.filter(pk=world.kecamatan.pk).update(code="KEC-PLAJU")
    rows = [
        UNIT_HEADERS,
        ["Kecamatan Plaju", "Kecamatan", "KEC-PLAJU", "SETDA"],
        ["Sekretariat Daerah", "Sekretariat Daerah", "SETDA", ""],
    ]

    job = commit(
        client,
        preview(client, rows, kind="units", name="unit.xlsx"),
        django_capture_on_commit_callbacks,
    )

    setda = Unit.objects.get(code="SETDA")
    world.kecamatan.refresh_from_db()
    world.kelurahan.refresh_from_db()
    assert (job.created_rows, job.updated_rows) == (1, 1)
    assert (world.kecamatan.parent, world.kecamatan.path, world.kecamatan.version) == (
        setda,
        f"/{setda.pk}/{world.kecamatan.pk}/",
        2,
    )
    assert (world.kelurahan.path, world.kelurahan.depth) == (
        f"/{setda.pk}/{world.kecamatan.pk}/{world.kelurahan.pk}/",
        2,
    )
    entry = AuditEntry.objects.get(action="org.unit.updated")
    assert entry.changes == {"parent": [None, "Sekretariat Daerah"]}


UNIT_ERRORS = {
    "unknown-parent": (
        [["Seksi Umum", "Seksi", "", "Bidang Entah"]],
        [
            (
                2,
                "Unit Induk",
                'Unit induk "Bidang Entah" tidak ditemukan di berkas maupun di instansi ini.',
            )
        ],
    ),
    "parent-of-another-agency": (
        [["Seksi Gizi", "Seksi", "", "Dinas Kesehatan"]],
        [
            (
                2,
                "Unit Induk",
                'Unit induk "Dinas Kesehatan" tidak ditemukan di berkas maupun di instansi ini.',
            )
        ],
    ),
    "duplicate-code": (
        [["Bidang Satu", "Bidang", "B1", ""], ["Bidang Dua", "Bidang", "b1", ""]],
        [(3, "Kode", "Kode unit ganda dalam berkas (juga di baris 2).")],
    ),
    "parents-loop": (
        [["Unit A", "Bidang", "A", "B"], ["Unit B", "Bidang", "B", "A"]],
        [
            (2, "Unit Induk", "Unit induk membentuk lingkaran: Unit A → Unit B → Unit A."),
            (3, "Unit Induk", "Unit induk membentuk lingkaran: Unit A → Unit B → Unit A."),
        ],
    ),
    "missing-kind": ([["Bidang Tiga", "", "", ""]], [(2, "Jenis", "Jenis wajib diisi.")]),
    "unknown-kind": (
        [["Bidang Empat", "Direktorat", "", ""]],
        [
            (
                2,
                "Jenis",
                'Jenis unit "Direktorat" tidak dikenal (mis. Dinas, Badan, Bidang, '
                "Seksi, Kecamatan, Kelurahan).",
            )
        ],
    ),
    "same-name-under-the-same-parent": (
        [
            ["Seksi Umum", "Seksi", "S1", "Kecamatan Plaju"],
            ["Seksi Umum", "Seksi", "S2", "Kecamatan Plaju"],
        ],
        [
            (2, "Nama Unit", 'Sudah ada unit bernama "Seksi Umum" di bawah unit induk yang sama.'),
            (3, "Nama Unit", 'Sudah ada unit bernama "Seksi Umum" di bawah unit induk yang sama.'),
        ],
    ),
}


@pytest.mark.parametrize(("rows", "expected"), UNIT_ERRORS.values(), ids=UNIT_ERRORS.keys())
def test_a_bad_unit_row_is_reported_and_nothing_is_saved(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
    rows,
    expected,
):
    client = login("admin_bkpsdm")
    before = database_counts()

    job = preview(client, [UNIT_HEADERS, *rows], kind="units", name="unit.xlsx")

    assert errors_of(job) == expected
    assert commit(client, job, django_capture_on_commit_callbacks).status == ImportStatus.INVALID
    assert database_counts() == before


def test_positions_are_created_with_superiors_in_the_unit_or_above_and_updated(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
):
    client = login("admin_bkpsdm")
    rows = [
        POSITION_HEADERS,
        [
            "Analis Kebijakan",
            "Fungsional",
            "Ahli Muda",
            9,
            "Kelurahan Plaju Ulu",
            "Kasi Pemerintahan",
        ],
        ["Kasi Pemerintahan", "Pengawas", "", 9, "Kelurahan Plaju Ulu", "Lurah Plaju Ulu"],
        ["Sekretaris Camat", "Administrator", "", 11, "Kecamatan Plaju", "Camat Plaju"],
        ["Lurah Plaju Ulu", "Pengawas", "", 9, "Kelurahan Plaju Ulu", "Camat Plaju"],
    ]

    job = commit(
        client,
        preview(client, rows, kind="positions", name="jabatan.xlsx"),
        django_capture_on_commit_callbacks,
    )

    assert (job.status, job.created_rows, job.updated_rows) == (ImportStatus.DONE, 3, 1)
    positions = {p.name: p for p in Position.objects.filter(agency=world.agency)}
    assert [
        (
            name,
            positions[name].unit,
            positions[name].superior and positions[name].superior.name,
            positions[name].level,
            positions[name].grade,
        )
        for name in ("Analis Kebijakan", "Kasi Pemerintahan", "Sekretaris Camat", "Lurah Plaju Ulu")
    ] == [
        ("Analis Kebijakan", world.kelurahan, "Kasi Pemerintahan", "ahli_muda", 9),
        ("Kasi Pemerintahan", world.kelurahan, "Lurah Plaju Ulu", "", 9),
        ("Sekretaris Camat", world.kecamatan, "Camat Plaju", "", 11),
        ("Lurah Plaju Ulu", world.kelurahan, "Camat Plaju", "", 9),
    ]
    entry = AuditEntry.objects.get(action="org.position.updated")
    assert entry.changes == {"grade": [None, 9], "superior": [None, "Camat Plaju"]}


POSITION_ERRORS = {
    "unknown-unit": (
        [["Kasi Umum", "Pengawas", "", "", "Kelurahan Entah", ""]],
        [(2, "Unit Kerja", 'Unit kerja "Kelurahan Entah" tidak ditemukan.')],
    ),
    "level-required": (
        [["Analis SDM", "Fungsional", "", "", "Kelurahan Plaju Ulu", ""]],
        [(2, "Jenjang", "Jenjang wajib diisi untuk jabatan JPT dan fungsional.")],
    ),
    "level-not-for-this-kind": (
        [["Pengadministrasi", "Pelaksana", "Ahli Muda", "", "Kelurahan Plaju Ulu", ""]],
        [(2, "Jenjang", "Jenjang ini tidak berlaku untuk jenis jabatan tersebut.")],
    ),
    "grade-out-of-range": (
        [["Kasi Umum", "Pengawas", "", 20, "Kelurahan Plaju Ulu", ""]],
        [(2, "Kelas Jabatan", 'Kelas jabatan "20" harus angka 1 sampai 17.')],
    ),
    "unknown-superior": (
        [["Kasi Umum", "Pengawas", "", "", "Kelurahan Plaju Ulu", "Kepala Dinas"]],
        [
            (
                2,
                "Jabatan Atasan",
                'Jabatan atasan "Kepala Dinas" tidak ditemukan di berkas maupun di instansi ini.',
            )
        ],
    ),
    "duplicate": (
        [
            ["Kasi Umum", "Pengawas", "", "", "Kelurahan Plaju Ulu", ""],
            ["kasi umum", "Pengawas", "", "", "Kelurahan Plaju Ulu", ""],
        ],
        [
            (
                3,
                "Nama Jabatan",
                "Jabatan ganda dalam berkas: unit kerja dan nama sama dengan baris 2.",
            )
        ],
    ),
    "superiors-loop": (
        [
            ["Kasi A", "Pengawas", "", "", "Kelurahan Plaju Ulu", "Kasi B"],
            ["Kasi B", "Pengawas", "", "", "Kelurahan Plaju Ulu", "Kasi A"],
        ],
        [
            (2, "Jabatan Atasan", "Rantai jabatan atasan berputar: Kasi A → Kasi B → Kasi A."),
            (3, "Jabatan Atasan", "Rantai jabatan atasan berputar: Kasi A → Kasi B → Kasi A."),
        ],
    ),
    "unknown-kind": (
        [["Kasi Umum", "Eselon IV", "", "", "Kelurahan Plaju Ulu", ""]],
        [
            (
                2,
                "Jenis Jabatan",
                'Jenis jabatan "Eselon IV" tidak dikenal (JPT, Administrator, '
                "Pengawas, Pelaksana, Fungsional).",
            )
        ],
    ),
}


@pytest.mark.parametrize(("rows", "expected"), POSITION_ERRORS.values(), ids=POSITION_ERRORS.keys())
def test_a_bad_position_row_is_reported_and_nothing_is_saved(
    world,
    login,
    unscoped,
    rows,
    expected,
):
    client = login("admin_bkpsdm")
    before = database_counts()

    job = preview(client, [POSITION_HEADERS, *rows], kind="positions", name="jabatan.xlsx")

    assert errors_of(job) == expected
    assert database_counts() == before
