"""Pages of the career area under /karier/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.career.views import awards, ledger, vacancies

app_name = "career"
urlpatterns: list[URLPattern] = [
    path("", ledger.ledger_list, name="ledger-list"),
    path("saya/", ledger.my_ledger, name="my-ledger"),
    path("pegawai/<int:pk>/", ledger.ledger_detail, name="ledger"),
    path("pegawai/<int:pk>/saldo-awal/", ledger.opening_balance, name="opening-balance"),
    path("pembukuan/", ledger.posting, name="posting"),
    path("saldo-awal/impor/", ledger.opening_import, name="opening-import"),
    path("tabel-angka-kredit/", ledger.credit_table, name="credit-table"),
    path(
        "tabel-angka-kredit/<slug:level>/",
        ledger.credit_requirement_edit,
        name="credit-requirement-edit",
    ),
    path("penghargaan/", awards.award_list, name="award-list"),
    path("penghargaan/<int:employee_pk>/keputusan/", awards.award_decide, name="award-decide"),
    path("sanksi/", awards.sanction_list, name="sanction-list"),
    path("lowongan/", vacancies.vacancy_list, name="vacancy-list"),
    path("lowongan/<int:pk>/", vacancies.ranking, name="vacancy-ranking"),
    path(
        "lowongan/<int:pk>/persyaratan/",
        vacancies.requirement_edit,
        name="vacancy-requirement",
    ),
]
