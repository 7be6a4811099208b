"""Public (no login) pages: the complaint form of an agency, the ticket code it gives, the status
of a complaint by that code and the rating of its resolution."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.public import complaint_views as views

urlpatterns: list[URLPattern] = [
    # Before the agency's form: "status" is not an agency code.
    path("pengaduan/status/", views.complaint_status, name="complaint-status"),
    path("pengaduan/status/nilai/", views.complaint_rate, name="complaint-rate"),
    path("pengaduan/<slug:agency_code>/", views.complaint_form, name="complaint-form"),
    path(
        "pengaduan/<slug:agency_code>/terkirim/<str:ticket>/",
        views.complaint_sent,
        name="complaint-sent",
    ),
]
