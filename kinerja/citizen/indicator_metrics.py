"""Which metric may feed which indicator: what each metric is measured on (a service, a unit or
an employee), the indicator aspect it fits, and the unit it is expressed in. Pure; no ORM.

The aspect decides how the appraisal reads the value (`appraisal.annual`): quantity is summed
over the year and higher is better; quality is a level, higher is better; time is a level,
lower is better. So a count feeds a quantity indicator, a share or an index (IKM) a quality
indicator, and a turnaround in minutes a time indicator (PermenPANRB 6/2022: indicators of
quantity, quality and time; PermenPANRB 14/2017 for the IKM).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kinerja.citizen.models import Metric


class Target(StrEnum):
    SERVICE = "service"
    UNIT = "unit"
    EMPLOYEE = "employee"


@dataclass(frozen=True)
class MetricSpec:
    target: Target
    aspect: str
    measure: Promise
    minutes: bool = False


METRICS: dict[str, MetricSpec] = {
    Metric.SERVICE_MEDIAN_MINUTES: MetricSpec(Target.SERVICE, "waktu", _("menit"), minutes=True),
    Metric.SERVICE_P90_MINUTES: MetricSpec(Target.SERVICE, "waktu", _("menit"), minutes=True),
    Metric.SERVICE_WITHIN_STANDARD: MetricSpec(Target.SERVICE, "kualitas", _("persen")),
    Metric.SERVICE_COMPLETED: MetricSpec(Target.SERVICE, "kuantitas", _("permohonan")),
    Metric.EMPLOYEE_COMPLETED: MetricSpec(Target.EMPLOYEE, "kuantitas", _("permohonan")),
    Metric.UNIT_IKM: MetricSpec(Target.UNIT, "kualitas", _("indeks")),
    Metric.SERVICE_IKM: MetricSpec(Target.SERVICE, "kualitas", _("indeks")),
    Metric.COMPLAINTS_ON_TIME: MetricSpec(Target.UNIT, "kualitas", _("persen")),
}

MINUTE_UNITS = frozenset({"menit", "mnt", "minutes", "minute"})

ASPECT_NAMES: dict[str, Promise] = {
    "kuantitas": _("Kuantitas"),
    "kualitas": _("Kualitas"),
    "waktu": _("Waktu"),
    "biaya": _("Biaya"),
}


def spec_of(metric: str) -> MetricSpec:
    """The spec of a metric code; ValueError for an unknown one."""
    try:
        return METRICS[metric]
    except KeyError:
        raise ValueError(f"metrik tidak dikenal: {metric!r}") from None


def is_minutes(unit_of_measure: str) -> bool:
    """Whether an indicator's unit of measure says minutes (blank counts as fitting)."""
    text = unit_of_measure.strip().lower()
    return not text or text in MINUTE_UNITS


def clipped_range(
    block_start: dt.date, block_end: dt.date, segment_start: dt.date, segment_end: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The days of a sub-period that fall in the SKP's segment (a transfer splits a year into
    segments, each with its own SKP); None when they do not overlap."""
    start, end = max(block_start, segment_start), min(block_end, segment_end)
    return (start, end) if start <= end else None
