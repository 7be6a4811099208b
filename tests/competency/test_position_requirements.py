"""The competency standard of positions: the agency admin sets, changes and removes required
levels on a position's page; one audit entry lists the changes (code: old → new)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.competency.models import PositionRequirement
from kinerja.competency.services.requirements import set_position_requirements
from kinerja.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.usefixtures("unscoped")


def test_the_position_list_shows_how_many_competencies_each_requires(staffed, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = staffed.world
    client = login("admin_bkpsdm")
    client.get(reverse("competency:position-list"))
    with CaptureQueriesContext(connection) as few:
        body = client.get(reverse("competency:position-list")).content.decode()
    for number in range(6):
        extra = factories.make_position(world.kelurahan, f"Analis Tambahan {number}")
        set_position_requirements(extra, actor=None, levels={staffed.komunikasi.pk: 2})

    with CaptureQueriesContext(connection) as many:
        more = client.get(reverse("competency:position-list")).content.decode()

    assert "Pengadministrasi Umum" in body
    assert body.count("belum ada") == 2  # Camat and Lurah have no standard yet
    assert more.count("Analis Tambahan") == 6
    assert len(many) == len(few)


def test_admin_sets_changes_and_removes_required_levels(staffed, login):
    world = staffed.world
    position = world.pegawai.position
    url = reverse("competency:position-requirements", args=[position.pk])
    form = login("admin_bkpsdm").get(url).content.decode()
    assert f'name="level_{staffed.integritas.pk}"' in form

    response = login("admin_bkpsdm").post(
        url,
        {
            f"level_{staffed.komunikasi.pk}": "4",  # 3 → 4
            f"level_{staffed.pelayanan.pk}": "",  # 2 → removed
            f"level_{staffed.adminduk.pk}": "3",  # unchanged
            f"level_{staffed.integritas.pk}": "2",  # new
        },
    )

    assert response.status_code == 302
    levels = dict(
        PositionRequirement.objects.filter(position=position).values_list(
            "competency__code", "level"
        )
    )
    assert levels == {"M-03": 4, "T-01": 3, "M-01": 2}
    entry = AuditEntry.objects.get(
        action="competency.requirements.set",
        object_id=str(position.pk),
        actor=world.users["admin_bkpsdm"],
    )
    assert entry.changes == {"M-03": [3, 4], "M-05": [2, None], "M-01": [None, 2]}


def test_a_level_outside_one_to_five_is_refused(staffed, login):
    position = staffed.world.pegawai.position
    url = reverse("competency:position-requirements", args=[position.pk])

    response = login("admin_bkpsdm").post(url, {f"level_{staffed.komunikasi.pk}": "7"})

    assert response.status_code == 400
    assert (
        PositionRequirement.objects.get(position=position, competency=staffed.komunikasi).level == 3
    )


@pytest.mark.parametrize(
    "persona", ["pegawai", "atasan", "kepala", "inspektur", "admin_agensi_lain"]
)
def test_only_the_agency_admin_reaches_a_positions_standard(staffed, login, persona):
    position = staffed.world.pegawai.position
    url = reverse("competency:position-requirements", args=[position.pk])

    response = login(persona).post(url, {f"level_{staffed.komunikasi.pk}": "5"})

    assert response.status_code == 404
    assert (
        PositionRequirement.objects.get(position=position, competency=staffed.komunikasi).level == 3
    )
