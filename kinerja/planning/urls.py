from django.urls import path

from kinerja.planning.views import documents, periods, plans, team

app_name = "planning"
urlpatterns = [
    path("skp/", plans.my_plans, name="plan-mine"),
    path("skp/mulai/", plans.plan_start, name="plan-start"),
    path("skp/semua/", plans.plan_list, name="plan-list"),
    path("skp/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("skp/<int:pk>/rhk/", plans.result_add, name="result-add"),
    path("skp/<int:pk>/lampiran/", plans.plan_appendix, name="plan-appendix"),
    path("skp/<int:pk>/ekspektasi/", plans.plan_expectations, name="plan-expectations"),
    path("skp/<int:pk>/ajukan/", plans.plan_submit, name="plan-submit"),
    path("skp/<int:pk>/kembalikan/", plans.plan_return, name="plan-return"),
    path("skp/<int:pk>/setujui/", plans.plan_approve, name="plan-approve"),
    path("skp/<int:pk>/revisi/", plans.plan_revise, name="plan-revise"),
    path("skp/<int:pk>/penilai/", plans.plan_rater, name="plan-rater"),
    path("skp/<int:pk>/pdf/", documents.plan_pdf, name="plan-pdf"),
    path("rhk/<int:pk>/hapus/", plans.result_delete, name="result-delete"),
    path("rhk/<int:pk>/indikator/", plans.indicator_add, name="indicator-add"),
    path("indikator/<int:pk>/hapus/", plans.indicator_delete, name="indicator-delete"),
    path("tim/", team.team, name="team"),
    path("periode/", periods.period_list, name="period-list"),
    path("periode/baru/", periods.period_create, name="period-create"),
]
