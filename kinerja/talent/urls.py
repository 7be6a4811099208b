"""Talent-management pages under /talenta/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.talent.views import grid, potential, succession

app_name = "talent"
urlpatterns: list[URLPattern] = [
    path("", grid.grid, name="grid"),
    path("kotak/<int:box>/", grid.box_detail, name="box"),
    path("kelompok-suksesi/", grid.pool, name="pool"),
    path("belum-dipetakan/", grid.unmapped, name="unmapped"),
    path("hitung-ulang/", grid.recompute, name="recompute"),
    path("pengaturan/", grid.settings_edit, name="settings"),
    path("saya/", grid.mine, name="mine"),
    path("potensial/", potential.potential_list, name="potential-list"),
    path("potensial/impor/", potential.potential_import, name="potential-import"),
    path("potensial/templat/", potential.potential_template, name="potential-template"),
    path("potensial/<int:pk>/hapus/", potential.potential_delete, name="potential-delete"),
    path("jabatan-kunci/", succession.key_position_list, name="key-position-list"),
    path("jabatan-kunci/<int:pk>/", succession.succession, name="succession"),
    path(
        "jabatan-kunci/<int:pk>/hapus/",
        succession.key_position_delete,
        name="key-position-delete",
    ),
]
