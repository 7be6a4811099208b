"""Routes of the planning REST API (under /api/v1/planning/)."""

from django.urls import path

from kinerja.planning import api

urlpatterns = [
    path("plans/", api.PlanListView.as_view(), name="api-plan-list"),
    path("plans/<int:pk>/", api.PlanDetailView.as_view(), name="api-plan-detail"),
    path("plans/<int:pk>/submit/", api.PlanSubmitView.as_view(), name="api-plan-submit"),
    path("plans/<int:pk>/return/", api.PlanReturnView.as_view(), name="api-plan-return"),
    path("plans/<int:pk>/approve/", api.PlanApproveView.as_view(), name="api-plan-approve"),
]
