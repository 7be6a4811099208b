"""REST endpoints of indicators fed by data (under /api/v1/citizen/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.api import sources as api

urlpatterns: list[URLPattern] = [
    path("sources/plans/<int:pk>/", api.PlanSourcesView.as_view(), name="api-source-plan"),
    path(
        "sources/indicators/<int:pk>/",
        api.IndicatorSourceView.as_view(),
        name="api-source-indicator",
    ),
    path(
        "sources/realisations/<int:pk>/override/",
        api.OverrideView.as_view(),
        name="api-source-override",
    ),
]
