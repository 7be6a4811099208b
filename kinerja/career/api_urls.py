"""REST API of the career area under /api/v1/career/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.career.api import awards, ledger, vacancies

urlpatterns: list[URLPattern] = [
    path("ledgers/", ledger.LedgerListView.as_view(), name="api-career-ledger-list"),
    path(
        "ledgers/<int:employee_pk>/",
        ledger.LedgerDetailView.as_view(),
        name="api-career-ledger-detail",
    ),
    path(
        "ledgers/<int:employee_pk>/opening/",
        ledger.OpeningBalanceView.as_view(),
        name="api-career-opening-balance",
    ),
    path("posting/", ledger.PostingView.as_view(), name="api-career-posting"),
    path(
        "openings/import/",
        ledger.OpeningImportView.as_view(),
        name="api-career-opening-import",
    ),
    path("credit-table/", ledger.CreditTableView.as_view(), name="api-career-credit-table"),
    path(
        "credit-table/<slug:level>/",
        ledger.CreditRequirementView.as_view(),
        name="api-career-credit-requirement",
    ),
    path("awards/", awards.AwardListView.as_view(), name="api-career-award-list"),
    path(
        "awards/<int:employee_pk>/decision/",
        awards.AwardDecisionView.as_view(),
        name="api-career-award-decision",
    ),
    path("sanctions/", awards.SanctionListView.as_view(), name="api-career-sanction-list"),
    path("vacancies/", vacancies.VacancyListView.as_view(), name="api-career-vacancy-list"),
    path(
        "vacancies/<int:pk>/ranking/",
        vacancies.RankingView.as_view(),
        name="api-career-vacancy-ranking",
    ),
    path(
        "vacancies/<int:pk>/requirement/",
        vacancies.VacancyRequirementView.as_view(),
        name="api-career-vacancy-requirement",
    ),
]
