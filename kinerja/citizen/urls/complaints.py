"""Complaint pages under /layanan/: the list, desk entry, one complaint and its actions, the
SP4N-LAPOR! import; the agency's holiday calendar and day-counting setting."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.views import calendar, complaints

urlpatterns: list[URLPattern] = [
    path("pengaduan/", complaints.complaint_list, name="complaint-list"),
    path("pengaduan/baru/", complaints.complaint_create, name="complaint-create"),
    path("pengaduan/impor/", complaints.complaint_import, name="complaint-import"),
    path(
        "pengaduan/impor/<int:pk>/",
        complaints.complaint_import_detail,
        name="complaint-import-detail",
    ),
    path(
        "pengaduan/impor/<int:pk>/jalankan/",
        complaints.complaint_import_commit,
        name="complaint-import-commit",
    ),
    path("pengaduan/<int:pk>/", complaints.complaint_detail, name="complaint-detail"),
    path("pengaduan/<int:pk>/tugaskan/", complaints.complaint_assign, name="complaint-assign"),
    path(
        "pengaduan/<int:pk>/klasifikasi/",
        complaints.complaint_classify,
        name="complaint-classify",
    ),
    path("pengaduan/<int:pk>/tanggapi/", complaints.complaint_respond, name="complaint-respond"),
    path("pengaduan/<int:pk>/selesaikan/", complaints.complaint_resolve, name="complaint-resolve"),
    path("pengaduan/<int:pk>/tolak/", complaints.complaint_reject, name="complaint-reject"),
    path("hari-libur/", calendar.holiday_list, name="holiday-list"),
    path("hari-libur/impor/", calendar.holiday_import, name="holiday-import"),
    path("hari-libur/<int:pk>/hapus/", calendar.holiday_delete, name="holiday-delete"),
    path("pengaturan-pengaduan/", calendar.citizen_settings, name="citizen-settings"),
]
