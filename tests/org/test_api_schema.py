"""How the API documents itself: the OpenAPI schema, Swagger UI and DRF's browsable pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

API_PATHS = [
    "/api/v1/appraisal/evaluations/",
    "/api/v1/appraisal/evaluations/open/",
    "/api/v1/appraisal/evaluations/{id}/",
    "/api/v1/appraisal/evaluations/{id}/adjust/",
    "/api/v1/appraisal/evaluations/{id}/objections/",
    "/api/v1/appraisal/evaluations/{id}/rate/",
    "/api/v1/appraisal/evaluations/{id}/reopen/",
    "/api/v1/appraisal/evidence/{id}/",
    "/api/v1/appraisal/objections/",
    "/api/v1/appraisal/objections/{id}/",
    "/api/v1/appraisal/objections/{id}/decide/",
    "/api/v1/appraisal/plans/{id}/dialogues/",
    "/api/v1/appraisal/plans/{id}/feedback/",
    "/api/v1/appraisal/plans/{id}/realisations/",
    "/api/v1/appraisal/realisations/{id}/",
    "/api/v1/appraisal/realisations/{id}/evidence/",
    "/api/v1/appraisal/unit-assessments/",
    "/api/v1/appraisal/unit-assessments/{id}/",
    "/api/v1/appraisal/unit-assessments/{id}/confirm-breach/",
    "/api/v1/appraisal/unit-assessments/{id}/finalise/",
    "/api/v1/employees/",
    "/api/v1/employees/{id}/",
    "/api/v1/employees/{id}/deactivate/",
    "/api/v1/employees/{id}/reactivate/",
    "/api/v1/employees/{id}/transfer/",
    "/api/v1/me/",
    "/api/v1/notifications/",
    "/api/v1/notifications/read-all/",
    "/api/v1/notifications/{id}/read/",
    "/api/v1/planning/plans/",
    "/api/v1/planning/plans/{id}/",
    "/api/v1/planning/plans/{id}/approve/",
    "/api/v1/planning/plans/{id}/return/",
    "/api/v1/planning/plans/{id}/submit/",
    "/api/v1/positions/",
    "/api/v1/positions/{id}/",
    "/api/v1/token/",
    "/api/v1/units/",
    "/api/v1/units/{id}/",
    "/api/v1/units/{id}/chart/",
]


def test_the_schema_documents_every_endpoint(client, db):
    response = client.get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert sorted(path for path in schema["paths"] if path.startswith("/api/v1/")) == API_PATHS
    assert schema["components"]["schemas"]["UnitKindEnum"]["enum"][:2] == ["sekretariat", "dinas"]
    assert schema["components"]["schemas"]["PositionKindEnum"]["enum"] == [
        "jpt",
        "administrator",
        "pengawas",
        "pelaksana",
        "fungsional",
    ]


def test_the_employee_list_documents_its_filters_and_paging(client, db):
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()

    parameters = schema["paths"]["/api/v1/employees/"]["get"]["parameters"]

    assert sorted(p["name"] for p in parameters) == [
        "employee_type",
        "include_subunits",
        "page",
        "page_size",
        "position_kind",
        "q",
        "rank",
        "status",
        "unit",
    ]


def test_the_swagger_page_loads(client, db):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    assert b"swagger-ui" in response.content


@pytest.mark.parametrize("name", ["api-employee-list", "api-unit-list", "api-position-list"])
def test_the_browsable_api_renders_the_lists(world, login, name):
    response = login("admin_bkpsdm").get(reverse(name), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
