"""Routes of the evaluation API (under /api/v1/appraisal/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.appraisal.api import evaluation as api

urlpatterns: list[URLPattern] = [
    path("evaluations/", api.EvaluationListView.as_view(), name="api-evaluation-list"),
    path("evaluations/open/", api.EvaluationOpenView.as_view(), name="api-evaluation-open"),
    path("evaluations/<int:pk>/", api.EvaluationDetailView.as_view(), name="api-evaluation-detail"),
    path(
        "evaluations/<int:pk>/rate/", api.EvaluationRateView.as_view(), name="api-evaluation-rate"
    ),
    path(
        "evaluations/<int:pk>/reopen/",
        api.EvaluationReopenView.as_view(),
        name="api-evaluation-reopen",
    ),
    path(
        "evaluations/<int:pk>/adjust/",
        api.EvaluationAdjustView.as_view(),
        name="api-evaluation-adjust",
    ),
    path(
        "evaluations/<int:pk>/objections/",
        api.ObjectionFileView.as_view(),
        name="api-objection-file",
    ),
    path(
        "unit-assessments/",
        api.UnitAssessmentSetView.as_view(),
        name="api-unit-assessment-set",
    ),
    path(
        "unit-assessments/<int:pk>/",
        api.UnitAssessmentDetailView.as_view(),
        name="api-unit-assessment-detail",
    ),
    path(
        "unit-assessments/<int:pk>/confirm-breach/",
        api.UnitAssessmentConfirmView.as_view(),
        name="api-unit-assessment-confirm",
    ),
    path(
        "unit-assessments/<int:pk>/finalise/",
        api.UnitAssessmentFinaliseView.as_view(),
        name="api-unit-assessment-finalise",
    ),
    path("objections/", api.ObjectionListView.as_view(), name="api-objection-list"),
    path("objections/<int:pk>/", api.ObjectionDetailView.as_view(), name="api-objection-detail"),
    path(
        "objections/<int:pk>/decide/",
        api.ObjectionDecideView.as_view(),
        name="api-objection-decide",
    ),
]
