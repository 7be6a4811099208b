"""Pages of the services area under /layanan/: the catalogue, the desk, requests, turnaround
and the queue-system import."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.views import request_imports, requests, services, turnaround

urlpatterns: list[URLPattern] = [
    path("katalog/", services.service_list, name="service-list"),
    path("katalog/tambah/", services.service_create, name="service-create"),
    path("katalog/<int:pk>/ubah/", services.service_edit, name="service-edit"),
    path("katalog/<int:pk>/nonaktifkan/", services.service_deactivate, name="service-deactivate"),
    path("katalog/<int:pk>/aktifkan/", services.service_reactivate, name="service-reactivate"),
    path("loket/", requests.request_desk, name="request-desk"),
    path("permohonan/", requests.request_list, name="request-list"),
    path("permohonan/<int:pk>/", requests.request_detail, name="request-detail"),
    path("permohonan/<int:pk>/selesai/", requests.request_complete, name="request-complete"),
    path("permohonan/impor/", request_imports.request_import, name="request-import"),
    path(
        "permohonan/impor/templat/",
        request_imports.request_import_template,
        name="request-import-template",
    ),
    path(
        "permohonan/impor/<int:pk>/",
        request_imports.request_import_detail,
        name="request-import-detail",
    ),
    path(
        "permohonan/impor/<int:pk>/terapkan/",
        request_imports.request_import_commit,
        name="request-import-commit",
    ),
    path(
        "permohonan/impor/<int:pk>/status/",
        request_imports.request_import_status,
        name="request-import-status",
    ),
    path("waktu-penyelesaian/", turnaround.turnaround, name="turnaround"),
]
