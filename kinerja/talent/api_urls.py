"""REST API of the talent area under /api/v1/talent/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.talent.api import views

urlpatterns: list[URLPattern] = [
    path("grid/", views.GridView.as_view(), name="api-talent-grid"),
    path("placements/", views.PlacementListView.as_view(), name="api-talent-placement-list"),
    path(
        "placements/<int:employee_pk>/",
        views.PlacementDetailView.as_view(),
        name="api-talent-placement-detail",
    ),
    path("pool/", views.PoolView.as_view(), name="api-talent-pool"),
    path("unmapped/", views.UnmappedView.as_view(), name="api-talent-unmapped"),
    path("me/", views.MineView.as_view(), name="api-talent-me"),
    path("settings/", views.SettingsView.as_view(), name="api-talent-settings"),
    path("recompute/", views.RecomputeView.as_view(), name="api-talent-recompute"),
    path("potential/", views.PotentialListView.as_view(), name="api-talent-potential-list"),
    path(
        "potential/import/",
        views.PotentialImportView.as_view(),
        name="api-talent-potential-import",
    ),
    path(
        "potential/<int:pk>/",
        views.PotentialDetailView.as_view(),
        name="api-talent-potential-detail",
    ),
    path(
        "key-positions/", views.KeyPositionListView.as_view(), name="api-talent-key-position-list"
    ),
    path(
        "key-positions/<int:pk>/",
        views.KeyPositionDetailView.as_view(),
        name="api-talent-key-position-detail",
    ),
    path(
        "key-positions/<int:pk>/candidates/",
        views.CandidateListView.as_view(),
        name="api-talent-candidates",
    ),
]
