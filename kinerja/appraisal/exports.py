"""XLSX exports of the performance cycle for a unit's subtree or the whole agency: the SKP with
their RHK, indicators and targets; the realisations per sub-period with their achievement; the
evaluations with ratings and predicates (PermenPANRB 6/2022).

Each export is a fixed number of queries whatever the row count (joins and prefetches, read in
chunks with `iterator()`), scoped by `appraisal.export_data`: agency admins and inspectors see
the agency, a head only the units they head. Cells are formula-neutralised by
`core.spreadsheets` when the workbook is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.documents.content import ancestor_paths
from kinerja.appraisal.models import Evaluation, EvaluationKind, Realisation, UnitAssessment
from kinerja.appraisal.permissions.documents import export_scope
from kinerja.appraisal.suggestion import UndefinedAchievementError, achievement
from kinerja.core.models import User
from kinerja.core.permissions import actor_of
from kinerja.org.models import Unit
from kinerja.planning.models import Aspect, Indicator, PerformancePlan, Period, PlannedResult
from kinerja.planning.subperiods import subperiods

CHUNK = 1000
LOWER_IS_BETTER = frozenset({Aspect.TIME, Aspect.COST})


class ExportKind(models.TextChoices):
    PLANS = "skp", _("SKP: RHK, indikator dan target")
    REALISATIONS = "realisasi", _("Realisasi per periode dan capaian")
    EVALUATIONS = "evaluasi", _("Evaluasi: rating dan predikat")


@dataclass(frozen=True)
class Export:
    """A ready-to-write export: file name, sheet title, headers, and the rows (lazy)."""

    filename: str
    title: str
    headers: list[str]
    rows: Iterator[list[Any]]


def _where(user: User, unit_path_field: str, unit: Unit | None) -> Q:
    query = export_scope(actor_of(user), unit_path_field)
    if unit is not None:
        query &= Q(**{f"{unit_path_field}__startswith": unit.path})
    return query


# --- SKP ------------------------------------------------------------------------------------

PLAN_HEADERS = [
    "Periode",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Pejabat penilai",
    "Status SKP",
    "Revisi",
    "Berlaku mulai",
    "Berlaku sampai",
    "Jenis RHK",
    "RHK pimpinan yang diintervensi",
    "Rencana hasil kerja",
    "Aspek",
    "Indikator kinerja individu",
    "Target",
    "Satuan",
    "Kriteria keberhasilan",
]


def plans_export(user: User, *, period: Period, unit: Unit | None = None) -> Export:
    """One row per indicator of every current SKP in reach (a plan without any: one row)."""
    plans = (
        PerformancePlan.objects.current()
        .filter(_where(user, "employee__unit__path", unit), period=period)
        .with_people()
        .prefetch_related(
            Prefetch(
                "results",
                # "utama" sorts after "tambahan": descending puts the main results first.
                queryset=PlannedResult.objects.select_related("parent")
                .prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
                )
                .order_by("-kind", "order", "id"),
            )
        )
        .order_by("employee__unit__path", "employee__name", "segment_start", "id")
    )

    def rows() -> Iterator[list[Any]]:
        for plan in plans.iterator(chunk_size=CHUNK):
            employee = plan.employee
            person = [
                plan.period.name,
                employee.nip,
                employee.full_name,
                employee.position.name if employee.position else "",
                employee.unit.name,
                plan.rater.full_name if plan.rater else "",
                plan.get_status_display(),
                plan.revision,
                plan.segment_start,
                plan.segment_end,
            ]
            lines = [
                (result, indicator)
                for result in plan.results.all()
                for indicator in (list(result.indicators.all()) or [None])
            ]
            if not lines:
                yield [*person, "", "", "", "", "", None, "", ""]
            for result, indicator in lines:
                yield [
                    *person,
                    result.get_kind_display(),
                    result.parent.text if result.parent else "",
                    result.text,
                    indicator.get_aspect_display() if indicator else "",
                    indicator.text if indicator else "",
                    indicator.target_value if indicator else None,
                    indicator.unit_of_measure if indicator else "",
                    indicator.target_text if indicator else "",
                ]

    return Export(f"skp-{period.year}.xlsx", "SKP", PLAN_HEADERS, rows())


# --- Realisations ----------------------------------------------------------------------------

REALISATION_HEADERS = [
    "Periode",
    "Sub-periode",
    "NIP",
    "Nama",
    "Unit kerja",
    "Jenis RHK",
    "Rencana hasil kerja",
    "Aspek",
    "Indikator kinerja individu",
    "Target",
    "Satuan",
    "Realisasi",
    "Realisasi (uraian)",
    "Capaian terhadap target (%)",
    "Jumlah bukti dukung",
    "Catatan",
]


def _achievement(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """The percentage of the target (suggestion.achievement), or None when none is defined."""
    if value is None or indicator.target_value is None:
        return None
    try:
        return achievement(
            indicator.target_value, value, lower_is_better=indicator.aspect in LOWER_IS_BETTER
        )
    except (UndefinedAchievementError, ValueError):
        return None


def realisations_export(user: User, *, period: Period, unit: Unit | None = None) -> Export:
    """One row per realisation of the current SKP in reach, with its achievement."""
    labels = {
        block.number: block.label
        for block in subperiods(period.frequency, period.start_date, period.end_date)
    }
    records = (
        Realisation.objects.filter(
            _where(user, "plan__employee__unit__path", unit),
            plan__period=period,
            plan__is_current=True,
        )
        .select_related("plan__employee__unit", "indicator__result")
        .annotate(evidence_count=Count("evidence"))
        .order_by(
            "plan__employee__unit__path",
            "plan__employee__name",
            "plan__employee_id",
            "subperiod",
            "-indicator__result__kind",  # main results first
            "indicator__result__order",
            "indicator__result_id",
            "indicator__order",
            "indicator_id",
        )
    )

    def rows() -> Iterator[list[Any]]:
        for record in records.iterator(chunk_size=CHUNK):
            employee = record.plan.employee
            indicator = record.indicator
            yield [
                period.name,
                labels.get(record.subperiod, str(record.subperiod)),
                employee.nip,
                employee.full_name,
                employee.unit.name,
                indicator.result.get_kind_display(),
                indicator.result.text,
                indicator.get_aspect_display(),
                indicator.text,
                indicator.target_value,
                indicator.unit_of_measure,
                record.value,
                record.text,
                _achievement(indicator, record.value),
                record.evidence_count,
                record.note,
            ]

    return Export(f"realisasi-{period.year}.xlsx", "Realisasi", REALISATION_HEADERS, rows())


# --- Evaluations -----------------------------------------------------------------------------

EVALUATION_HEADERS = [
    "Periode",
    "Jenis evaluasi",
    "Sub-periode",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit kerja",
    "Pejabat penilai",
    "Status",
    "Saran rating hasil kerja",
    "Rating hasil kerja",
    "Rating perilaku kerja",
    "Predikat kinerja",
    "Predikat kinerja organisasi",
    "Ditetapkan",
]


def evaluations_export(user: User, *, period: Period, unit: Unit | None = None) -> Export:
    """One row per evaluation in reach, periodic first, with the governing organisation
    predicate (the assessment of the unit or the nearest unit above it)."""
    labels = {
        block.number: block.label
        for block in subperiods(period.frequency, period.start_date, period.end_date)
    }
    organisation = {
        (path, kind, subperiod): predicate
        for path, kind, subperiod, predicate in UnitAssessment.objects.filter(
            period=period
        ).values_list("unit__path", "kind", "subperiod", "organisation_predicate")
    }
    evaluations = (
        Evaluation.objects.filter(_where(user, "unit__path", unit), period=period)
        .select_related("employee", "employee__position", "unit", "rater")
        .order_by("kind", "subperiod", "unit__path", "employee__name", "id")
    )

    def governing(evaluation: Evaluation) -> str:
        for path in reversed(ancestor_paths(evaluation.unit.path)):
            found = organisation.get((path, evaluation.kind, evaluation.subperiod))
            if found:
                return found
        return ""

    def rows() -> Iterator[list[Any]]:
        for evaluation in evaluations.iterator(chunk_size=CHUNK):
            employee = evaluation.employee
            annual = evaluation.kind == EvaluationKind.ANNUAL
            yield [
                period.name,
                evaluation.get_kind_display(),
                f"Tahunan {period.year}" if annual else labels.get(evaluation.subperiod, ""),
                employee.nip,
                employee.full_name,
                employee.position.name if employee.position else "",
                evaluation.unit.name,
                evaluation.rater.full_name if evaluation.rater else "",
                evaluation.get_status_display(),
                evaluation.suggested_results_rating,
                evaluation.results_rating,
                evaluation.behaviour_rating,
                evaluation.predicate,
                governing(evaluation),
                timezone.localtime(evaluation.finalised_at) if evaluation.finalised_at else None,
            ]

    return Export(f"evaluasi-{period.year}.xlsx", "Evaluasi", EVALUATION_HEADERS, rows())


EXPORTS = {
    ExportKind.PLANS: plans_export,
    ExportKind.REALISATIONS: realisations_export,
    ExportKind.EVALUATIONS: evaluations_export,
}


def build_export(user: User, *, kind: str, period: Period, unit: Unit | None = None) -> Export:
    """The export of `kind` for the user's reach, optionally narrowed to a unit's subtree."""
    return EXPORTS[ExportKind(kind)](user, period=period, unit=unit)
