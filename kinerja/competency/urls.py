"""Pages of the competency area under /kompetensi/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.competency.views import dictionary, imports, profiles, reports, requirements

app_name = "competency"
urlpatterns: list[URLPattern] = [
    path("", profiles.mine, name="mine"),
    path("kamus/", dictionary.dictionary_list, name="dictionary-list"),
    path("kamus/baru/", dictionary.dictionary_create, name="dictionary-create"),
    path(
        "kamus/muat-standar/", dictionary.dictionary_load_standard, name="dictionary-load-standard"
    ),
    path("kamus/<int:pk>/", dictionary.dictionary_detail, name="dictionary-detail"),
    path("kamus/<int:pk>/ubah/", dictionary.dictionary_edit, name="dictionary-edit"),
    path(
        "kamus/<int:pk>/nonaktifkan/",
        dictionary.dictionary_deactivate,
        name="dictionary-deactivate",
    ),
    path(
        "kamus/<int:pk>/aktifkan/", dictionary.dictionary_reactivate, name="dictionary-reactivate"
    ),
    path("jabatan/", requirements.position_list, name="position-list"),
    path("jabatan/<int:pk>/", requirements.position_requirements, name="position-requirements"),
    path("pegawai/", profiles.team, name="team"),
    path("pegawai/<int:pk>/", profiles.profile, name="profile"),
    path("pegawai/<int:pk>/pdf/", profiles.profile_pdf, name="profile-pdf"),
    path("pegawai/<int:pk>/level/", profiles.level_set, name="level-set"),
    path("kesenjangan/", reports.agency_gaps, name="agency-gaps"),
    path("kesenjangan/unit/<int:pk>/", reports.unit_gaps, name="unit-gaps"),
    path("kesenjangan/unit/<int:pk>/pdf/", reports.unit_gaps_pdf, name="unit-gaps-pdf"),
    path("impor/", imports.import_start, name="import-start"),
    path("impor/templat/", imports.import_template, name="import-template"),
    path("impor/<int:pk>/", imports.import_detail, name="import-detail"),
    path("impor/<int:pk>/terapkan/", imports.import_commit, name="import-commit"),
]
