"""Official documents (PDF) and data exports (XLSX) of the appraisal."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.appraisal.views import documents

urlpatterns: list[URLPattern] = [
    path("evaluasi/<int:pk>/pdf/", documents.evaluation_pdf, name="evaluation-pdf"),
    path("predikat-unit/<int:pk>/pdf/", documents.assessment_pdf, name="assessment-pdf"),
    path("ekspor/", documents.export, name="export"),
]
