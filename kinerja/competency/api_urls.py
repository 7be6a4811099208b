"""REST API of the competency area under /api/v1/competency/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.competency.api import dictionary, employees

urlpatterns: list[URLPattern] = [
    path(
        "dictionary/",
        dictionary.DictionaryListView.as_view(),
        name="api-competency-dictionary-list",
    ),
    path(
        "dictionary/<int:pk>/",
        dictionary.DictionaryDetailView.as_view(),
        name="api-competency-dictionary-detail",
    ),
    path(
        "positions/<int:pk>/requirements/",
        dictionary.PositionRequirementsView.as_view(),
        name="api-competency-position-requirements",
    ),
    path(
        "employees/<int:pk>/levels/",
        employees.EmployeeLevelsView.as_view(),
        name="api-competency-employee-levels",
    ),
    path(
        "employees/<int:pk>/gaps/",
        employees.EmployeeGapsView.as_view(),
        name="api-competency-employee-gaps",
    ),
    path("units/<int:pk>/gaps/", employees.UnitGapsView.as_view(), name="api-competency-unit-gaps"),
]
