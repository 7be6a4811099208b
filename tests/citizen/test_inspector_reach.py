"""Issue 7: an inspector reads the citizen data of the units under audit — complaints, the
services and their requests, turnaround, the SKM report and responses — on every page, export
and endpoint, and nothing of the other units; and handles none of it.

The agency gets a second unit outside Kecamatan Plaju, Dinas Pendidikan, with the same kinds of
records as pegawai's Kelurahan Plaju Ulu: a service, a completed request, a complaint and a
survey response each.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.citizen.models import Complaint, Metric, Service, ServiceRequest
from kinerja.citizen.services import sources
from kinerja.org.models import Unit, UnitKind
from tests import factories
from tests.citizen.complaint_fixtures import complaint_in, fresh
from tests.citizen.services_fixtures import at, make_request, make_service
from tests.citizen.sources_fixtures import COUNT, approved_plan_with, indicator
from tests.citizen.survey_fixtures import add_responses, answers, local
from tests.oversight.builders import make_audit
from tests.planning.conftest import period

__all__ = ["period"]

KELURAHAN = "Kelurahan Plaju Ulu"
DINAS = "Dinas Pendidikan"


@dataclass
class Records:
    """One record of each kind in the kelurahan and in the dinas."""

    dinas: Unit
    services: dict[str, Service]
    requests: dict[str, ServiceRequest]
    complaints: dict[str, Complaint]


@pytest.fixture
def records(world, unscoped) -> Records:
    dinas = factories.make_unit(world.agency, DINAS, UnitKind.DINAS)
    services = {
        KELURAHAN: make_service(world.kelurahan),
        DINAS: make_service(dinas, "Legalisir Ijazah", "legalisir"),
    }
    requests = {
        name: make_request(service, received=at(2026, 3, 2), minutes=30, ticket=f"A-{index}")
        for index, (name, service) in enumerate(services.items())
    }
    complaints = {
        KELURAHAN: complaint_in(world.kelurahan),
        DINAS: complaint_in(dinas, subject="Legalisir ijazah tidak selesai"),
    }
    for unit, service in ((world.kelurahan, services[KELURAHAN]), (dinas, services[DINAS])):
        add_responses(unit, service, [answers(4)], at=local(2026, 2, 3))
    return Records(dinas, services, requests, complaints)


@pytest.fixture
def audit_of_dinas(world, records, unscoped):
    """`inspektur` is auditing Dinas Pendidikan only."""
    audit = make_audit(world)
    audit.units.set([records.dinas])
    return audit


def sheet_units(response) -> set[str]:
    """The values of the unit column of an XLSX download."""
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    column = next(i for i, header in enumerate(rows[0]) if header in ("Unit", "Unit kerja"))
    return {row[column] for row in rows[1:]}


def units_seen(client, records: Records) -> dict[str, set[str]]:
    """Whose records every list of the citizen area shows the client, page, export and API."""
    complaints = reverse("citizen:complaint-list")
    services = reverse("citizen:service-list")
    requests = reverse("citizen:request-list")
    responses = reverse("citizen:survey-responses")

    def page_units(url: str, rows: str = "page") -> set[str]:
        listed = client.get(url).context[rows]
        return {(row[0] if rows == "rows" else row).unit.name for row in listed}

    def api_units(name: str) -> set[str]:
        return {
            row["unit_name"] if "unit_name" in row else names[row["unit"]]
            for row in client.get(reverse(name)).json()["results"]
        }

    names = {service.unit_id: unit for unit, service in records.services.items()}

    turnaround = client.get(reverse("api-turnaround"), {"kind": "tahun", "year": 2026}).json()
    return {
        "complaints": page_units(complaints),
        "complaints.xlsx": sheet_units(client.get(complaints, {"format": "xlsx"})),
        "complaints.api": api_units("api-complaint-list"),
        "services": page_units(services),
        "services.xlsx": sheet_units(client.get(services, {"format": "xlsx", "year": 2026})),
        "services.api": api_units("api-service-list"),
        "requests": page_units(requests),
        "requests.xlsx": sheet_units(client.get(requests, {"format": "xlsx"})),
        "requests.api": api_units("api-request-list"),
        "turnaround.api": {row["name"] for row in turnaround["units"]},
        "survey": {
            u.name for u in client.get(reverse("citizen:survey-report")).context["choice"].units
        },
        "responses": page_units(responses, "rows"),
        "responses.xlsx": sheet_units(client.get(responses, {"format": "xlsx"})),
    }


def detail_statuses(client, records: Records, unit: str) -> dict[str, int]:
    """What the object pages and endpoints of `unit`'s records answer the client."""
    complaint = records.complaints[unit].pk
    request = records.requests[unit].pk
    unit_pk = records.services[unit].unit_id
    return {
        "complaint": client.get(reverse("citizen:complaint-detail", args=[complaint])).status_code,
        "complaint.api": client.get(reverse("api-complaint-detail", args=[complaint])).status_code,
        "service.api": client.get(
            reverse("api-service-detail", args=[records.services[unit].pk])
        ).status_code,
        "request": client.get(reverse("citizen:request-detail", args=[request])).status_code,
        "request.api": client.get(reverse("api-request-detail", args=[request])).status_code,
        "survey": client.get(reverse("citizen:survey-report"), {"unit": unit_pk}).status_code,
        "survey.api": client.get(reverse("api-survey-report"), {"unit": unit_pk}).status_code,
    }


