"""Issue 7: inspectors read the performance data of the units under audit, and nothing else.

`inspektur` with no audit, with an audit of Kecamatan Plaju (pegawai's and rekan's subtree) in
fieldwork, and after it closes; Kecamatan Ilir Barat (Rudi Hartono) is never audited. Pages are
asked through the views, as the inspector would.
"""

# ruff: noqa: F811  (pytest fixtures imported from the shared fixture modules)

from __future__ import annotations

from django.urls import reverse

from kinerja.oversight import services as oversight
from tests.appraisal.documents_fixtures import quarter  # noqa: F401  (fixture)
from tests.appraisal.test_exports_xlsx import download, other_district, sheet_rows  # noqa: F401
from tests.oversight.builders import make_audit
from tests.planning.conftest import approved_plan, period  # noqa: F401  (fixtures)


def _pages(quarter) -> dict[str, str]:
    return {
        "evaluation": reverse("appraisal:evaluation-detail", kwargs={"pk": quarter.evaluation.pk}),
        "evaluation pdf": reverse("appraisal:evaluation-pdf", kwargs={"pk": quarter.evaluation.pk}),
        "plan": reverse("planning:plan-detail", kwargs={"pk": quarter.plan.pk}),
        "realisations": reverse("appraisal:realisation-current", kwargs={"pk": quarter.plan.pk}),
        "unit assessment": reverse(
            "appraisal:calibration", kwargs={"unit_pk": quarter.assessment.unit_id}
        ),
        "unit assessment pdf": reverse(
            "appraisal:assessment-pdf", kwargs={"pk": quarter.assessment.pk}
        ),
    }


def _statuses(client, quarter) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in _pages(quarter).items()}


def test_without_an_audit_the_inspector_reads_no_ones_appraisal(world, quarter, login):
    client = login("inspektur")

    assert set(_statuses(client, quarter).values()) == {404}
    for name in ("appraisal:evaluation-list", "planning:plan-list", "appraisal:realisation-list"):
        page = client.get(reverse(name)).content.decode()
        assert "Budi Santoso" not in page, name


def test_an_inspector_reads_the_units_under_audit_only(
    world, quarter, other_district, login, period
):
    make_audit(world)  # Kecamatan Plaju, fieldwork, inspektur leads
    client = login("inspektur")

    assert set(_statuses(client, quarter).values()) == {200}
    evaluations = client.get(reverse("appraisal:evaluation-list")).content.decode()
    assert "Budi Santoso" in evaluations
    assert "Rudi Hartono" not in evaluations
    plans = client.get(reverse("planning:plan-list")).content.decode()
    assert "Budi Santoso" in plans
    assert "Rudi Hartono" not in plans
    rows = sheet_rows(download(client, "evaluasi", period))
    assert [row[4] for row in rows[1:]] == ["Budi Santoso", "Dewi Lestari"]
    export_page = client.get(reverse("appraisal:export")).content.decode()
    assert "Semua unit yang sedang saya periksa" in export_page
    assert "Kecamatan Ilir Barat" not in export_page


def test_reading_is_all_an_audit_gives(world, quarter, login):
    make_audit(world)
    client = login("inspektur")
    url = reverse("appraisal:evaluation-rate", kwargs={"pk": quarter.evaluation.pk})

    response = client.post(
        url,
        {
            "version": quarter.evaluation.version,
            "results_rating": "Di Bawah Ekspektasi",
            "behaviour_rating": "Di Bawah Ekspektasi",
        },
    )

    assert response.status_code == 403
    assert "Hanya pejabat penilai pegawai ini yang dapat menilai." in response.content.decode()
    quarter.evaluation.refresh_from_db()
    assert quarter.evaluation.results_rating == "Di Atas Ekspektasi"  # as evaluated, unchanged


def test_once_the_audit_is_closed_the_units_are_closed_to_the_inspector(world, quarter, login):
    audit = make_audit(world)
    inspector = world.users["inspektur"]
    audit = oversight.change_audit_status(
        audit, actor=inspector, target="pelaporan", expected_version=None
    )
    assert _statuses(login("inspektur"), quarter)["evaluation"] == 200  # reporting still reads

    oversight.change_audit_status(audit, actor=inspector, target="selesai", expected_version=None)

    assert set(_statuses(login("inspektur"), quarter).values()) == {404}
