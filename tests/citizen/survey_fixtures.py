"""Fixtures of the survey tests: services of Kelurahan Plaju Ulu and answers built quickly.

Import the fixtures a test module uses: `from tests.citizen.survey_fixtures import ...`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from kinerja.citizen.ikm import ELEMENTS
from kinerja.citizen.models import Service, ServiceRequest, SurveyResponse
from kinerja.org.models import Unit


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The local-memory cache outlives a test: start every test with no counted requests."""
    cache.clear()
    yield
    cache.clear()


def make_service(unit: Unit, code: str, name: str, *, is_active: bool = True) -> Service:
    return Service.objects.create(
        agency_id=unit.agency_id,
        unit=unit,
        code=code,
        name=name,
        standard_minutes=60,
        is_active=is_active,
    )


@pytest.fixture
def ktp(world, unscoped) -> Service:
    return make_service(world.kelurahan, "ktp-el", "Perekaman KTP-el")


@pytest.fixture
def kk(world, unscoped) -> Service:
    return make_service(world.kelurahan, "kk", "Kartu Keluarga")


def local(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_default_timezone())


def answers(*values: int | None) -> dict[str, int | None]:
    """`answers(4, 3, …)` → {"answer_persyaratan": 4, …}; one value repeats for all nine."""
    if len(values) == 1:
        values = values * len(ELEMENTS)
    assert len(values) == len(ELEMENTS)
    return {f"answer_{e.value}": v for e, v in zip(ELEMENTS, values, strict=True)}


def add_responses(
    unit: Unit,
    service: Service | None,
    rows: list[Mapping[str, Any]],
    *,
    at: dt.datetime,
) -> list[SurveyResponse]:
    """Responses straight into the table (the fixtures of report tests, not the use case)."""
    return SurveyResponse.objects.bulk_create(
        SurveyResponse(agency_id=unit.agency_id, unit=unit, service=service, submitted_at=at, **row)
        for row in rows
    )


def add_requests(service: Service, count: int, *, at: dt.datetime) -> None:
    ServiceRequest.objects.bulk_create(
        ServiceRequest(
            agency_id=service.agency_id, service=service, unit_id=service.unit_id, received_at=at
        )
        for _ in range(count)
    )


def form_data(**overrides: Any) -> dict[str, Any]:
    """A complete public questionnaire (every element answered 3) with `overrides`."""
    data: dict[str, Any] = dict.fromkeys(answers(3), "3")
    data.update({"website": "", "comment": "", "ticket_code": ""})
    data.update(overrides)
    return data
