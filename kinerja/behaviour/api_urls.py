"""REST API of the 360° area under /api/v1/behaviour/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.behaviour.api import answering, reports, rounds

urlpatterns: list[URLPattern] = [
    path("rounds/", rounds.RoundListView.as_view(), name="api-behaviour-round-list"),
    path("rounds/<int:pk>/", rounds.RoundDetailView.as_view(), name="api-behaviour-round-detail"),
    path("rounds/<int:pk>/open/", rounds.RoundOpenView.as_view(), name="api-behaviour-round-open"),
    path(
        "rounds/<int:pk>/close/", rounds.RoundCloseView.as_view(), name="api-behaviour-round-close"
    ),
    path(
        "rounds/<int:pk>/remind/",
        rounds.RoundRemindView.as_view(),
        name="api-behaviour-round-remind",
    ),
    path(
        "rounds/<int:pk>/units/",
        reports.UnitSummaryView.as_view(),
        name="api-behaviour-unit-summary",
    ),
    path(
        "rounds/<int:pk>/raters/<int:employee_pk>/",
        rounds.SubjectRatersView.as_view(),
        name="api-behaviour-subject-raters",
    ),
    path("raters/<int:pk>/", rounds.RaterRemoveView.as_view(), name="api-behaviour-rater-remove"),
    path(
        "questionnaires/",
        answering.QuestionnaireListView.as_view(),
        name="api-behaviour-questionnaire-list",
    ),
    path(
        "questionnaires/<int:pk>/",
        answering.QuestionnaireDetailView.as_view(),
        name="api-behaviour-questionnaire-detail",
    ),
    path(
        "questionnaires/<int:pk>/submit/",
        answering.QuestionnaireSubmitView.as_view(),
        name="api-behaviour-questionnaire-submit",
    ),
    path(
        "reports/<int:round_pk>/<int:employee_pk>/",
        reports.ReportView.as_view(),
        name="api-behaviour-report",
    ),
]
