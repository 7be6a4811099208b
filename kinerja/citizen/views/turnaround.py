"""The turnaround report: per service (median, 90th percentile, share within standard, with a
bar chart), per unit, per handler and per month of the chosen period; XLSX with one sheet each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kinerja.citizen.forms.services import TurnaroundFilterForm
from kinerja.citizen.metrics import Turnaround
from kinerja.citizen.selectors import services as selectors
from kinerja.citizen.selectors.turnaround import (
    PeriodKind,
    ReportPeriod,
    TurnaroundReport,
    range_period,
    report_period,
    turnaround_report,
)
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import XLSX_CONTENT_TYPE, safe_cell

CHART_ROWS = 30
FIGURE_HEADERS = [
    "Permohonan selesai",
    "Median (menit)",
    "Persentil ke-90 (menit)",
    "Sesuai standar",
    "Sesuai standar (%)",
]


def _current_number(kind: str, today: dt.date) -> int:
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.SEMESTER: 6}.get(kind, 12)
    return (today.month - 1) // months + 1


def chosen_period(form: TurnaroundFilterForm) -> ReportPeriod:
    """The period the form names; this year when it names none (or names it wrongly)."""
    today = timezone.localdate()
    if not form.is_bound or not form.is_valid():
        return report_period(PeriodKind.YEAR, today.year)
    data = form.cleaned_data
    kind = data["kind"]
    if kind == PeriodKind.RANGE:
        return range_period(data["start"], data["end"])
    year = data.get("year") or today.year
    number = data.get("number") or _current_number(kind, today)
    return report_period(kind, year, number if kind != PeriodKind.YEAR else 1)


ROW_HEIGHT = 36
BAR_SCALE = Decimal(3)  # 100% is 300 units of the 400-unit-wide chart


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: a service's share within standard, drawn to scale (SVG
    coordinates as plain strings, never localised)."""

    label: str
    share: Decimal
    label_y: str
    bar_y: str
    text_y: str
    width: str


def chart_bars(report: TurnaroundReport) -> list[Bar]:
    """The services with completions, worst share first (what needs attention on top)."""
    rows = [row for row in report.services if row.figures.completed]
    rows.sort(key=lambda row: (row.figures.within_standard_share or 0, row.service.name))
    bars = []
    for index, row in enumerate(rows[:CHART_ROWS]):
        share = row.figures.within_standard_share or Decimal(0)
        top = index * ROW_HEIGHT
        bars.append(
            Bar(
                label=row.service.name,
                share=share,
                label_y=str(top + 12),
                bar_y=str(top + 17),
                text_y=str(top + 29),
                width=f"{share * BAR_SCALE:.1f}",
            )
        )
    return bars


def _figures(figures: Turnaround) -> list[Any]:
    share = figures.within_standard_share
    return [
        figures.completed,
        round(figures.median_minutes, 1) if figures.median_minutes is not None else None,
        round(figures.p90_minutes, 1) if figures.p90_minutes is not None else None,
        figures.within_standard,
        float(share) if share is not None else None,
    ]


def _workbook(report: TurnaroundReport) -> bytes:
    """One sheet per table of the page; text that looks like a formula is neutralised."""
    workbook = Workbook(write_only=True)

    def sheet(title: str, headers: Sequence[str], rows: Any) -> None:
        current = workbook.create_sheet(title[:31])
        current.append([safe_cell(h) for h in headers])
        for row in rows:
            current.append([safe_cell(value) for value in row])

    sheet(
        "Per layanan",
        ["Kode", "Layanan", "Unit kerja", "Waktu standar (menit)", *FIGURE_HEADERS],
        (
            [
                r.service.code,
                r.service.name,
                r.service.unit.name,
                r.service.standard_minutes,
                *_figures(r.figures),
            ]
            for r in report.services
        ),
    )
    sheet(
        "Per unit",
        ["Unit kerja", *FIGURE_HEADERS],
        ([r.unit.name, *_figures(r.figures)] for r in report.units),
    )
    sheet(
        "Per petugas",
        ["NIP", "Petugas", "Unit kerja", *FIGURE_HEADERS],
        (
            (
                [r.employee.nip, r.employee.full_name, r.employee.unit.name]
                if r.employee
                else ["", _("(tanpa petugas)"), ""]
            )
            + _figures(r.figures)
            for r in report.employees
        ),
    )
    sheet(
        "Per periode",
        ["Periode", *FIGURE_HEADERS],
        ([r.label, *_figures(r.figures)] for r in report.trend),
    )
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


@login_required
def turnaround(request: AuthedRequest) -> HttpResponse:
    """Turnaround figures of the chosen period, narrowed to a unit or a service."""
    require(request.user, "citizen.view_services")
    form = TurnaroundFilterForm(
        request.GET or None,
        initial={"kind": PeriodKind.YEAR, "year": timezone.localdate().year},
        units=selectors.units_in_view(request.user),
        services=selectors.services_in_view(request.user),
    )
    period = chosen_period(form)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    report = turnaround_report(
        request.user, period, service=data.get("service"), unit=data.get("unit")
    )
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(_workbook(report), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="waktu-penyelesaian.xlsx"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    bars = chart_bars(report)
    return render(
        request,
        "citizen/turnaround.html",
        {
            "form": form,
            "report": report,
            "bars": bars,
            "chart_height": str(len(bars) * ROW_HEIGHT + 4),
            "query": query.urlencode(),
            "period_year": period.start.year,
        },
    )
