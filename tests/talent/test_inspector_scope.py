"""Issue 7: an inspector reads the 9-box data of the units under audit, and nothing else — the
grid's counts, the pool, the unmapped list, the potential scores and the key positions (pages,
XLSX and API), one employee's box, a key position's succession — and changes nothing.

`inspektur` with the `auditing` fixture audits Kecamatan Plaju (pegawai in box 9, rekan 5,
atasan 1; Camat Plaju a key position). Dinas Pendidikan, outside it, has Guru Pertama in box 9,
Staf Dinas not yet mappable, and its head's position marked key.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.core.models import AuditEntry
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import PositionKind, UnitKind
from kinerja.oversight.models import AuditStatus
from kinerja.talent.models import KeyPosition, PotentialAssessment, TalentPlacement
from kinerja.talent.services.placements import recompute_placements
from tests import factories
from tests.oversight.builders import make_audit
from tests.talent.conftest import final_evaluation, potential

pytestmark = pytest.mark.usefixtures("unscoped")

PLAJU = {"Kecamatan Plaju", "Kelurahan Plaju Ulu"}
DINAS = "Dinas Pendidikan"


@pytest.fixture
def mapped(placed_world):
    """The placed world with Dinas Pendidikan added and recomputed, and the two key positions."""
    world = placed_world
    dinas = factories.make_unit(world.agency, DINAS, UnitKind.DINAS)
    head = factories.make_position(dinas, "Kepala Dinas Pendidikan", PositionKind.ADMINISTRATOR)
    guru = factories.make_employee(dinas, "Guru Pertama")
    factories.make_employee(dinas, "Staf Dinas")
    for year in (2025, 2026):
        final_evaluation(guru, year, "Sangat Baik")
    potential(guru, 95)
    with tenant_scope(world.agency):
        recompute_placements(world.agency, actor=world.users["admin_bkpsdm"])
    world.dinas = dinas
    world.camat_key = KeyPosition.objects.create(
        agency=world.agency, position=world.kepala.position
    )
    world.dinas_key = KeyPosition.objects.create(agency=world.agency, position=head)
    return world


def object_urls(world) -> dict[str, str]:
    succession = reverse("talent:succession", args=[world.camat_key.pk])
    return {
        "placement": reverse("api-talent-placement-detail", args=[world.pegawai.pk]),
        "succession": succession,
        "succession xlsx": succession + "?format=xlsx",
        "candidates": reverse("api-talent-candidates", args=[world.camat_key.pk]),
    }


def statuses(client, world) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in object_urls(world).items()}


def _sides(unit_names) -> list[str]:
    """Which side of the agency the rows come from: the audited kecamatan, the dinas."""
    names = set(unit_names)
    return [side for side, hit in (("plaju", names & PLAJU), ("dinas", DINAS in names)) if hit]


def _xlsx_sides(client, url: str) -> list[str]:
    sheet = load_workbook(BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    return _sides(value for row in sheet.iter_rows(min_row=2, values_only=True) for value in row)


def listed(client) -> dict[str, list[str]]:
    """Where the rows of every list come from, on the page, in its XLSX and through the API."""
    placements = lambda c: [p.employee.unit.name for p in c["page"].object_list]  # noqa: E731
    page_units = {
        reverse("talent:box", args=[9]): placements,
        reverse("talent:pool"): placements,
        reverse("talent:unmapped"): lambda c: [e.unit.name for e in c["page"].object_list],
        reverse("talent:potential-list"): (
            lambda c: [a.employee.unit.name for a in c["page"].object_list]
        ),
        reverse("talent:key-position-list"): (
            lambda c: [k.position.unit.name for k in c["key_positions"]]
        ),
    }
    shown: dict[str, list[str]] = {}
    for url, units in page_units.items():
        shown[url] = _sides(units(client.get(url).context))
        shown[f"{url} xlsx"] = _xlsx_sides(client, url)
    for name in (
        "api-talent-placement-list",
        "api-talent-pool",
        "api-talent-unmapped",
        "api-talent-key-position-list",
    ):
        shown[name] = _sides(
            row["unit_name"] for row in client.get(reverse(name)).json()["results"]
        )
    potentials = client.get(reverse("api-talent-potential-list")).json()["results"]
    shown["api-talent-potential-list"] = _sides(
        "Dinas Pendidikan" if row["employee_name"] == "Guru Pertama" else "Kelurahan Plaju Ulu"
        for row in potentials
    )
    return shown


def test_the_inspector_auditing_the_kecamatan_reads_its_boxes_only(mapped, auditing, login):
    client = login("inspektur")

    assert set(statuses(client, mapped).values()) == {200}
    assert client.get(object_urls(mapped)["placement"]).json()["box"] == 9
    shown = listed(client)
    assert shown == {key: ["plaju"] for key in shown}
    grid = client.get(reverse("talent:grid")).context["grid"]
    assert (grid.placed, grid.pool) == (3, 1)  # pegawai, rekan, atasan; Guru Pertama not
    api_grid = client.get(reverse("api-talent-grid")).json()
    assert (api_grid["placed"], api_grid["pool"]) == (3, 1)
    units = client.get(reverse("talent:grid")).context["form"].fields["unit"].queryset
    assert {unit.name for unit in units} == PLAJU
    dinas_key = reverse("talent:succession", args=[mapped.dinas_key.pk])
    assert client.get(dinas_key).status_code == 404
    pool_pdf = client.get(reverse("talent:pool"), {"format": "pdf"}).content
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pool_pdf)).pages)
    assert "Unit kerja dalam jangkauan Anda" in text
    assert "Seluruh instansi" not in text
    guru = mapped.dinas.employees.get(name="Guru Pertama")
    assert client.get(reverse("api-talent-placement-detail", args=[guru.pk])).status_code == 404


def test_the_inspector_auditing_another_unit_reads_that_unit_and_not_pegawai(mapped, login):
    make_audit(mapped).units.set([mapped.dinas])
    client = login("inspektur")

    assert set(statuses(client, mapped).values()) == {404}
    shown = listed(client)
    assert shown == {key: ["dinas"] for key in shown}
    assert client.get(reverse("talent:grid")).context["grid"].placed == 1
    dinas_key = reverse("talent:succession", args=[mapped.dinas_key.pk])
    assert client.get(dinas_key).status_code == 200


@pytest.mark.parametrize("status", [None, AuditStatus.PLANNED])
def test_the_inspector_without_an_audit_in_fieldwork_reads_no_box(mapped, login, status):
    if status is not None:
        make_audit(mapped, status=status)
    client = login("inspektur")

    assert set(statuses(client, mapped).values()) == {404}
    shown = listed(client)
    assert shown == {key: [] for key in shown}
    grid = client.get(reverse("talent:grid")).context["grid"]
    assert (grid.placed, grid.unmapped, grid.pool) == (0, 0, 0)


def test_the_inspector_auditing_the_kecamatan_changes_nothing(mapped, auditing, login):
    client = login("inspektur")
    score = PotentialAssessment.objects.get(employee=mapped.pegawai)
    boxes = dict(TalentPlacement.objects.values_list("employee_id", "box"))
    entries = AuditEntry.objects.count()

    answers = {
        "recompute": client.post(reverse("talent:recompute")),
        "api recompute": client.post(reverse("api-talent-recompute")),
        "mark key": client.post(
            reverse("talent:key-position-list"), {"position": mapped.atasan.position_id}
        ),
        "unmark key": client.post(
            reverse("talent:key-position-delete", args=[mapped.camat_key.pk])
        ),
        "api score": client.post(
            reverse("api-talent-potential-list"),
            {"employee": mapped.rekan.pk, "score": "99", "assessed_on": "2026-04-01"},
            content_type="application/json",
        ),
        "delete score": client.post(reverse("talent:potential-delete", args=[score.pk])),
        "api delete score": client.delete(reverse("api-talent-potential-detail", args=[score.pk])),
    }

    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        answers, 403
    )
    assert dict(TalentPlacement.objects.values_list("employee_id", "box")) == boxes
    assert PotentialAssessment.objects.count() == 5
    assert KeyPosition.objects.count() == 2
    assert AuditEntry.objects.count() == entries


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response.content.decode()


def test_the_inspectors_pool_runs_the_same_number_of_queries_for_more_rows(mapped, auditing, login):
    client = login("inspektur")
    client.get(reverse("talent:pool"))
    before, _body = _queries(client, reverse("talent:pool"))
    for number in range(5):
        extra = factories.make_employee(mapped.kelurahan, f"Bintang {number}")
        for year in (2025, 2026):
            final_evaluation(extra, year, "Sangat Baik")
        potential(extra, 90)
    with tenant_scope(mapped.agency):
        recompute_placements(mapped.agency, actor=mapped.users["admin_bkpsdm"])

    after, body = _queries(client, reverse("talent:pool"))

    assert after == before
    assert body.count("Bintang ") == 5
