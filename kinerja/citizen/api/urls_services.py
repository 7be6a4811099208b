"""REST endpoints of the citizen area: the services catalogue, requests and turnaround."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.api import services as api

urlpatterns: list[URLPattern] = [
    path("services/", api.ServiceListView.as_view(), name="api-service-list"),
    path("services/<int:pk>/", api.ServiceDetailView.as_view(), name="api-service-detail"),
    path("requests/", api.RequestListView.as_view(), name="api-request-list"),
    path("requests/<int:pk>/", api.RequestDetailView.as_view(), name="api-request-detail"),
    path(
        "requests/<int:pk>/complete/",
        api.RequestCompleteView.as_view(),
        name="api-request-complete",
    ),
    path("turnaround/", api.TurnaroundView.as_view(), name="api-turnaround"),
]
