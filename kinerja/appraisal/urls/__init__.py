"""Appraisal pages under /penilaian/: execution, evaluation and documents, one module each."""

from kinerja.appraisal.urls import documents, evaluation, execution

app_name = "appraisal"
urlpatterns = [*execution.urlpatterns, *evaluation.urlpatterns, *documents.urlpatterns]
