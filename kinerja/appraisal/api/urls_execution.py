"""Execution API routes (under /api/v1/appraisal/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.appraisal.api import execution as api

urlpatterns: list[URLPattern] = [
    path(
        "plans/<int:pk>/realisations/",
        api.RealisationListView.as_view(),
        name="api-realisation-list",
    ),
    path(
        "realisations/<int:pk>/",
        api.RealisationDetailView.as_view(),
        name="api-realisation-detail",
    ),
    path(
        "realisations/<int:pk>/evidence/",
        api.EvidenceListView.as_view(),
        name="api-evidence-list",
    ),
    path("evidence/<int:pk>/", api.EvidenceDetailView.as_view(), name="api-evidence-detail"),
    path("plans/<int:pk>/feedback/", api.FeedbackListView.as_view(), name="api-feedback-list"),
    path("plans/<int:pk>/dialogues/", api.DialogueListView.as_view(), name="api-dialogue-list"),
]
