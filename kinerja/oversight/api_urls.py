"""REST API of the oversight area under /api/v1/oversight/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.oversight import api

urlpatterns: list[URLPattern] = [
    path("audits/", api.AuditListView.as_view(), name="api-oversight-audit-list"),
    path("audits/<int:pk>/", api.AuditDetailView.as_view(), name="api-oversight-audit-detail"),
    path(
        "audits/<int:pk>/status/",
        api.AuditStatusView.as_view(),
        name="api-oversight-audit-status",
    ),
    path(
        "audits/<int:pk>/findings/",
        api.FindingListView.as_view(),
        name="api-oversight-finding-list",
    ),
    path(
        "findings/<int:pk>/recommendations/",
        api.FindingRecommendationsView.as_view(),
        name="api-oversight-finding-recommendations",
    ),
    path(
        "recommendations/",
        api.RecommendationListView.as_view(),
        name="api-oversight-recommendation-list",
    ),
    path(
        "recommendations/<int:pk>/",
        api.RecommendationDetailView.as_view(),
        name="api-oversight-recommendation-detail",
    ),
    path(
        "recommendations/<int:pk>/follow-ups/",
        api.FollowUpListView.as_view(),
        name="api-oversight-follow-up-list",
    ),
    path(
        "follow-ups/<int:pk>/review/",
        api.FollowUpReviewView.as_view(),
        name="api-oversight-follow-up-review",
    ),
]
