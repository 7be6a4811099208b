"""360° feedback pages under /umpan-balik/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.behaviour.views import answering, raters, reports, rounds

app_name = "behaviour"
urlpatterns: list[URLPattern] = [
    path("", answering.mine, name="mine"),
    path("isi/<int:pk>/", answering.questionnaire, name="questionnaire"),
    path("putaran/", rounds.round_list, name="round-list"),
    path("putaran/baru/", rounds.round_create, name="round-create"),
    path("putaran/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("putaran/<int:pk>/buka/", rounds.round_open, name="round-open"),
    path("putaran/<int:pk>/tutup/", rounds.round_close, name="round-close"),
    path("putaran/<int:pk>/hapus/", rounds.round_delete, name="round-delete"),
    path("putaran/<int:pk>/ingatkan/", rounds.round_remind, name="round-remind"),
    path("putaran/<int:pk>/unit/", rounds.unit_summary, name="unit-summary"),
    path(
        "putaran/<int:pk>/penilai/<int:employee_pk>/",
        raters.subject_raters,
        name="subject-raters",
    ),
    path("penugasan/<int:pk>/hapus/", raters.rater_remove, name="rater-remove"),
    path("hasil/<int:round_pk>/<int:employee_pk>/", reports.report, name="report"),
    path("hasil/<int:round_pk>/<int:employee_pk>/pdf/", reports.report_pdf, name="report-pdf"),
]
