"""REST API of the development area under /api/v1/development/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.development.api import catalogue, plans, reports

urlpatterns: list[URLPattern] = [
    path("trainings/", catalogue.TrainingListView.as_view(), name="api-development-training-list"),
    path(
        "trainings/<int:pk>/",
        catalogue.TrainingDetailView.as_view(),
        name="api-development-training-detail",
    ),
    path("trainers/", catalogue.TrainerListView.as_view(), name="api-development-trainer-list"),
    path(
        "trainers/match/",
        catalogue.TrainerMatchView.as_view(),
        name="api-development-trainer-match",
    ),
    path(
        "employees/<int:pk>/",
        plans.EmployeeDevelopmentView.as_view(),
        name="api-development-employee",
    ),
    path(
        "recommendations/",
        plans.RecommendationListView.as_view(),
        name="api-development-recommendation-list",
    ),
    path(
        "recommendations/refresh/",
        plans.RecommendationRefreshView.as_view(),
        name="api-development-recommendation-refresh",
    ),
    path(
        "recommendations/<int:pk>/dismiss/",
        plans.RecommendationDismissView.as_view(),
        name="api-development-recommendation-dismiss",
    ),
    path("plans/", plans.PlanListView.as_view(), name="api-development-plan-list"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="api-development-plan-detail"),
    path("plans/<int:pk>/items/", plans.PlanItemsView.as_view(), name="api-development-plan-items"),
    path(
        "plans/<int:pk>/propose/",
        plans.PlanProposeView.as_view(),
        name="api-development-plan-propose",
    ),
    path("plans/<int:pk>/agree/", plans.PlanAgreeView.as_view(), name="api-development-plan-agree"),
    path(
        "plans/<int:pk>/return/", plans.PlanReturnView.as_view(), name="api-development-plan-return"
    ),
    path(
        "items/<int:pk>/complete/",
        plans.ItemCompleteView.as_view(),
        name="api-development-item-complete",
    ),
    path("jp/shortfall/", reports.ShortfallView.as_view(), name="api-development-jp-shortfall"),
    path("savings/", reports.SavingsView.as_view(), name="api-development-savings"),
]
