"""Writes of indicators fed by data: binding an SKP indicator to a metric, computing its
realisation per sub-period from the recorded data, and the manual override with a reason.

The seeds' recurring obstacle is data that is not accurate or current (DESIGN §1): where a
figure can come from what the system records — a service's turnaround, a unit's IKM
(PermenPANRB 14/2017), complaints resolved on time (SP4N-LAPOR!) — the realisation is computed,
not typed. The values reach the realisation only through the appraisal services
(`store_computed_realisation`, `override_computed_realisation`), which keep a sub-period whose
evaluation is final locked (PermenPANRB 6/2022: a final evaluation is read-only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.appraisal.models import Realisation
from kinerja.appraisal.selectors.execution import (
    final_subperiods,
    has_started,
    plan_subperiods,
    uses_numbers,
)
from kinerja.appraisal.services import execution
from kinerja.citizen.indicator_metrics import ASPECT_NAMES, Target, clipped_range, is_minutes
from kinerja.citizen.indicator_metrics import METRICS as METRIC_SPECS
from kinerja.citizen.models import IndicatorSource, Metric, Service
from kinerja.citizen.selectors import sources as selectors
from kinerja.core import audit
from kinerja.core.exceptions import check_version
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import Indicator, PerformancePlan, Period
from kinerja.planning.subperiods import subperiod_of

SOURCE_FIELDS = ["metric", "service", "unit", "employee"]


def register_audit_actions() -> None:
    """Register this subject's audit action codes (called from CitizenConfig.ready)."""
    audit.register_actions(
        {
            "citizen.source.bound": gettext_lazy("Indikator dihubungkan ke sumber data"),
            "citizen.source.changed": gettext_lazy("Sumber data indikator diubah"),
            "citizen.source.unbound": gettext_lazy("Sumber data indikator dilepas"),
        }
    )


# --- Binding ------------------------------------------------------------------------------------


def _check_binding(
    indicator: Indicator,
    plan: PerformancePlan,
    metric: str,
    service: Service | None,
    unit: Unit | None,
    employee: Employee | None,
) -> None:
    """The right target for the metric, inside the employee's organisation and agency, and an
    indicator the metric can sensibly feed (aspect, a numeric target, minutes for turnaround)."""
    spec = METRIC_SPECS.get(metric)
    if spec is None:
        raise ValidationError({"metric": _("Pilih sumber data yang tersedia.")})
    if not plan.is_current:
        raise ValidationError(_("SKP ini sudah digantikan revisi; ubah SKP yang berlaku."))
    wanted = {
        Target.SERVICE: ("service", service),
        Target.UNIT: ("unit", unit),
        Target.EMPLOYEE: ("employee", employee),
    }[spec.target]
    if wanted[1] is None:
        missing = {
            "service": _("Pilih layanan untuk sumber data ini."),
            "unit": _("Pilih unit untuk sumber data ini."),
            "employee": _("Pilih pegawai untuk sumber data ini."),
        }
        raise ValidationError({wanted[0]: missing[wanted[0]]})
    # A completed count of an employee may be narrowed to one service; nothing else is extra.
    optional = {"service"} if metric == Metric.EMPLOYEE_COMPLETED else set()
    for name, given in (("service", service), ("unit", unit), ("employee", employee)):
        if given is not None and name != wanted[0] and name not in optional:
            raise ValidationError({name: _("Sumber data ini tidak memakai isian ini.")})
    root = selectors.organisation_path(plan.employee.unit)
    for name, given in (("service", service), ("unit", unit), ("employee", employee)):
        if given is None:
            continue
        if given.agency_id != indicator.agency_id:
            raise ValidationError({name: _("Pilihan ini bukan milik instansi SKP tersebut.")})
        path = given.path if isinstance(given, Unit) else given.unit.path
        if not path.startswith(root):
            raise ValidationError(
                {name: _("Pilihan ini berada di luar lingkungan unit kerja pegawai.")}
            )
    if service is not None and not service.is_active:
        raise ValidationError({"service": _("Layanan ini tidak aktif.")})
    if indicator.aspect != spec.aspect:
        raise ValidationError(
            {
                "metric": _(
                    "Sumber data ini cocok untuk indikator aspek %(wanted)s, sedangkan "
                    "indikator ini beraspek %(actual)s."
                )
                % {
                    "wanted": ASPECT_NAMES[spec.aspect],
                    "actual": ASPECT_NAMES.get(indicator.aspect, indicator.aspect),
                }
            }
        )
    if not uses_numbers(plan.period, indicator):
        raise ValidationError(
            {
                "metric": _(
                    "Hanya indikator bertarget angka pada pendekatan kuantitatif yang dapat "
                    "dihitung dari data."
                )
            }
        )
    if spec.minutes and not is_minutes(indicator.unit_of_measure):
        raise ValidationError(
            {
                "metric": _(
                    "Sumber data ini dihitung dalam menit, sedangkan satuan indikator "
                    "“%(unit)s”. Ubah satuan indikator menjadi menit atau pilih sumber lain."
                )
                % {"unit": indicator.unit_of_measure}
            }
        )


