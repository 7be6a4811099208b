"""The dictionary: everyone in the agency reads it; the agency admin adds, edits, deactivates
entries and loads the default dictionary once; every write is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.competency.models import Competency
from kinerja.competency.services.dictionary import create_competency, load_standard_dictionary
from kinerja.competency.standard import STANDARD_DICTIONARY
from kinerja.core.models import AuditEntry
from tests.competency.conftest import LEVELS

pytestmark = pytest.mark.usefixtures("unscoped")


def _form(**overrides):
    data = {
        "kind": "teknis",
        "code": "t-09",
        "name": "Pengelolaan arsip dinamis",
        "description": "Mengelola arsip sesuai ketentuan.",
        **{f"level_{n}": f"Uraian level {n}" for n in range(1, 6)},
    }
    return data | overrides


def test_admin_loads_the_standard_dictionary_into_an_empty_one(world, login):
    client = login("admin_bkpsdm")
    page = client.get(reverse("competency:dictionary-list")).content.decode()
    assert 'id="load-standard"' in page

    response = client.post(reverse("competency:dictionary-load-standard"))

    assert response.status_code == 302
    codes = sorted(Competency.objects.filter(agency=world.agency).values_list("code", flat=True))
    assert codes == sorted(entry.code for entry in STANDARD_DICTIONARY)
    names = set(Competency.objects.filter(agency=world.agency).values_list("name", flat=True))
    assert {"Integritas", "Komunikasi", "Perekat bangsa", "Pengambilan keputusan"} <= names
    assert all(len(c.level_descriptions) == 5 for c in Competency.objects.all())
    assert AuditEntry.objects.filter(action="competency.dictionary.loaded").count() == 1


def test_the_standard_dictionary_is_refused_once_the_dictionary_has_entries(world, login):
    load_standard_dictionary(world.agency, actor=None)
    client = login("admin_bkpsdm")

    response = client.post(reverse("competency:dictionary-load-standard"), follow=True)

    assert "sudah berisi" in response.content.decode()
    assert Competency.objects.filter(agency=world.agency).count() == len(STANDARD_DICTIONARY)


def test_pegawai_reads_the_dictionary_with_search_and_kind_filter(world, login):
    load_standard_dictionary(world.agency, actor=None)
    create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Administrasi kependudukan",
        level_descriptions=LEVELS,
    )
    client = login("pegawai")

    technical = client.get(reverse("competency:dictionary-list"), {"kind": "teknis"})
    searched = client.get(reverse("competency:dictionary-list"), {"q": "komunik"})

    assert "Administrasi kependudukan" in technical.content.decode()
    assert "Integritas" not in technical.content.decode()
    assert "Komunikasi" in searched.content.decode()
    assert "Integritas" not in searched.content.decode()
    assert 'id="load-standard"' not in technical.content.decode()


def test_the_dictionary_list_runs_a_constant_number_of_queries(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Adminduk",
        level_descriptions=LEVELS,
    )
    client = login("pegawai")
    client.get(reverse("competency:dictionary-list"))  # warm the session and actor
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("competency:dictionary-list"))
    load_standard_dictionary(world.other_agency, actor=None)  # not ours: not listed
    for entry in STANDARD_DICTIONARY:
        create_competency(
            world.agency,
            actor=None,
            kind=entry.kind,
            code=entry.code,
            name=entry.name,
            level_descriptions=entry.levels,
        )

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("competency:dictionary-list"))

    assert response.content.decode().count("competency-code") == 1 + len(STANDARD_DICTIONARY)
    assert len(many) == len(one)


def test_admin_creates_a_competency_with_five_levels(world, login):
    response = login("admin_bkpsdm").post(reverse("competency:dictionary-create"), _form())

    created = Competency.objects.get(code="T-09")
    assert response.status_code == 302
    assert created.level_descriptions == [f"Uraian level {n}" for n in range(1, 6)]
    entry = AuditEntry.objects.get(action="competency.competency.created")
    assert entry.changes["code"] == [None, "T-09"]


def test_a_missing_level_description_and_a_taken_code_are_field_errors(world, login):
    create_competency(
        world.agency, actor=None, kind="teknis", code="T-09", name="Lama", level_descriptions=LEVELS
    )

    response = login("admin_bkpsdm").post(
        reverse("competency:dictionary-create"), _form(level_3="")
    )
    taken = login("admin_bkpsdm").post(reverse("competency:dictionary-create"), _form())

    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert taken.status_code == 400
    assert "Kode T-09 sudah dipakai kompetensi lain." in taken.content.decode()
    assert Competency.objects.count() == 1


def test_admin_edits_an_entry_and_the_audit_keeps_old_and_new(world, login):
    competency = create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Adminduk",
        level_descriptions=LEVELS,
    )

    response = login("admin_bkpsdm").post(
        reverse("competency:dictionary-edit", args=[competency.pk]),
        _form(code="T-01", name="Administrasi kependudukan", version=competency.version),
    )

    competency.refresh_from_db()
    assert response.status_code == 302
    assert competency.name == "Administrasi kependudukan"
    assert competency.version == 2
    entry = AuditEntry.objects.get(action="competency.competency.updated")
    assert entry.changes["name"] == ["Adminduk", "Administrasi kependudukan"]


def test_a_stale_edit_is_refused(world, login):
    competency = create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Adminduk",
        level_descriptions=LEVELS,
    )

    response = login("admin_bkpsdm").post(
        reverse("competency:dictionary-edit", args=[competency.pk]),
        _form(code="T-01", name="Baru", version=competency.version + 5),
    )

    competency.refresh_from_db()
    assert response.status_code == 400
    assert competency.name == "Adminduk"


def test_admin_deactivates_and_reactivates_an_entry(world, login):
    competency = create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Adminduk",
        level_descriptions=LEVELS,
    )
    client = login("admin_bkpsdm")

    client.post(reverse("competency:dictionary-deactivate", args=[competency.pk]), {"version": 1})
    competency.refresh_from_db()
    assert competency.is_active is False
    listed = client.get(reverse("competency:dictionary-list")).content.decode()
    assert "Adminduk" not in listed

    client.post(reverse("competency:dictionary-reactivate", args=[competency.pk]), {"version": 2})
    competency.refresh_from_db()
    assert competency.is_active is True
    actions = list(
        AuditEntry.objects.filter(action__startswith="competency.competency.").values_list(
            "action", flat=True
        )
    )
    assert "competency.competency.deactivated" in actions
    assert "competency.competency.reactivated" in actions


def test_pegawai_cannot_add_or_edit_and_nothing_changes(world, login):
    competency = create_competency(
        world.agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Adminduk",
        level_descriptions=LEVELS,
    )
    client = login("pegawai")

    created = client.post(reverse("competency:dictionary-create"), _form())
    edited = client.post(
        reverse("competency:dictionary-edit", args=[competency.pk]), _form(code="T-01")
    )
    deactivated = client.post(reverse("competency:dictionary-deactivate", args=[competency.pk]))

    assert (created.status_code, edited.status_code, deactivated.status_code) == (403, 403, 403)
    competency.refresh_from_db()
    assert (competency.name, competency.is_active, Competency.objects.count()) == (
        "Adminduk",
        True,
        1,
    )


def test_another_agencys_entry_answers_404(world, login):
    theirs = create_competency(
        world.other_agency,
        actor=None,
        kind="teknis",
        code="T-01",
        name="Milik lain",
        level_descriptions=LEVELS,
    )

    client = login("admin_bkpsdm")

    assert client.get(reverse("competency:dictionary-detail", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("competency:dictionary-deactivate", args=[theirs.pk])).status_code
        == 404
    )


def test_the_dictionary_exports_to_xlsx(world, login):
    load_standard_dictionary(world.agency, actor=None)

    response = login("inspektur").get(reverse("competency:dictionary-list"), {"format": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("Kode", "Jenis", "Nama kompetensi")
    assert len(rows) == 1 + len(STANDARD_DICTIONARY)
