"""Pages of indicators fed by data under /layanan/sumber-data/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.citizen.views import sources as views

urlpatterns: list[URLPattern] = [
    path("sumber-data/", views.source_list, name="source-list"),
    path("sumber-data/skp/<int:pk>/", views.source_plan, name="source-plan"),
    path(
        "sumber-data/skp/<int:pk>/hitung-ulang/",
        views.source_recompute,
        name="source-recompute",
    ),
    path("sumber-data/indikator/<int:pk>/", views.source_indicator, name="source-indicator"),
    path("sumber-data/indikator/<int:pk>/lepas/", views.source_unbind, name="source-unbind"),
    path("sumber-data/realisasi/<int:pk>/ubah/", views.source_override, name="source-override"),
    path(
        "sumber-data/realisasi/<int:pk>/kembalikan/",
        views.source_override_clear,
        name="source-override-clear",
    ),
]
