"""The 9-box pages: the grid with its counts and table view, a box's list with basis and
actions, the pool, the unmapped with their reason, the unit filter, heads' subtree, exports."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import UnitKind
from tests import factories
from tests.talent.conftest import final_evaluation, potential

pytestmark = pytest.mark.django_db


def _count_of(response, box):
    cell = next(c for c in response.context["grid"].cells if c.box == box)
    return cell.count


def test_admin_sees_the_grid_with_each_box_count_and_the_table_view(placed_world, login):
    response = login("admin_bkpsdm").get(reverse("talent:grid"))

    assert response.status_code == 200
    assert [_count_of(response, box) for box in range(1, 10)] == [1, 0, 0, 0, 1, 0, 0, 0, 1]
    grid = response.context["grid"]
    assert (grid.placed, grid.unmapped, grid.pool) == (3, 4, 1)
    assert [[cell.box for cell in row] for row in grid.rows] == [[6, 8, 9], [3, 5, 7], [1, 2, 4]]
    html = response.content.decode()
    assert 'id="box-table"' in html
    assert reverse("talent:box", args=[9]) in html
    assert 'id="recompute-form"' in html


def test_inspector_reads_the_grid_without_the_recompute_button(placed_world, auditing, login):
    response = login("inspektur").get(reverse("talent:grid"))  # auditing Kecamatan Plaju
    assert response.status_code == 200
    assert response.context["grid"].placed == 3
    assert 'id="recompute-form"' not in response.content.decode()


def test_head_sees_only_their_subtree(placed_world, login):
    with tenant_scope(placed_world.agency):
        elsewhere = factories.make_unit(placed_world.agency, "Dinas Pendidikan", UnitKind.DINAS)
        teacher = factories.make_employee(elsewhere, "Guru Hebat")
    final_evaluation(teacher, 2026, "Sangat Baik")
    potential(teacher, 95)
    login("admin_bkpsdm").post(reverse("talent:recompute"))

    admin_grid = login("admin_bkpsdm").get(reverse("talent:grid")).context["grid"]
    head_grid = login("kepala").get(reverse("talent:grid")).context["grid"]

    assert (admin_grid.placed, head_grid.placed) == (4, 3)
    head_box = login("kepala").get(reverse("talent:box", args=[9]))
    assert [p.employee for p in head_box.context["page"].object_list] == [placed_world.pegawai]
    # A unit outside the head's subtree cannot be used as a filter.
    assert login("kepala").get(reverse("talent:grid"), {"unit": elsewhere.pk}).status_code == 404


def test_unit_filter_counts_the_subtree(placed_world, login):
    client = login("admin_bkpsdm")
    response = client.get(reverse("talent:grid"), {"unit": placed_world.kelurahan.pk})
    assert response.context["grid"].placed == 3
    with tenant_scope(placed_world.agency):
        other = factories.make_unit(placed_world.agency, "Kecamatan Ilir", UnitKind.KECAMATAN)
    response = client.get(reverse("talent:grid"), {"unit": other.pk})
    assert response.context["grid"].placed == 0


def test_box_list_shows_scores_basis_and_recommended_actions(placed_world, login):
    response = login("admin_bkpsdm").get(reverse("talent:box", args=[9]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Budi Santoso" in html
    assert "Sangat Baik (evaluasi tahunan)" in html
    assert "UPT Asesmen" in html
    assert "Masuk kelompok rencana suksesi instansi/nasional" in html
    assert "Dewi Lestari" not in html


def test_box_out_of_range_is_404(placed_world, login):
    assert login("admin_bkpsdm").get(reverse("talent:box", args=[10])).status_code == 404


def test_pool_lists_boxes_seven_to_nine_only(placed_world, login):
    response = login("admin_bkpsdm").get(reverse("talent:pool"))
    assert [p.employee for p in response.context["page"].object_list] == [placed_world.pegawai]


def test_unmapped_lists_the_reason(placed_world, login):
    response = login("admin_bkpsdm").get(reverse("talent:unmapped"))

    reasons = {employee.name: reason for employee, reason in response.context["rows"]}
    assert reasons["Hendra Saputra"] == "Belum dapat dipetakan: belum ada skor potensial"
    assert reasons["Rina Marlina"] == (
        "Belum dapat dipetakan: belum ada predikat kinerja final dan belum ada skor potensial"
    )
    assert "Budi Santoso" not in reasons


def test_search_by_name_and_nip(placed_world, login):
    client = login("admin_bkpsdm")
    by_name = client.get(reverse("talent:box", args=[5]), {"q": "dewi"})
    assert [p.employee for p in by_name.context["page"].object_list] == [placed_world.rekan]
    by_nip = client.get(reverse("talent:pool"), {"q": placed_world.pegawai.nip[:10]})
    assert by_nip.context["page"].paginator.count == 1
    none = client.get(reverse("talent:pool"), {"q": "tidak ada"})
    assert "Tidak ada pegawai yang cocok" in none.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_box_list_query_count_does_not_grow_with_rows(placed_world, login):
    client = login("admin_bkpsdm")
    url = reverse("talent:box", args=[9])
    one_row, _response = _queries(client, url)
    with tenant_scope(placed_world.agency):
        for number in range(12):
            person = factories.make_employee(placed_world.kelurahan, f"Pegawai {number}")
            final_evaluation(person, 2026, "Sangat Baik")
            potential(person, 90)
    client.post(reverse("talent:recompute"))

    many_rows, response = _queries(client, url)

    assert response.context["page"].paginator.count == 13
    assert many_rows == one_row
    assert many_rows <= 15  # the layout (session, user, roles, notifications) included


def test_xlsx_and_pdf_of_a_box(placed_world, login):
    client = login("admin_bkpsdm")
    xlsx = client.get(reverse("talent:box", args=[9]), {"format": "xlsx"})
    assert xlsx["Content-Disposition"] == 'attachment; filename="9-box-kotak-9.xlsx"'
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kotak", "Nama", "NIP")
    assert rows[1][0] == 9
    assert rows[1][1] == "Budi Santoso"
    assert rows[1][9] == (
        "2026: Sangat Baik (evaluasi tahunan); 2025: Sangat Baik (evaluasi tahunan); "
        "Asesmen 1 Maret 2026: skor 85,00 · UPT Asesmen"
    )
    pdf = client.get(reverse("talent:pool"), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    unmapped = client.get(reverse("talent:unmapped"), {"format": "xlsx"})
    unmapped_rows = list(
        load_workbook(BytesIO(unmapped.content)).active.iter_rows(values_only=True)
    )
    assert len(unmapped_rows) == 5  # header + 4


def test_recompute_from_the_page_shows_the_result(placed_world, login):
    response = login("admin_bkpsdm").post(reverse("talent:recompute"), follow=True)
    assert "3 pegawai dipetakan, 4 belum dapat dipetakan" in response.content.decode()


@pytest.mark.parametrize("persona", ["inspektur", "kepala", "pegawai"])
def test_recompute_is_refused_to_non_admins(placed_world, login, persona):
    assert login(persona).post(reverse("talent:recompute")).status_code == 403


def test_empty_grid_guides_the_admin(world, login):
    response = login("admin_bkpsdm").get(reverse("talent:box", args=[9]))
    assert "Belum ada pegawai di sini" in response.content.decode()
    grid = login("admin_bkpsdm").get(reverse("talent:grid"))
    assert "belum pernah dihitung" in grid.content.decode()
