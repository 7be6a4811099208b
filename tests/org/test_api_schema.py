"""How the API documents itself: the OpenAPI schema, Swagger UI and DRF's browsable pages."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _api_routes(patterns, prefix: str = "") -> set[str]:
    """Every route of the URL configuration under /api/v1/, written as OpenAPI writes it
    (`<int:pk>` → `{id}`, `<str:code>` → `{code}`)."""
    routes: set[str] = set()
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes |= _api_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/v1/"):
            routes.add(
                "/"
                + re.sub(
                    r"<(?:\w+:)?(\w+)>",
                    lambda m: "{" + ("id" if m.group(1) == "pk" else m.group(1)) + "}",
                    route,
                )
            )
    return routes


def test_the_schema_documents_every_endpoint(client, db):
    response = client.get(reverse("api-schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    documented = {path for path in schema["paths"] if path.startswith("/api/v1/")}
    assert documented == _api_routes(get_resolver().url_patterns)
    # Spot checks that the walk above finds each area's endpoints.
    for path in (
        "/api/v1/employees/{id}/transfer/",
        "/api/v1/planning/plans/{id}/approve/",
        "/api/v1/appraisal/evaluations/{id}/rate/",
        "/api/v1/notifications/read-all/",
        "/api/v1/citizen/requests/{id}/complete/",
        "/api/v1/citizen/survey/responses/",
    ):
        assert path in documented, path
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
