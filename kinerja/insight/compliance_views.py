"""The compliance monitor under /kepatuhan/: the counts per unit of a period, and the list
behind each count, each also as an Excel file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require, subtree_filter
from kinerja.core.spreadsheets import xlsx_response
from kinerja.insight.compliance import (
    CHECKS,
    CHECKS_BY_CODE,
    EVALUATION_GRACE_DAYS,
    Check,
    Overview,
    Scope,
    overdue_subperiods,
    overview,
    plan_deadline_passed,
    rows_of,
)
from kinerja.insight.freshness import cached_figures, figures_key
from kinerja.insight.periods import chosen_period
from kinerja.insight.permissions import compliance_row_paths, compliance_unit_paths
from kinerja.org.models import Unit
from kinerja.planning.models import Period, PlanStatus

PAGE_SIZE = 50
UNITS_PAGE_SIZE = 50

Columns = tuple[tuple[str, ...], Callable[[Any], list[Any]]]


def _employee(employee: Any) -> list[Any]:
    return [employee.nip, employee.name]


COLUMNS: dict[str, Columns] = {
    "plan_late": (
        ("NIP", "Nama", "Unit kerja", "Jabatan", "Status SKP"),
        lambda e: [
            *_employee(e),
            e.unit.name,
            e.position.name if e.position else "",
            PlanStatus(e.plan_status).label if e.plan_status else _("Belum ada SKP"),
        ],
    ),
    "realisation_no_evidence": (
        ("NIP", "Nama", "Unit kerja", "Indikator", "Sub-periode", "Realisasi"),
        lambda r: [
            *_employee(r.plan.employee),
            r.plan.employee.unit.name,
            r.indicator.text,
            r.subperiod,
            r.value if r.value is not None else r.text[:200],
        ],
    ),
    "rating_without_basis": (
        ("NIP", "Nama", "Unit kerja", "Sub-periode", "Pejabat penilai", "Predikat", "Status"),
        lambda e: [
            *_employee(e.employee),
            e.unit.name,
            e.subperiod,
            e.rater.name if e.rater else "",
            e.predicate,
            e.get_status_display(),
        ],
    ),
    "distribution_breach": (
        ("Unit kerja", "Jenis", "Sub-periode", "Predikat organisasi", "Alasan", "Dikonfirmasi"),
        lambda a: [
            a.unit.name,
            a.get_kind_display(),
            a.subperiod or "",
            a.get_organisation_predicate_display(),
            a.breach_reason,
            timezone.localtime(a.breach_confirmed_at).date(),
        ],
    ),
    "evaluation_late": (
        ("NIP", "Nama", "Unit kerja", "Pejabat penilai", "Sub-periode terlambat"),
        lambda p: [
            *_employee(p.employee),
            p.employee.unit.name,
            p.rater.name if p.rater else "",
            p.late,
        ],
    ),
    "complaint_overdue": (
        (
            "Kode tiket",
            "Unit",
            "Judul",
            "Status",
            "Batas tanggapan",
            "Batas penyelesaian",
            "Petugas",
        ),
        lambda c: [
            c.ticket_code,
            c.unit.name,
            c.subject,
            c.get_status_display(),
            c.first_response_due,
            c.resolution_due,
            c.assigned_to.name if c.assigned_to else "",
        ],
    ),
}


def _scope(request: AuthedRequest, period: Period) -> Scope:
    """What the counts cover."""
    return Scope(period, timezone.localdate(), compliance_unit_paths(request.user))


def _row_scope(request: AuthedRequest, period: Period) -> Scope:
    """What the lists behind the counts cover (narrower for inspectors: units under audit)."""
    return Scope(period, timezone.localdate(), compliance_row_paths(request.user))


def _listable_units(request: AuthedRequest, scope: Scope) -> set[int] | None:
    """The units whose list the overview may link to when it counts more than it lists."""
    rows = compliance_row_paths(request.user)
    if rows == scope.unit_paths:
        return None
    return set(Unit.objects.filter(subtree_filter(rows or ())).values_list("pk", flat=True))


def _unit_in_scope(request: AuthedRequest, scope: Scope) -> Unit | None:
    wanted = request.GET.get("unit", "")
    if not wanted:
        return None
    if not wanted.isdigit():
        raise Http404(_("Unit tidak ditemukan."))
    unit = Unit.objects.filter(pk=int(wanted)).first()
    if unit is None or (
        scope.unit_paths is not None
        and not any(unit.path.startswith(path) for path in scope.unit_paths)
    ):
        raise Http404(_("Unit tidak ditemukan."))
    return unit


def _overview(scope: Scope) -> tuple[Overview, dt.datetime]:
    key = figures_key("compliance", scope.period.pk, scope.today, scope.unit_paths)
    return cached_figures(key, lambda: overview(scope))


class KnownCountPaginator(Paginator):
    """A paginator told its count (from the overview's figures) instead of counting again."""

    def __init__(self, object_list: Any, per_page: int, *, known: int) -> None:
        super().__init__(object_list, per_page)
        self.known = known

    @property
    def count(self) -> int:  # type: ignore[override]
        return self.known


def _paginator(check: Check, scope: Scope, rows: Any, unit: Unit | None) -> Paginator:
    """The list's pages, told how many rows the overview found behind the count."""
    figures, _computed = _overview(scope)
    known = figures.rows_behind(check, unit.pk if unit else None)
    return KnownCountPaginator(rows, PAGE_SIZE, known=known)


def _notes(scope: Scope) -> dict[str, str]:
    """Why a check counts nothing yet, where that is the reason."""
    notes: dict[str, str] = {}
    if scope.period.plan_deadline is None:
        notes["plan_late"] = _("Periode ini belum memiliki batas pengajuan SKP.")
    elif not plan_deadline_passed(scope):
        notes["plan_late"] = _("Batas pengajuan SKP belum lewat.")
    if not overdue_subperiods(scope):
        notes["evaluation_late"] = _(
            "Belum ada sub-periode yang berakhir lebih dari %(days)s hari lalu."
        ) % {"days": EVALUATION_GRACE_DAYS}
    return notes


@login_required
def compliance_overview(request: AuthedRequest) -> HttpResponse:
    """Every check counted per unit of the viewer's reach, for one period."""
    require(request.user, "insight.view_compliance")
    period, periods = chosen_period(request)
    context: dict[str, Any] = {"periods": periods, "period": period, "checks": CHECKS}
    if period is None:
        return render(request, "insight/compliance.html", context)
    scope = _scope(request, period)
    figures, computed_at = _overview(scope)
    if request.GET.get("format") == "xlsx":
        headers = ["Unit kerja", *(str(check.label) for check in CHECKS), "Jumlah"]
        rows = ([row.name, *row.counts, row.total] for row in figures.units)
        return xlsx_response(
            f"kepatuhan-{period.year}.xlsx", _("Pemantauan kepatuhan"), headers, rows
        )
    page = Paginator(figures.units, UNITS_PAGE_SIZE).get_page(request.GET.get("page"))
    notes = _notes(scope)
    context.update(
        figures=figures,
        cards=[
            (check, total, notes.get(check.code, ""))
            for check, total in zip(CHECKS, figures.totals, strict=True)
        ],
        page=page,
        query=urlencode({"period": period.pk}),
        whole_agency=scope.unit_paths is None,
        computed_at=computed_at,
        listable=_listable_units(request, scope),
    )
    return render(request, "insight/compliance.html", context)


@login_required
def compliance_list(request: AuthedRequest, code: str) -> HttpResponse:
    """The rows behind one count: of the viewer's reach or of one unit, paginated or Excel."""
    require(request.user, "insight.view_compliance")
    check: Check | None = CHECKS_BY_CODE.get(code)
    if check is None:
        raise Http404(_("Pemeriksaan kepatuhan tidak dikenal."))
    period, periods = chosen_period(request)
    if period is None:
        raise Http404(_("Belum ada periode penilaian."))
    scope = _row_scope(request, period)
    unit = _unit_in_scope(request, scope)
    rows = rows_of(check, scope, unit=unit)
    headers, describe = COLUMNS[check.code]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"kepatuhan-{check.code}-{period.year}.xlsx",
            str(check.label)[:31],
            headers,
            (describe(row) for row in rows.iterator(chunk_size=2000)),
        )
    page = _paginator(check, scope, rows, unit).get_page(request.GET.get("page"))
    query = {"period": period.pk, **({"unit": unit.pk} if unit else {})}
    context = {
        "check": check,
        "period": period,
        "periods": periods,
        "unit": unit,
        "headers": headers,
        "rows": [describe(row) for row in page.object_list],
        "page": page,
        "query": urlencode(query),
        "note": _notes(scope).get(check.code, ""),
    }
    return render(request, "insight/compliance_list.html", context)
