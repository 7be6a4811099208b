"""Pages of the development area under /pengembangan/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.development.views import catalogue, people, plans, reports

app_name = "development"
urlpatterns: list[URLPattern] = [
    path("", people.mine, name="mine"),
    path("pegawai/<int:pk>/", people.employee_detail, name="employee"),
    path("pegawai/<int:pk>/perbarui/", people.employee_refresh, name="employee-refresh"),
    path("pegawai/<int:pk>/rencana/", people.plan_create, name="plan-create"),
    path("pegawai/<int:pk>/catatan/", people.record_create, name="record-create"),
    path("catatan/<int:pk>/sertifikat/", people.certificate, name="certificate"),
    path("katalog/", catalogue.training_list, name="training-list"),
    path("katalog/baru/", catalogue.training_create, name="training-create"),
    path("katalog/<int:pk>/ubah/", catalogue.training_edit, name="training-edit"),
    path("pengajar/", catalogue.trainer_list, name="trainer-list"),
    path("pengajar/baru/", catalogue.trainer_create, name="trainer-create"),
    path("pengajar/<int:pk>/ubah/", catalogue.trainer_edit, name="trainer-edit"),
    path("rekomendasi/", reports.recommendation_list, name="recommendation-list"),
    path("rekomendasi/perbarui/", reports.recommendation_refresh, name="recommendation-refresh"),
    path(
        "rekomendasi/<int:pk>/abaikan/",
        people.recommendation_dismiss,
        name="recommendation-dismiss",
    ),
    path("rencana/", plans.plan_list, name="plan-list"),
    path("rencana/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("rencana/<int:pk>/tambah/", plans.item_add, name="item-add"),
    path("rencana/<int:pk>/ajukan/", plans.plan_propose, name="plan-propose"),
    path("rencana/<int:pk>/setujui/", plans.plan_agree, name="plan-agree"),
    path("rencana/<int:pk>/kembalikan/", plans.plan_return, name="plan-return"),
    path("butir/<int:pk>/hapus/", plans.item_remove, name="item-remove"),
    path("butir/<int:pk>/selesai/", plans.item_complete, name="item-complete"),
    path("jp/", reports.jp_list, name="jp-list"),
    path("penghematan/", reports.savings, name="savings"),
]
