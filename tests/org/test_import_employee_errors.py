"""Every kind of bad employee row is reported with its row, column and message; nothing saved.

Each case is a sheet (headers `EMPLOYEE_HEADERS`, data from row 2) built from the world's
personas, and the exact errors the preview must list for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from kinerja.org.models import ImportStatus
from tests.factories import make_nip
from tests.org.test_import_files import (
    EMPLOYEE_HEADERS,
    commit,
    database_counts,
    employee_row,
    errors_of,
    preview,
)

Case = Callable[[Any], tuple[list[list[Any]], list[tuple[int, str, str]]]]


def one_row(column: str, message: str, **values: Any) -> Case:
    """A sheet of one row (with `values` overridden) and the single error it must produce."""
    return lambda world: ([employee_row(world, **values)], [(2, column, message)])


def _duplicate(world: Any) -> Any:
    nip = make_nip()
    return (
        [employee_row(world, nip=nip), employee_row(world, nip=nip, name="Budi Lain")],
        [(3, "NIP", "NIP ganda dalam berkas (juga di baris 2).")],
    )


def _cycle_in_file(world: Any) -> Any:
    first, second = make_nip(), make_nip()
    message = f"Rantai atasan berputar: {first} → {second} → {first}."
    return (
        [
            employee_row(world, nip=first, supervisor=second),
            employee_row(world, nip=second, supervisor=first),
        ],
        [(2, "NIP Atasan", message), (3, "NIP Atasan", message)],
    )


def _cycle_through_the_agency(world: Any) -> Any:
    """kepala ← atasan ← pegawai already; making pegawai the supervisor of kepala closes it."""
    kepala, atasan, pegawai = world.kepala.nip, world.atasan.nip, world.pegawai.nip
    return (
        [
            employee_row(
                world,
                nip=kepala,
                name="Hendra Saputra",
                unit="Kecamatan Plaju",
                position="Camat Plaju",
                supervisor=pegawai,
            )
        ],
        [(2, "NIP Atasan", f"Rantai atasan berputar: {kepala} → {pegawai} → {atasan} → {kepala}.")],
    )


def _other_agency_nip(world: Any) -> Any:
    return (
        [employee_row(world, nip=world.pegawai_lain.nip, birth_date="")],
        [(2, "NIP", "NIP sudah terdaftar di instansi lain.")],
    )


def _supervisor_of_other_agency(world: Any) -> Any:
    nip = world.pegawai_lain.nip
    return (
        [employee_row(world, supervisor=nip)],
        [
            (
                2,
                "NIP Atasan",
                f"Atasan dengan NIP {nip} tidak ditemukan di berkas maupun di instansi ini.",
            )
        ],
    )


def _unknown_supervisor(world: Any) -> Any:
    nip = make_nip()
    return (
        [employee_row(world, supervisor=nip)],
        [
            (
                2,
                "NIP Atasan",
                f"Atasan dengan NIP {nip} tidak ditemukan di berkas maupun di instansi ini.",
            )
        ],
    )


def _self_supervisor(world: Any) -> Any:
    nip = make_nip()
    return (
        [employee_row(world, nip=nip, supervisor=nip)],
        [(2, "NIP Atasan", "Pegawai tidak boleh menjadi atasannya sendiri.")],
    )


def _nip_typed_as_a_number(world: Any) -> Any:
    return (
        [employee_row(world, nip=1.98609262015051e17)],
        [
            (
                2,
                "NIP",
                "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom "
                "NIP sebagai teks.",
            )
        ],
    )


CASES: dict[str, Case] = {
    "nip-wrong-length": one_row(
        "NIP", "NIP harus 18 digit (tertulis 17 digit).", nip="19860926201505100"
    ),
    "nip-letters": one_row("NIP", "NIP hanya boleh berisi angka.", nip="19860926201505A001"),
    "nip-birth-date-does-not-exist": one_row(
        "NIP", "Tanggal lahir 30-02-1986 tidak ada.", nip="198602302015051001", birth_date=""
    ),
    "nip-month-13": one_row(
        "NIP", "NIP: bulan pengangkatan CPNS 13 tidak valid (01–12).", nip="198609262015131001"
    ),
    "nip-appointed-before-18": one_row(
        "NIP", "NIP: pengangkatan sebelum usia 18 tahun.", nip="198609262000051001"
    ),
    "nip-appointed-in-the-future": one_row(
        "NIP", "NIP: tanggal pengangkatan di masa depan.", nip="198609262099051001"
    ),
    "nip-disagrees-with-birth-date": one_row(
        "NIP",
        "Tanggal lahir dalam NIP (26-09-1986) berbeda dengan tanggal lahir pegawai (27-09-1986).",
        birth_date="27-09-1986",
    ),
    "nip-disagrees-with-sex": one_row(
        "NIP", "Jenis kelamin dalam NIP (pria) berbeda dengan data pegawai.", sex="P"
    ),
    "nip-typed-as-a-number": _nip_typed_as_a_number,
    "duplicate-nip-in-file": _duplicate,
    "nip-of-another-agency": _other_agency_nip,
    "unknown-unit": one_row(
        "Unit Kerja", 'Unit kerja "Dinas Pariwisata" tidak ditemukan.', unit="Dinas Pariwisata"
    ),
    "unit-of-another-agency": one_row(
        "Unit Kerja", 'Unit kerja "Dinas Kesehatan" tidak ditemukan.', unit="Dinas Kesehatan"
    ),
    "unknown-position": one_row(
        "Jabatan", 'Jabatan "Juru Parkir" tidak ditemukan.', position="Juru Parkir"
    ),
    "position-not-in-unit": one_row(
        "Jabatan",
        'Jabatan "Camat Plaju" tidak berada di unit kerja "Kelurahan Plaju Ulu".',
        position="Camat Plaju",
    ),
    "unknown-supervisor": _unknown_supervisor,
    "supervisor-of-another-agency": _supervisor_of_other_agency,
    "supervisor-cycle-in-file": _cycle_in_file,
    "supervisor-cycle-through-the-agency": _cycle_through_the_agency,
    "own-supervisor": _self_supervisor,
    "missing-name": one_row("Nama", "Nama wajib diisi.", name=""),
    "missing-unit": one_row("Unit Kerja", "Unit Kerja wajib diisi.", unit=""),
    "bad-date": one_row(
        "Tanggal Lahir",
        'Tanggal "31-02-1986" tidak valid; gunakan format dd-mm-yyyy (mis. 26-09-1986).',
        birth_date="31-02-1986",
    ),
    "unknown-rank": one_row("Golongan", 'Golongan "V/a" tidak dikenal (mis. III/a).', rank="V/a"),
    "unknown-sex": one_row(
        "Jenis Kelamin", 'Jenis kelamin "X" tidak dikenal; isi L atau P.', sex="X"
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_bad_row_is_listed_with_its_message_and_nothing_is_saved(
    world,
    login,
    unscoped,
    django_capture_on_commit_callbacks,
    case,
):
    client = login("admin_bkpsdm")
    rows, expected = case(world)
    before = database_counts()

    job = preview(client, [EMPLOYEE_HEADERS, *rows])

    assert job.status == ImportStatus.INVALID
    assert errors_of(job) == expected
    page = client.get(reverse("org:import-detail", args=[job.pk])).content.decode()
    bad_rows = len({row for row, _column, _message in expected})
    assert (
        f"{len(rows)} baris: {len(rows) - bad_rows} baru, 0 diperbarui, {bad_rows} bermasalah"
    ) in page
    for _row, _column, message in expected:
        assert escape(message) in page
    assert "Terapkan impor" not in page
    assert commit(client, job, django_capture_on_commit_callbacks).status == ImportStatus.INVALID
    assert database_counts() == before


def test_every_error_of_a_row_is_listed(world, login, unscoped):
    client = login("admin_bkpsdm")

    job = preview(
        client,
        [
            EMPLOYEE_HEADERS,
            employee_row(world, nip="123", name="", rank="Z", unit="Entah", supervisor=make_nip()),
        ],
    )

    assert [(column, message) for _row, column, message in errors_of(job)] == [
        ("Nama", "Nama wajib diisi."),
        ("NIP", "NIP harus 18 digit (tertulis 3 digit)."),
        ("Golongan", 'Golongan "Z" tidak dikenal (mis. III/a).'),
        ("Unit Kerja", 'Unit kerja "Entah" tidak ditemukan.'),
        ("NIP Atasan", errors_of(job)[-1][2]),
    ]


def test_errors_of_a_large_file_are_paginated(world, login, unscoped):
    client = login("admin_bkpsdm")
    rows = [employee_row(world, unit="Entah") for _ in range(60)]

    job = preview(client, [EMPLOYEE_HEADERS, *rows])
    second_page = client.get(reverse("org:import-detail", args=[job.pk]), {"page": 2})

    assert len(job.errors) == 60
    assert second_page.context["page"].number == 2
    assert [error["row"] for error in second_page.context["page"].object_list] == list(
        range(52, 62)
    )
    assert "Halaman 2 dari 2" in second_page.content.decode()
