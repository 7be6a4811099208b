"""The agencies side by side under /perbandingan/, for national and provincial viewers: a year's
measures of every agency (table and chart) and the trend of the years before. Read-only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.insight import regions
from kinerja.insight.dashboard_views import Chart
from kinerja.insight.freshness import cached_figures, figures_key

TREND_YEARS = 3
HEADERS = [
    "Instansi",
    "Pegawai aktif",
    "SKP disetujui (%)",
    "Predikat Baik/Sangat Baik (%)",
    "IKM",
    "Responden SKM",
    "Layanan dalam standar (%)",
    "Pengaduan tepat waktu (%)",
]


def _year(request: AuthedRequest) -> int:
    this_year = timezone.localdate().year
    wanted = request.GET.get("year", "")
    if wanted.isdigit() and 2000 <= int(wanted) <= this_year + 1:
        return int(wanted)
    return this_year


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _row(row: regions.AgencyMeasures) -> list[Any]:
    return [
        row.agency.name,
        row.employees,
        row.plans_share,
        row.good_share,
        row.ikm,
        row.ikm_respondents,
        row.within_share,
        row.on_time_share,
    ]


def _figures(year: int) -> tuple[list[regions.AgencyMeasures], Chart, list[Chart]]:
    rows = regions.measures(year)
    names = [row.agency.short_name or row.agency.name for row in rows]
    shares = Chart(
        "agencies",
        _("Capaian instansi %(year)s") % {"year": year},
        "bar",
        names,
        [
            (_("SKP disetujui (%)"), [_float(r.plans_share) for r in rows]),
            (_("Predikat Baik/Sangat Baik (%)"), [_float(r.good_share) for r in rows]),
            (_("Layanan dalam standar (%)"), [_float(r.within_share) for r in rows]),
            (_("Pengaduan tepat waktu (%)"), [_float(r.on_time_share) for r in rows]),
        ],
        suffix="%",
    )
    years = list(range(year - TREND_YEARS + 1, year + 1))
    trends = []
    for key, title, trend, suffix in (
        ("trend-ikm", _("Tren IKM"), regions.ikm_trend(years), ""),
        (
            "trend-complaints",
            _("Tren pengaduan selesai tepat waktu (%)"),
            regions.complaint_trend(years),
            "%",
        ),
    ):
        trends.append(
            Chart(
                key,
                title,
                "line",
                [str(y) for y in years],
                [
                    (name, [_float(v) for v in trend.row(row.agency.pk)])
                    for name, row in zip(names, rows, strict=True)
                ],
                headers=[_("Instansi"), *(str(y) for y in years)],
                rows=[[row.agency.name, *trend.row(row.agency.pk)] for row in rows],
                suffix=suffix,
            )
        )
    return rows, shares, trends


@login_required
@require_GET
def compare_agencies(request: AuthedRequest) -> HttpResponse:
    require(request.user, "insight.compare_agencies")
    year = _year(request)
    (rows, shares, trends), computed_at = cached_figures(
        figures_key("regions", year), lambda: _figures(year)
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"perbandingan-instansi-{year}.xlsx",
            _("Perbandingan instansi"),
            HEADERS,
            (_row(row) for row in rows),
        )
    context = {
        "year": year,
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
        "rows": rows,
        "chart": shares,
        "trends": trends,
        "computed_at": computed_at,
    }
    return render(request, "insight/regions.html", context)
