"""REST endpoints of the citizen area: complaints (staff), and the public complaint endpoints
(file a complaint, its status by ticket code, the rating)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.api import complaints as api

urlpatterns: list[URLPattern] = [
    path("complaints/", api.ComplaintListView.as_view(), name="api-complaint-list"),
    path("complaints/<int:pk>/", api.ComplaintDetailView.as_view(), name="api-complaint-detail"),
    path(
        "complaints/<int:pk>/assign/",
        api.ComplaintAssignView.as_view(),
        name="api-complaint-assign",
    ),
    path(
        "complaints/<int:pk>/classify/",
        api.ComplaintClassifyView.as_view(),
        name="api-complaint-classify",
    ),
    path(
        "complaints/<int:pk>/respond/",
        api.ComplaintRespondView.as_view(),
        name="api-complaint-respond",
    ),
    path(
        "complaints/<int:pk>/resolve/",
        api.ComplaintResolveView.as_view(),
        name="api-complaint-resolve",
    ),
    path(
        "complaints/<int:pk>/reject/",
        api.ComplaintRejectView.as_view(),
        name="api-complaint-reject",
    ),
    path(
        "public/complaints/",
        api.PublicComplaintCreateView.as_view(),
        name="api-public-complaint-create",
    ),
    path(
        "public/complaints/<str:ticket>/",
        api.PublicComplaintStatusView.as_view(),
        name="api-public-complaint-status",
    ),
    path(
        "public/complaints/<str:ticket>/rating/",
        api.PublicComplaintRateView.as_view(),
        name="api-public-complaint-rate",
    ),
]
