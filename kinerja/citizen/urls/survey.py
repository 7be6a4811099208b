"""Pages of the citizen area: the satisfaction survey (SKM) report, responses, paper imports
and QR posters."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.views import survey as views

urlpatterns: list[URLPattern] = [
    path("survei/", views.survey_report, name="survey-report"),
    path("survei/laporan.pdf", views.survey_report_pdf, name="survey-report-pdf"),
    path("survei/laporan.xlsx", views.survey_report_xlsx, name="survey-report-xlsx"),
    path("survei/jawaban/", views.survey_responses, name="survey-responses"),
    path("survei/impor/", views.survey_import, name="survey-import"),
    path("survei/impor/simpan/", views.survey_import_commit, name="survey-import-commit"),
    path("survei/impor/templat/", views.survey_import_template, name="survey-import-template"),
    path("survei/poster/", views.survey_posters, name="survey-posters"),
    path("survei/poster/unit/<int:pk>/", views.survey_poster_unit, name="survey-poster"),
    path(
        "survei/poster/layanan/<int:pk>/",
        views.survey_poster_service,
        name="survey-poster-service",
    ),
]