def _indicator_with_plan(indicator: Indicator) -> Indicator:
    return Indicator.objects.select_related(
        "result__plan__period", "result__plan__employee__unit"
    ).get(pk=indicator.pk)


@transaction.atomic
def bind_indicator_source(
    indicator: Indicator,
    *,
    actor: User,
    metric: str,
    service: Service | None = None,
    unit: Unit | None = None,
    employee: Employee | None = None,
    expected_version: int | None = None,
    compute: bool = True,
) -> IndicatorSource:
    """Feed an SKP indicator from a metric (or change what feeds it), then compute its
    realisation of every started sub-period at once (`compute=False`: the caller computes, as
    a bulk load does). Who: the SKP's employee while the SKP is editable, its rater, the agency
    admin."""
    indicator = _indicator_with_plan(indicator)
    plan = indicator.result.plan
    require(actor, "citizen.bind_indicator_source", plan)
    _check_binding(indicator, plan, metric, service, unit, employee)
    source = (
        IndicatorSource.objects.select_for_update(of=("self",)).filter(indicator=indicator).first()
    )
    if source is None:
        if expected_version not in (None, 0):
            check_version(0, expected_version)
        source = IndicatorSource.objects.create(
            agency_id=indicator.agency_id,
            indicator=indicator,
            metric=metric,
            service=service,
            unit=unit,
            employee=employee,
            created_by=actor,
        )
        audit.record(
            source,
            "citizen.source.bound",
            actor=actor,
            agency_id=source.agency_id,
            changes={
                name: (None, getattr(source, name))
                for name in SOURCE_FIELDS
                if getattr(source, name) is not None
            },
            note=str(indicator),
        )
    else:
        check_version(source.version, expected_version)
        before = audit.snapshot(source, SOURCE_FIELDS)
        source.metric, source.service, source.unit, source.employee = (
            metric,
            service,
            unit,
            employee,
        )
        changes = audit.diff(source, SOURCE_FIELDS, before)
        if changes:
            source.version += 1
            source.save(update_fields=[*changes, "version", "updated_at"])
            audit.record(
                source,
                "citizen.source.changed",
                actor=actor,
                agency_id=source.agency_id,
                changes=changes,
                note=str(indicator),
            )
    if compute:
        compute_sources([source], actor=actor)
    return source


@transaction.atomic
def unbind_indicator_source(source: IndicatorSource, *, actor: User) -> None:
    """Stop feeding the indicator from data: the realisations of open sub-periods keep their
    value and become ordinary ones again; those of final sub-periods stay as they are."""
    indicator = _indicator_with_plan(source.indicator)
    require(actor, "citizen.bind_indicator_source", indicator.result.plan)
    execution.detach_computed_realisations(indicator, actor=actor)
    audit.record(
        source,
        "citizen.source.unbound",
        actor=actor,
        agency_id=source.agency_id,
        changes={name: (getattr(source, name), None) for name in SOURCE_FIELDS},
        note=str(indicator),
    )
    source.delete()


# --- Computing ------------------------------------------------------------------------------------


@dataclass
class ComputeSummary:
    """How many sub-period realisations were written, and how many were left alone because the
    sub-period's evaluation is final."""

    stored: int = 0
    locked: int = 0

    def add(self, other: ComputeSummary) -> None:
        self.stored += other.stored
        self.locked += other.locked


