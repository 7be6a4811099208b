from django.urls import path

from kinerja.insight import compliance_views, dashboard_views, region_views, views
from kinerja.insight.reports import views as report_views

app_name = "insight"
urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", dashboard_views.leaders_dashboard, name="dashboard"),
    path("perbandingan/", region_views.compare_agencies, name="regions"),
    path("kepatuhan/", compliance_views.compliance_overview, name="compliance"),
    path("kepatuhan/<slug:code>/", compliance_views.compliance_list, name="compliance-list"),
    path("laporan-instansi/", report_views.report_list, name="report-list"),
    path("laporan-instansi/minta/", report_views.report_request, name="report-request"),
    path("laporan-instansi/<int:pk>/", report_views.report_detail, name="report-detail"),
    path("laporan-instansi/<int:pk>/status/", report_views.report_status, name="report-status"),
    path("laporan-instansi/<int:pk>/pdf/", report_views.report_pdf, name="report-pdf"),
    path("laporan-instansi/<int:pk>/xlsx/", report_views.report_xlsx, name="report-xlsx"),
]
