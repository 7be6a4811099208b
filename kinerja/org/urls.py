from django.urls import path

from kinerja.org.views import employees, imports, positions, units

app_name = "org"
urlpatterns = [
    path("pegawai/", employees.employee_list, name="employee-list"),
    path("pegawai/baru/", employees.employee_create, name="employee-create"),
    path("pegawai/<int:pk>/", employees.employee_detail, name="employee-detail"),
    path("pegawai/<int:pk>/ubah/", employees.employee_edit, name="employee-edit"),
    path("pegawai/<int:pk>/mutasi/", employees.employee_transfer, name="employee-transfer"),
    path(
        "pegawai/<int:pk>/nonaktifkan/", employees.employee_deactivate, name="employee-deactivate"
    ),
    path("pegawai/<int:pk>/aktifkan/", employees.employee_reactivate, name="employee-reactivate"),
    path("pegawai/<int:pk>/akun/", employees.employee_account, name="employee-account"),
    path("unit/", units.unit_list, name="unit-list"),
    path("unit/baru/", units.unit_create, name="unit-create"),
    path("unit/<int:pk>/", units.unit_detail, name="unit-detail"),
    path("unit/<int:pk>/ubah/", units.unit_edit, name="unit-edit"),
    path("jabatan/", positions.position_list, name="position-list"),
    path("jabatan/baru/", positions.position_create, name="position-create"),
    path("jabatan/pilihan/", positions.position_options, name="position-options"),
    path("jabatan/<int:pk>/ubah/", positions.position_edit, name="position-edit"),
    path("jabatan/<int:pk>/plt/", positions.position_acting, name="position-acting"),
    path("impor/", imports.import_start, name="import-start"),
    path("impor/templat/<str:kind>/", imports.import_template, name="import-template"),
    path("impor/<int:pk>/", imports.import_detail, name="import-detail"),
    path("impor/<int:pk>/terapkan/", imports.import_commit, name="import-commit"),
    path("impor/<int:pk>/status/", imports.import_status, name="import-status"),
]
