"""Public (no login) pages: the satisfaction survey (SKM) of a unit or one of its services."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.public import survey_views as views

urlpatterns: list[URLPattern] = [
    path("survei/<slug:agency_code>/<int:unit_pk>/", views.survey_unit, name="survey-unit"),
    path(
        "survei/terima-kasih/<slug:agency_code>/<int:unit_pk>/",
        views.survey_thanks,
        name="survey-thanks",
    ),
    path(
        "survei/<slug:agency_code>/<int:unit_pk>/<slug:service_code>/",
        views.survey_service,
        name="survey-service",
    ),
]
