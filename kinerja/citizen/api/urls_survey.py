"""REST endpoints of the citizen area: the satisfaction survey (SKM)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.api import survey as api

urlpatterns: list[URLPattern] = [
    path(
        "survey/responses/",
        api.SurveyResponseCreateView.as_view(),
        name="api-survey-response-create",
    ),
    path("survey/report/", api.SurveyReportView.as_view(), name="api-survey-report"),
]
