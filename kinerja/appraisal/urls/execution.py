"""Execution pages under /penilaian/: realisation, evidence, feedback, dialogues, overviews."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.appraisal.views import execution as views

SHEET = "skp/<int:pk>/realisasi/<int:subperiod>/"

urlpatterns: list[URLPattern] = [
    path("saya/", views.my_performance, name="my-performance"),
    path("tim/", views.team_performance, name="team-performance"),
    path("realisasi/", views.realisation_list, name="realisation-list"),
    path("skp/<int:pk>/realisasi/", views.realisation_page, name="realisation-current"),
    path(SHEET, views.realisation_page, name="realisation"),
    path(f"{SHEET}indikator/<int:indicator>/", views.realisation_save, name="realisation-save"),
    path(f"{SHEET}umpan-balik/", views.feedback_add, name="feedback-add"),
    path(f"{SHEET}dialog/", views.dialogue_add, name="dialogue-add"),
    path("realisasi/<int:pk>/bukti/berkas/", views.evidence_upload, name="evidence-upload"),
    path("realisasi/<int:pk>/bukti/tautan/", views.evidence_link, name="evidence-link"),
    path("bukti/<int:pk>/unduh/", views.evidence_download, name="evidence-download"),
    path("bukti/<int:pk>/hapus/", views.evidence_delete, name="evidence-delete"),
]
