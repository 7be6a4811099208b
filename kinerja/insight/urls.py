from django.urls import path

from kinerja.insight import compliance_views, dashboard_views, region_views, views

app_name = "insight"
urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor/", dashboard_views.leaders_dashboard, name="dashboard"),
    path("perbandingan/", region_views.compare_agencies, name="regions"),
    path("kepatuhan/", compliance_views.compliance_overview, name="compliance"),
    path("kepatuhan/<slug:code>/", compliance_views.compliance_list, name="compliance-list"),
]
