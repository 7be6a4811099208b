"""Routes of the REST API v1 (organisation data, the signed-in user, tokens)."""

from django.urls import path

from kinerja.org import api

urlpatterns = [
    path("token/", api.TokenView.as_view(), name="api-token"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("employees/", api.EmployeeListView.as_view(), name="api-employee-list"),
    path("employees/<int:pk>/", api.EmployeeDetailView.as_view(), name="api-employee-detail"),
    path(
        "employees/<int:pk>/transfer/",
        api.EmployeeTransferView.as_view(),
        name="api-employee-transfer",
    ),
    path(
        "employees/<int:pk>/deactivate/",
        api.EmployeeDeactivateView.as_view(),
        name="api-employee-deactivate",
    ),
    path(
        "employees/<int:pk>/reactivate/",
        api.EmployeeReactivateView.as_view(),
        name="api-employee-reactivate",
    ),
    path("units/", api.UnitListView.as_view(), name="api-unit-list"),
    path("units/<int:pk>/", api.UnitDetailView.as_view(), name="api-unit-detail"),
    path("units/<int:pk>/chart/", api.UnitChartView.as_view(), name="api-unit-chart"),
    path("positions/", api.PositionListView.as_view(), name="api-position-list"),
    path("positions/<int:pk>/", api.PositionDetailView.as_view(), name="api-position-detail"),
]
