"""Evaluation pages under /penilaian/: evaluations, the unit's calibration, objections."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.appraisal.views import calibration, evaluation, objections

urlpatterns: list[URLPattern] = [
    path("evaluasi/", evaluation.evaluation_list, name="evaluation-list"),
    path("evaluasi/buka/", evaluation.evaluation_open, name="evaluation-open"),
    path("evaluasi/<int:pk>/", evaluation.evaluation_detail, name="evaluation-detail"),
    path("evaluasi/<int:pk>/nilai/", evaluation.evaluation_rate, name="evaluation-rate"),
    path(
        "evaluasi/<int:pk>/buka-kembali/",
        evaluation.evaluation_reopen,
        name="evaluation-reopen",
    ),
    path("evaluasi/<int:pk>/keberatan/", evaluation.objection_file, name="objection-file"),
    path("evaluasi/<int:pk>/kalibrasi/", calibration.calibration_adjust, name="calibration-adjust"),
    path("kalibrasi/", calibration.calibration_index, name="calibration-index"),
    path("kalibrasi/unit/<int:unit_pk>/", calibration.calibration_unit, name="calibration"),
    path(
        "kalibrasi/unit/<int:unit_pk>/predikat/",
        calibration.calibration_predicate,
        name="calibration-predicate",
    ),
    path(
        "kalibrasi/<int:pk>/konfirmasi/",
        calibration.calibration_confirm,
        name="calibration-confirm",
    ),
    path(
        "kalibrasi/<int:pk>/final/", calibration.calibration_finalise, name="calibration-finalise"
    ),
    path("keberatan/", objections.objection_list, name="objection-list"),
    path("keberatan/<int:pk>/", objections.objection_detail, name="objection-detail"),
    path("keberatan/<int:pk>/putuskan/", objections.objection_decide, name="objection-decide"),
]
