"""An employee's competency profile as each persona sees it, the supervisor's level setting
(audited old → new), and the PDF and XLSX of the profile."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.competency.models import EmployeeCompetency
from kinerja.core.models import AuditEntry

pytestmark = pytest.mark.usefixtures("unscoped")


def _profile(client, employee):
    return client.get(reverse("competency:profile", args=[employee.pk]))


def test_the_employee_sees_required_vs_current_and_the_gap(staffed, login):
    world = staffed.world

    response = login("pegawai").get(reverse("competency:mine"), follow=True)

    body = response.content.decode()
    assert "Kompetensi saya" in body
    assert 'id="shortfall-count">2<' in body  # Komunikasi 1 < 3, T-01 not assessed
    assert "dihitung level 0" in body
    assert body.count('class="level-dots"') == 3
    row = body.split('data-code="M-03"')[1].split("</tr>")[0]
    assert "kurang 2 level" in row
    row = body.split('data-code="T-01"')[1].split("</tr>")[0]
    assert "kurang 3 level" in row
    assert "belum dinilai" in row
    assert 'href="{}"'.format(reverse("competency:level-set", args=[world.pegawai.pk])) not in body


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 200),
        ("atasan", 200),
        ("kepala", 200),
        ("admin_bkpsdm", 200),
        ("inspektur", 200),
        ("petugas_layanan", 404),
        ("pemantau", 404),
        ("admin_agensi_lain", 404),
    ],
)
def test_who_sees_pegawais_profile(staffed, auditing, login, persona, status):
    """`inspektur` is auditing Kecamatan Plaju, pegawai's subtree."""
    assert _profile(login(persona), staffed.world.pegawai).status_code == status


def test_a_colleague_cannot_see_another_colleagues_profile(staffed, client, world):
    client.force_login(world.users["pegawai"], backend="kinerja.core.auth.NipOrUsernameBackend")

    assert _profile(client, world.rekan).status_code == 404


def test_the_supervisor_sets_a_level_and_the_audit_keeps_old_and_new(staffed, login):
    world = staffed.world
    current = EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.komunikasi)

    response = login("atasan").post(
        reverse("competency:level-set", args=[world.pegawai.pk]),
        {
            "competency": staffed.komunikasi.pk,
            "level": "3",
            "assessed_on": "2026-05-02",
            "note": "Sudah memimpin rapat warga dengan baik.",
            "version": current.version,
        },
    )

    assert response.status_code == 302
    current.refresh_from_db()
    assert (current.level, current.source, current.assessed_by) == (
        3,
        "atasan",
        world.users["atasan"],
    )
    entry = AuditEntry.objects.get(action="competency.level.set", object_id=str(current.pk))
    assert entry.changes == {
        "level": [1, 3],
        "source": ["asesmen", "atasan"],
        "assessed_on": ["2026-03-01", "2026-05-02"],
        "note": ["", "Sudah memimpin rapat warga dengan baik."],
    }
    assert entry.actor == world.users["atasan"]
    page = _profile(login("pegawai"), world.pegawai).content.decode()
    assert 'id="shortfall-count">1<' in page


def test_a_first_level_is_created_and_audited_from_nothing(staffed, login):
    world = staffed.world

    login("admin_bkpsdm").post(
        reverse("competency:level-set", args=[world.pegawai.pk]),
        {
            "competency": staffed.adminduk.pk,
            "level": "4",
            "assessed_on": "2026-05-02",
            "source": "asesmen",
        },
    )

    created = EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.adminduk)
    assert (created.level, created.source) == (4, "asesmen")
    entry = AuditEntry.objects.get(action="competency.level.set", object_id=str(created.pk))
    assert entry.changes["level"] == [None, 4]


@pytest.mark.parametrize("persona", ["pegawai", "kepala", "inspektur"])
def test_readers_who_are_not_the_supervisor_get_403_and_nothing_changes(
    staffed, auditing, login, persona
):
    world = staffed.world
    url = reverse("competency:level-set", args=[world.pegawai.pk])

    response = login(persona).post(
        url, {"competency": staffed.komunikasi.pk, "level": "5", "assessed_on": "2026-05-02"}
    )

    assert response.status_code == 403
    level = EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.komunikasi)
    assert level.level == 1
    assert not AuditEntry.objects.filter(action="competency.level.set").exists()


def test_the_supervisor_cannot_set_a_level_of_someone_not_a_direct_report(staffed, login):
    world = staffed.world

    response = login("atasan").post(
        reverse("competency:level-set", args=[world.kepala.pk]),
        {"competency": staffed.komunikasi.pk, "level": "5", "assessed_on": "2026-05-02"},
    )

    assert response.status_code == 404
    assert not EmployeeCompetency.objects.filter(employee=world.kepala).exists()


def test_a_future_date_and_a_stale_version_are_refused(staffed, login):
    world = staffed.world
    url = reverse("competency:level-set", args=[world.pegawai.pk])
    client = login("atasan")

    future = client.post(
        url, {"competency": staffed.komunikasi.pk, "level": "2", "assessed_on": "2099-01-01"}
    )
    stale = client.post(
        url,
        {
            "competency": staffed.komunikasi.pk,
            "level": "2",
            "assessed_on": "2026-05-01",
            "version": 9,
        },
    )

    assert future.status_code == 400
    assert "tidak boleh di masa depan" in future.content.decode()
    assert stale.status_code == 400
    assert "telah diubah oleh pengguna lain" in stale.content.decode()
    assert (
        EmployeeCompetency.objects.get(employee=world.pegawai, competency=staffed.komunikasi).level
        == 1
    )


def test_the_profile_pdf_and_xlsx(staffed, login):
    world = staffed.world
    client = login("atasan")

    pdf = client.get(reverse("competency:profile-pdf", args=[world.pegawai.pk]))
    xlsx = client.get(reverse("competency:profile", args=[world.pegawai.pk]), {"format": "xlsx"})

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(xlsx.content)).active.values)
    assert rows[0][:6] == (
        "Kode",
        "Kompetensi",
        "Jenis",
        "Level dipersyaratkan",
        "Level saat ini",
        "Kesenjangan",
    )
    assert [row[0] for row in rows[1:]] == ["M-03", "M-05", "T-01"]
    assert [row[5] for row in rows[1:]] == [2, 0, 3]


def test_a_profile_without_a_standard_says_so(staffed, login):
    body = _profile(login("kepala"), staffed.world.kepala).content.decode()

    assert 'id="no-standard"' in body
    assert "Camat Plaju belum memiliki standar kompetensi" in body
