"""Pages of the oversight area under /pengawasan/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.oversight.views import audits, recommendations

app_name = "oversight"
urlpatterns: list[URLPattern] = [
    path("", audits.audit_list, name="audit-list"),
    path("baru/", audits.audit_create, name="audit-create"),
    path("<int:pk>/", audits.audit_detail, name="audit-detail"),
    path("<int:pk>/ubah/", audits.audit_edit, name="audit-edit"),
    path("<int:pk>/status/", audits.audit_status, name="audit-status"),
    path("<int:pk>/lhp.pdf", audits.audit_pdf, name="audit-pdf"),
    path("<int:pk>/kunjungan/baru/", audits.visit_create, name="visit-create"),
    path("<int:pk>/temuan/baru/", audits.finding_create, name="finding-create"),
    path("temuan/<int:pk>/ubah/", audits.finding_edit, name="finding-edit"),
    path(
        "temuan/<int:pk>/rekomendasi/baru/",
        recommendations.recommendation_create,
        name="recommendation-create",
    ),
    path(
        "rekomendasi/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation-detail",
    ),
    path(
        "rekomendasi/<int:pk>/ubah/",
        recommendations.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "rekomendasi/<int:pk>/tidak-dapat/",
        recommendations.recommendation_not_applicable,
        name="recommendation-not-applicable",
    ),
    path(
        "rekomendasi/<int:pk>/tindak-lanjut/",
        recommendations.follow_up_submit,
        name="follow-up-submit",
    ),
    path(
        "tindak-lanjut/<int:pk>/tinjau/",
        recommendations.follow_up_review,
        name="follow-up-review",
    ),
    path("tindak-lanjut/<int:pk>/berkas/", recommendations.follow_up_file, name="follow-up-file"),
    path("rekomendasi-saya/", recommendations.my_recommendations, name="my-recommendations"),
    path("terlambat/", recommendations.overdue_list, name="overdue-list"),
]
