"""The history of agency performance reports: newest first, 20 a page, filtered by period,
unit and status, as Excel, in a number of queries that does not grow with the history."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.core.tenancy import tenant_scope
from kinerja.insight.models import AgencyReport, ReportStatus
from kinerja.planning import services as planning
from tests.insight.conftest import JAKARTA


@pytest.fixture
def earlier(world, unscoped):
    return planning.create_period(
        world.agency,
        actor=None,
        year=2025,
        name="Tahun 2025",
        frequency="semesteran",
        approach="kuantitatif",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )


def _history(world, period, earlier, count: int) -> list[AgencyReport]:
    """`count` finished reports, one an hour: every third of the kelurahan, every fourth of
    2025, every fifth failed."""
    admin = world.users["admin_bkpsdm"]
    made = []
    with tenant_scope(world.agency):
        for index in range(count):
            made.append(
                AgencyReport.objects.create(
                    agency=world.agency,
                    period=earlier if index % 4 == 0 else period,
                    unit=world.kelurahan if index % 3 == 0 else None,
                    requested_by=admin,
                    requested_at=dt.datetime(2026, 11, 1, tzinfo=JAKARTA)
                    + dt.timedelta(hours=index),
                    status=ReportStatus.FAILED if index % 5 == 0 else ReportStatus.DONE,
                    progress=100,
                )
            )
    return made


def _listed(response) -> list[int]:
    return [report.pk for report, _badge in response.context["rows"]]


def test_the_history_lists_newest_first_twenty_a_page(world, period, earlier, login):
    made = _history(world, period, earlier, 23)
    client = login("admin_bkpsdm")
    first = client.get(reverse("insight:report-list"))
    second = client.get(reverse("insight:report-list"), {"page": 2})
    newest_first = [report.pk for report in reversed(made)]
    assert _listed(first) == newest_first[:20]
    assert _listed(second) == newest_first[20:]
    assert "Halaman 1 dari 2" in first.text


def test_the_history_filters_by_period_unit_and_status(world, period, earlier, login):
    made = _history(world, period, earlier, 12)
    client = login("admin_bkpsdm")

    def listed(**query) -> set[int]:
        response = client.get(reverse("insight:report-list"), query)
        assert response.status_code == 200
        return set(_listed(response))

    assert listed(period=earlier.pk) == {r.pk for r in made if r.period_id == earlier.pk}
    assert listed(unit=world.kelurahan.pk) == {r.pk for r in made if r.unit_id}
    assert listed(unit="instansi") == {r.pk for r in made if r.unit_id is None}
    assert (
        listed(status="failed")
        == {r.pk for r in made if r.status == "failed"}
        == {
            made[0].pk,
            made[5].pk,
            made[10].pk,
        }
    )
    assert listed(status="failed", unit=world.kelurahan.pk) == {made[0].pk}


def test_the_history_downloads_as_excel_with_the_filter_applied(world, period, earlier, login):
    made = _history(world, period, earlier, 7)
    response = login("admin_bkpsdm").get(
        reverse("insight:report-list"), {"status": "done", "format": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Diminta pada",
        "Periode",
        "Cakupan",
        "Diminta oleh",
        "Status",
        "Selesai pada",
        "Keterangan",
    )
    done = [r for r in reversed(made) if r.status == "done"]
    assert [row[0] for row in rows[1:]] == [
        r.requested_at.astimezone(JAKARTA).replace(tzinfo=None) for r in done
    ]
    assert {row[4] for row in rows[1:]} == {"Selesai"}
    assert rows[1][2] == ("Kelurahan Plaju Ulu" if done[0].unit_id else "Seluruh instansi")


def test_the_history_page_takes_the_same_queries_for_3_or_20_reports(world, period, earlier, login):
    client = login("admin_bkpsdm")
    _history(world, period, earlier, 3)
    client.get(reverse("insight:report-list"))  # warm the session and the actor
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("insight:report-list"))
    _history(world, period, earlier, 17)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("insight:report-list"))
    assert len(_listed(response)) == 20
    assert len(many) == len(few)