def everywhere(units: set[str]) -> dict[str, set[str]]:
    return dict.fromkeys(
        (
            "complaints",
            "complaints.xlsx",
            "complaints.api",
            "services",
            "services.xlsx",
            "services.api",
            "requests",
            "requests.xlsx",
            "requests.api",
            "turnaround.api",
            "survey",
            "responses",
            "responses.xlsx",
        ),
        units,
    )


DETAILS = (
    "complaint",
    "complaint.api",
    "service.api",
    "request",
    "request.api",
    "survey",
    "survey.api",
)


def answering(status: int) -> dict[str, int]:
    return dict.fromkeys(DETAILS, status)


def test_inspector_auditing_the_kecamatan_reads_the_kelurahan_and_not_the_dinas(
    world, records, auditing, login
):
    client = login("inspektur")

    assert units_seen(client, records) == everywhere({KELURAHAN})
    assert detail_statuses(client, records, KELURAHAN) == answering(200)
    assert detail_statuses(client, records, DINAS) == answering(404)


def test_inspector_auditing_the_dinas_reads_it_and_not_the_kelurahan(
    world, records, audit_of_dinas, login
):
    client = login("inspektur")

    assert units_seen(client, records) == everywhere({DINAS})
    assert detail_statuses(client, records, DINAS) == answering(200)
    assert detail_statuses(client, records, KELURAHAN) == answering(404)


def test_inspector_without_an_audit_reads_no_citizen_data(world, records, login):
    client = login("inspektur")

    assert units_seen(client, records) == everywhere(set())
    assert detail_statuses(client, records, KELURAHAN) == answering(404)
    assert (
        "Belum ada unit dengan layanan publik atau jawaban survei dalam jangkauan Anda."
        in client.get(reverse("citizen:survey-report")).content.decode()
    )


def test_the_agency_admin_still_reads_every_unit(world, records, login):
    assert units_seen(login("admin_bkpsdm"), records) == everywhere({KELURAHAN, DINAS})


def test_the_inspector_under_audit_handles_nothing(world, records, auditing, login):
    client = login("inspektur")
    complaint = records.complaints[KELURAHAN]
    service = records.services[KELURAHAN]
    open_request = make_request(service, received=at(2026, 3, 3))

    responded = client.post(
        reverse("citizen:complaint-respond", args=[complaint.pk]),
        {"version": complaint.version, "response": "Sedang kami periksa."},
    )
    completed = client.post(
        reverse("citizen:request-complete", args=[open_request.pk]), {"version": 1}
    )
    edited = client.patch(
        reverse("api-service-detail", args=[service.pk]),
        {"standard_minutes": 15, "version": service.version},
        content_type="application/json",
    )

    assert (responded.status_code, completed.status_code, edited.status_code) == (403, 403, 403)
    assert fresh(complaint).response == ""
    open_request.refresh_from_db()
    service.refresh_from_db()
    assert (open_request.completed_at, service.standard_minutes) == (None, 60)


@pytest.mark.parametrize(("audited", "shown"), [(True, 200), (False, 404)])
def test_the_indicators_fed_by_data_follow_the_skp_the_inspector_may_see(
    world, period, records, login, unscoped, audited, shown
):
    plan = approved_plan_with(world, world.pegawai, period)
    sources.bind_indicator_source(
        indicator(plan, COUNT),
        actor=world.users["admin_bkpsdm"],
        metric=Metric.SERVICE_COMPLETED,
        service=records.services[KELURAHAN],
    )
    if audited:
        make_audit(world)
    client = login("inspektur")

    listed = client.get(reverse("citizen:source-list")).context["entries"]
    export = client.get(reverse("citizen:source-list"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))

    assert [source.indicator.text for source, _target in listed] == ([COUNT] if audited else [])
    assert len(rows) == (2 if audited else 1)
    assert client.get(reverse("citizen:source-plan", args=[plan.pk])).status_code == shown