def compute_sources(
    sources: Iterable[IndicatorSource],
    *,
    subperiods: Collection[int] | None = None,
    day: dt.date | None = None,
    actor: User | None = None,
) -> ComputeSummary:
    """Compute each source's metric per sub-period (over its days inside the SKP's segment) and
    store it on the realisation. Only started sub-periods; `subperiods` limits the numbers,
    `day` to the sub-period containing that day; final ones are counted as locked, untouched."""
    summary = ComputeSummary()
    finals: dict[int, set[int]] = {}
    today = timezone.localdate()
    for source in sources:
        indicator = source.indicator
        plan = indicator.result.plan
        if plan.pk not in finals:
            finals[plan.pk] = final_subperiods(plan)
        wanted: Collection[int] | None = subperiods
        if day is not None:
            period = plan.period
            block = subperiod_of(period.frequency, period.start_date, period.end_date, day)
            if block is None:
                continue
            wanted = {block.number} if wanted is None else set(wanted) & {block.number}
        for block in plan_subperiods(plan):
            if wanted is not None and block.number not in wanted:
                continue
            if not has_started(plan, block, today):
                continue
            if block.number in finals[plan.pk]:
                summary.locked += 1
                continue
            days = clipped_range(block.start, block.end, plan.segment_start, plan.segment_end)
            if days is None:
                continue
            value = selectors.metric_value(source, *days)
            stored = execution.store_computed_realisation(
                plan, indicator=indicator, subperiod=block.number, value=value, actor=actor
            )
            if stored is not None:
                summary.stored += 1
            elif value is not None:
                summary.locked += 1  # refused: the evaluation became final meanwhile
    return summary


@transaction.atomic
def compute_indicator_realisations(
    target: Indicator | PerformancePlan | Period,
    *,
    subperiods: Collection[int] | None = None,
    actor: User | None = None,
) -> ComputeSummary:
    """Compute the realisations of one bound indicator, of every bound indicator of an SKP, or
    of a whole period, for every started sub-period (or only `subperiods`)."""
    return compute_sources(selectors.sources_of(target), subperiods=subperiods, actor=actor)


@transaction.atomic
def recompute_plan_sources(plan: PerformancePlan, *, actor: User) -> ComputeSummary:
    """Someone asks for the SKP's indicators fed by data to be computed now (audited per
    changed value, with them as the actor)."""
    require(actor, "citizen.recompute_plan_sources", plan)
    return compute_sources(selectors.sources_of(plan), actor=actor)


@transaction.atomic
def recompute_for_change(
    *,
    service_id: int | None = None,
    unit_id: int | None = None,
    employee_id: int | None = None,
    day: dt.date | None = None,
) -> ComputeSummary:
    """After data of a service, unit or employee changed (on `day`, or any day): recompute the
    indicators fed by it, for the sub-period containing `day` (every started one without)."""
    sources = selectors.sources_affected_by(
        service_id=service_id, unit_id=unit_id, employee_id=employee_id
    )
    return compute_sources(sources, day=day)


def recompute_agency(*, today: dt.date) -> ComputeSummary:
    """The daily safety net, for the agency in scope: every bound indicator of every active
    period that has started, each started sub-period not yet final."""
    summary = ComputeSummary()
    for period in Period.objects.filter(is_active=True, start_date__lte=today).order_by("pk"):
        summary.add(compute_indicator_realisations(period))
    return summary


# --- The manual override --------------------------------------------------------------------------


def _fed_realisation(realisation: Realisation, actor: User) -> Realisation:
    realisation = Realisation.objects.select_related("plan").get(pk=realisation.pk)
    require(actor, "citizen.override_source_value", realisation.plan)
    if not IndicatorSource.objects.filter(indicator_id=realisation.indicator_id).exists():
        raise ValidationError(_("Indikator ini tidak dihitung dari data."))
    return realisation


@transaction.atomic
def override_realisation(
    realisation: Realisation,
    *,
    actor: User,
    value: Decimal | None,
    reason: str,
    expected_version: int | None = None,
) -> Realisation:
    """Use a manual value instead of the one computed from data; a written reason is required
    and the change is audited. Who: the SKP's employee or its rater, while the sub-period is
    open. The value computed from data keeps being updated beside it."""
    realisation = _fed_realisation(realisation, actor)
    if value is None:
        raise ValidationError({"value": _("Isikan nilai yang dipakai sebagai realisasi.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Tuliskan alasan mengganti nilai yang dihitung dari data.")}
        )
    return execution.override_computed_realisation(
        realisation,
        actor=actor,
        value=value,
        reason=reason,
        expected_version=expected_version,
    )


@transaction.atomic
def clear_realisation_override(
    realisation: Realisation, *, actor: User, expected_version: int | None = None
) -> Realisation:
    """Return to the value computed from data (audited)."""
    realisation = _fed_realisation(realisation, actor)
    return execution.override_computed_realisation(
        realisation, actor=actor, value=None, reason="", expected_version=expected_version
    )
