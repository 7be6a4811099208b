"""Employee pages as their users drive them: list, search, create, edit, transfer, deactivate."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.models import AuditEntry
from kinerja.org.models import Employee, PositionHistory


def test_admin_searches_employees_by_name_and_by_nip_with_spaces(login, world):
    client = login("admin_bkpsdm")
    by_name = client.get(reverse("org:employee-list"), {"q": "budi"})
    assert [e.name for e in by_name.context["page"].object_list] == ["Budi Santoso"]
    spaced = world.pegawai.nip_display[:15]  # "19860926 201505" typed with its space
    by_nip = client.get(reverse("org:employee-list"), {"q": spaced})
    assert world.pegawai in by_nip.context["page"].object_list
    assert world.pegawai_lain not in by_nip.context["page"].object_list


def test_supervisor_sees_only_self_and_direct_subordinates(login, world):
    response = login("atasan").get(reverse("org:employee-list"))
    names = sorted(e.name for e in response.context["page"].object_list)
    assert names == ["Budi Santoso", "Dewi Lestari", "Siti Aminah"]


def test_the_list_is_filtered_by_unit_subtree_and_paginated(login, world):
    client = login("admin_bkpsdm")
    response = client.get(reverse("org:employee-list"), {"unit": world.kelurahan.pk})
    names = {e.name for e in response.context["page"].object_list}
    assert names == {"Siti Aminah", "Budi Santoso", "Dewi Lestari", "Yuni Kartika"}
    assert response.context["page"].paginator.per_page == 25


def test_the_list_has_an_empty_state(login, world):
    response = login("admin_bkpsdm").get(reverse("org:employee-list"), {"q": "tidak-ada"})
    assert "Tidak ada pegawai yang cocok" in response.content.decode()


def test_htmx_search_returns_only_the_results_partial(login, world):
    response = login("admin_bkpsdm").get(
        reverse("org:employee-list"), {"q": "budi"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "Budi Santoso" in body
    assert "<html" not in body


def test_employee_list_query_count_does_not_grow_with_the_rows(login, world, unscoped):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_employee

    client = login("admin_bkpsdm")

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("org:employee-list"))
        return len(captured)

    for index in range(3):
        make_employee(world.kelurahan, f"Pegawai Awal {index:02d}", supervisor=world.atasan)
    few = queries_for_the_list()
    for index in range(30):
        make_employee(world.kelurahan, f"Pegawai Tambahan {index:02d}", supervisor=world.atasan)
    many = queries_for_the_list()

    assert many == few
    assert few <= 15  # the page's own queries plus the shared top bar (session, badge, menu)
    response = client.get(reverse("org:employee-list"))
    assert len(response.context["page"].object_list) == 25


def test_export_is_an_xlsx_of_the_filtered_rows_with_formulas_neutralised(login, world, unscoped):
    world.pegawai.name = '=HYPERLINK("http://x")'
    world.pegawai.save(update_fields=["name"])
    response = login("admin_bkpsdm").get(
        reverse("org:employee-list"), {"format": "xlsx", "unit": world.kelurahan.pk}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("NIP", "Nama")
    assert len(rows) == 5
    assert '\'=HYPERLINK("http://x")' in [row[1] for row in rows]


def _employee_form(world, **overrides):
    data = {
        "employee_type": "pns",
        "nip": "19900101 201501 2 003",
        "name": "Ratna Sari",
        "birth_date": "1990-01-01",
        "sex": "P",
        "rank": "III/a",
        "unit": world.kelurahan.pk,
        "position": world.pegawai.position_id,
        "supervisor": world.atasan.nip_display,
        "front_title": "",
        "back_title": "S.E.",
    }
    data.update(overrides)
    return data


def test_admin_adds_an_employee_and_it_is_audited(login, world, unscoped):
    response = login("admin_bkpsdm").post(reverse("org:employee-create"), _employee_form(world))
    employee = Employee.objects.get(nip="199001012015012003")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:employee-detail", args=[employee.pk])
    assert employee.supervisor == world.atasan
    assert employee.full_name == "Ratna Sari, S.E."
    entry = AuditEntry.objects.get(action="org.employee.created", object_id=str(employee.pk))
    assert entry.actor == world.users["admin_bkpsdm"]
    assert entry.changes["nip"] == [None, "199001012015012003"]


def test_a_nip_disagreeing_with_the_birth_date_is_shown_on_the_field(login, world, unscoped):
    before = Employee.objects.count()
    response = login("admin_bkpsdm").post(
        reverse("org:employee-create"), _employee_form(world, birth_date="1990-01-02")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["nip"] == [
        "tanggal lahir dalam NIP (01-01-1990) berbeda dengan tanggal lahir pegawai (02-01-1990)"
    ]
    assert Employee.objects.count() == before


def test_an_unknown_supervisor_nip_is_a_field_error(login, world, unscoped):
    response = login("admin_bkpsdm").post(
        reverse("org:employee-create"),
        _employee_form(world, supervisor=world.pegawai_lain.nip),
    )
    assert response.status_code == 400
    assert "Tidak ada pegawai dengan NIP" in response.context["form"].errors["supervisor"][0]


def test_a_supervisor_cycle_is_refused(login, world, unscoped):
    form = _employee_form(
        world,
        nip=world.kepala.nip,
        name=world.kepala.name,
        birth_date=world.kepala.birth_date.isoformat(),
        sex="L",
        rank="IV/a",
        unit=world.kecamatan.pk,
        position=world.kepala.position_id,
        supervisor=world.pegawai.nip,
        version=world.kepala.version,
        back_title="",
    )
    response = login("admin_bkpsdm").post(
        reverse("org:employee-edit", args=[world.kepala.pk]), form
    )
    assert response.status_code == 400
    assert response.context["form"].errors["supervisor"] == [
        "Atasan ini membuat rantai atasan yang berputar (siklus)."
    ]
    world.kepala.refresh_from_db()
    assert world.kepala.supervisor is None


def test_a_stale_edit_is_refused_and_nothing_changes(login, world, unscoped):
    client = login("admin_bkpsdm")
    stale_version = world.pegawai.version
    url = reverse("org:employee-edit", args=[world.pegawai.pk])
    base = _employee_form(
        world,
        nip=world.pegawai.nip,
        name="Budi Santoso",
        birth_date=world.pegawai.birth_date.isoformat(),
        sex="L",
        rank="II/c",
        supervisor=world.atasan.nip,
        back_title="",
    )
    first = client.post(url, {**base, "phone": "0711-111", "version": stale_version})
    assert first.status_code == 302
    second = client.post(url, {**base, "phone": "0711-222", "version": stale_version})
    assert second.status_code == 400
    assert "telah diubah oleh pengguna lain" in second.content.decode()
    world.pegawai.refresh_from_db()
    assert world.pegawai.phone == "0711-111"
    assert world.pegawai.version == stale_version + 1


def test_transfer_moves_the_employee_and_keeps_the_history(login, world, unscoped):
    client = login("admin_bkpsdm")
    response = client.post(
        reverse("org:employee-transfer", args=[world.pegawai.pk]),
        {
            "unit": world.kecamatan.pk,
            "position": "",
            "supervisor": world.kepala.nip,
            "effective_date": "2026-07-01",
            "note": "SK 821/2026",
            "version": world.pegawai.version,
        },
    )
    assert response.status_code == 302
    world.pegawai.refresh_from_db()
    assert (world.pegawai.unit, world.pegawai.supervisor) == (world.kecamatan, world.kepala)
    history = list(PositionHistory.objects.filter(employee=world.pegawai).order_by("start_date"))
    assert [h.end_date for h in history] == [dt.date(2026, 6, 30), None]
    assert history[-1].note == "SK 821/2026"
    assert AuditEntry.objects.filter(action="org.employee.transferred").count() == 1


def test_deactivation_needs_a_reason_and_hands_subordinates_up(login, world, unscoped):
    client = login("admin_bkpsdm")
    url = reverse("org:employee-deactivate", args=[world.atasan.pk])
    empty = client.post(url, {"reason": "", "since": "2026-11-01", "version": world.atasan.version})
    assert empty.status_code == 400
    response = client.post(
        url, {"reason": "Pensiun", "since": "2026-11-01", "version": world.atasan.version}
    )
    assert response.status_code == 302
    world.atasan.refresh_from_db()
    world.pegawai.refresh_from_db()
    assert world.atasan.is_active is False
    assert world.pegawai.supervisor == world.kepala
    world.users["atasan"].refresh_from_db()
    assert world.users["atasan"].is_active is False


def test_admin_resets_a_password_which_must_be_changed_at_next_sign_in(
    login, world, client, unscoped
):
    admin = login("admin_bkpsdm")
    response = admin.post(reverse("org:employee-account", args=[world.pegawai.pk]), follow=True)
    issued = response.context["issued_password"]
    assert issued["username"] == world.pegawai.nip
    admin.logout()
    signed_in = client.post(
        reverse("core:login"),
        {"username": world.pegawai.nip_display, "password": issued["password"]},
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("org:unit-list"))["Location"] == reverse("core:password-change")
    changed = client.post(
        reverse("core:password-change"),
        {
            "old_password": issued["password"],
            "new_password1": "Baru-Sekali-2026",
            "new_password2": "Baru-Sekali-2026",
        },
    )
    assert changed.status_code == 302
    assert client.get(reverse("org:unit-list")).status_code == 200


def test_nobody_but_the_admin_can_edit(login, world, auditing, unscoped):
    """`inspektur` is auditing the kecamatan, so reads pegawai: reading is not editing."""
    for persona in ("pegawai", "atasan", "kepala", "inspektur", "pemantau"):
        client = login(persona)
        response = client.post(
            reverse("org:employee-edit", args=[world.pegawai.pk]),
            _employee_form(world, name="Diubah"),
        )
        assert response.status_code == 403, persona
    world.pegawai.refresh_from_db()
    assert world.pegawai.name == "Budi Santoso"
