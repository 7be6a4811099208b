"""The audit page: admins and inspectors see who changed what, filtered and exported."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from kinerja.org import services


def _rename(world, name):
    services.update_employee(
        world.pegawai,
        actor=world.users["admin_bkpsdm"],
        expected_version=world.pegawai.version,
        name=name,
    )


def test_inspector_sees_the_change_with_old_and_new_values(login, world, unscoped):
    _rename(world, "Budi Santoso Putra")
    response = login("inspektur").get(
        reverse("core:audit-list"), {"action": "org.employee.updated"}
    )
    entries = list(response.context["page"].object_list)
    assert len(entries) == 1
    assert entries[0].changes == {"name": ["Budi Santoso", "Budi Santoso Putra"]}
    body = response.content.decode()
    assert "Data pegawai diubah" in body
    assert "Budi Santoso → Budi Santoso Putra" in body


def test_audit_filters_by_object_and_exports_xlsx(login, world, unscoped):
    _rename(world, "Budi S.")
    client = login("admin_bkpsdm")
    filtered = client.get(reverse("core:audit-list"), {"q": "Budi S."})
    assert [e.action for e in filtered.context["page"].object_list] == ["org.employee.updated"]
    export = client.get(reverse("core:audit-list"), {"q": "Budi S.", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Waktu", "Pelaku", "Aksi", "Objek", "Perubahan", "Catatan")
    assert rows[1][2:5] == ("Data pegawai diubah", "Budi S.", "name: Budi Santoso → Budi S.")


def test_another_agency_admin_does_not_see_our_audit_entries(login, world, unscoped):
    _rename(world, "Budi Lain")
    response = login("admin_agensi_lain").get(reverse("core:audit-list"), {"q": "Budi"})
    assert list(response.context["page"].object_list) == []


def test_an_ordinary_employee_cannot_open_the_audit_page(login, world):
    assert login("pegawai").get(reverse("core:audit-list")).status_code == 403
