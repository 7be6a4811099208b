"""The sections of the agency performance report, each computed from the same figure functions
as the leaders' dashboard (`insight.dashboard`) and the compliance monitor
(`insight.compliance`), for the report's period and units, as plain values: the PDF draws them,
the workbook writes them, and neither computes anything of its own.

Numbers stay numbers (int, Decimal) so the workbook holds numbers; None is a figure that does
not exist (a share of nothing), shown as "–".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from kinerja.appraisal.predicate import Predicate
from kinerja.core.formatting import MONTHS, indonesian_number
from kinerja.development.rules import MINIMUM_JP_PER_YEAR
from kinerja.insight import compliance, dashboard
from kinerja.talent.boxes import BOX_NAMES

ChartKind = Literal["pie", "bars", "hbars", "ninebox"]
NO_DATA = "Belum ada data"


@dataclass(frozen=True)
class About:
    """What a report is of, for its title block and its first sheet."""

    agency: str
    scope: str  # a unit's name, or "Seluruh instansi"
    period: str
    period_dates: str
    generated: dt.datetime  # local time
    requested_by: str


@dataclass(frozen=True)
class Chart:
    """What the PDF draws above a section's table: one value per label."""

    kind: ChartKind
    labels: list[str]
    values: list[float | None]
    percent: bool = False  # values are percentages (axis 0–100, labels with "%")
    top: float | None = None  # the end of the value axis when fixed (IKM: 100)


@dataclass(frozen=True)
class Table:
    """One table of figures; `sheet` names its worksheet (at most 31 characters)."""

    sheet: str
    headers: list[str]
    rows: list[list[Any]]
    title: str = ""  # a heading above the table in the PDF when a section has more than one
    # A text column the PDF writes small under the first column (a unit's parent) instead of
    # in a column of its own; the workbook keeps every column.
    under_first: int | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    headline: str  # one line for the summary at the top of the PDF
    tables: list[Table]
    chart: Chart | None
    has_data: bool
    notes: list[str] = field(default_factory=list)
    empty_text: str = NO_DATA


def percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent, one decimal (half up); None of nothing."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _count(value: int) -> str:
    return indonesian_number(Decimal(value))


def _percent_text(value: Decimal | None) -> str:
    return "–" if value is None else f"{indonesian_number(value)}%"


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- One builder per section -----------------------------------------------------------------


def plans_section(reach: dashboard.Reach) -> Section:
    counts = dashboard.plan_completion(reach)
    total = sum(counts.values())
    labels = [str(label) for _code, label in dashboard.PLAN_STATES]
    values = [counts[code] for code, _label in dashboard.PLAN_STATES]
    approved = counts["approved"]
    return Section(
        "plans",
        "Penyusunan SKP",
        f"{_count(approved)} dari {_count(total)} pegawai aktif memiliki SKP yang disetujui "
        f"({_percent_text(percent(approved, total))}).",
        [
            Table(
                "SKP",
                ["Status SKP", "Pegawai", "Persentase (%)"],
                [[label, n, percent(n, total)] for label, n in zip(labels, values, strict=True)],
            )
        ],
        Chart("pie", labels, [float(n) for n in values]),
        has_data=total > 0,
        notes=["Pegawai aktif menurut status SKP terkini pada periode ini."],
    )


def progress_section(reach: dashboard.Reach) -> Section:
    progress = dashboard.realisation_progress(reach)
    latest = progress[-1] if progress else None
    return Section(
        "progress",
        "Realisasi per sub-periode",
        (
            f"{latest.label}: {_percent_text(latest.share)} indikator SKP yang disetujui "
            "sudah berisi realisasi."
            if latest
            else "Belum ada sub-periode yang dimulai."
        ),
        [
            Table(
                "Realisasi",
                ["Sub-periode", "Indikator terisi", "Indikator SKP disetujui", "Persentase (%)"],
                [[p.label, p.recorded, p.expected, p.share] for p in progress],
            )
        ],
        Chart("bars", [p.label for p in progress], [_float(p.share) for p in progress], True),
        has_data=any(p.expected for p in progress),
        notes=[
            "Indikator SKP yang disetujui dengan realisasi tercatat (angka atau uraian), per "
            "sub-periode yang sudah dimulai."
        ],
    )


def predicates_section(reach: dashboard.Reach) -> Section:
    figures = dashboard.predicates(reach)
    labels = [member.value for member in Predicate]
    values = [figures.counts[label] for label in labels]
    total = figures.total
    kept = figures.units_checked - figures.units_breaching
    if figures.subperiod is None:
        which = ""
    elif figures.subperiod == 0:
        which = "evaluasi tahunan"
    else:
        which = f"evaluasi periodik ke-{figures.subperiod}"
    good = figures.counts[Predicate.SANGAT_BAIK.value] + figures.counts[Predicate.BAIK.value]
    return Section(
        "predicates",
        "Sebaran predikat kinerja",
        (
            f"{_count(good)} dari {_count(total)} pegawai berpredikat Baik atau Sangat Baik "
            f"({which}); {figures.units_breaching} unit menyimpang dari pola distribusi."
            if total
            else "Belum ada predikat yang ditetapkan final."
        ),
        [
            Table(
                "Predikat",
                ["Predikat", "Pegawai", "Persentase (%)"],
                [[label, n, percent(n, total)] for label, n in zip(labels, values, strict=True)],
            ),
            Table(
                "Pola distribusi",
                ["Keadaan unit", "Unit"],
                [
                    ["Sesuai pola distribusi", kept],
                    ["Menyimpang dari pola distribusi", figures.units_breaching],
                    [
                        "Predikat organisasi belum ditetapkan",
                        figures.units_without_organisation_predicate,
                    ],
                ],
                title="Unit terhadap pola distribusi (SE MenPANRB 3/2023)",
            ),
        ],
        Chart("bars", labels, [float(n) for n in values]),
        has_data=figures.subperiod is not None and total > 0,
        notes=[f"Predikat final {which}."] if which else [],
        empty_text="Belum ada predikat yang ditetapkan final pada periode ini.",
    )


IKM_CHART_UNITS = 15


def ikm_section(reach: dashboard.Reach) -> Section:
    rows = dashboard.ikm_per_unit(reach)
    shown = rows[:IKM_CHART_UNITS]
    best = rows[0] if rows else None
    return Section(
        "ikm",
        "Indeks Kepuasan Masyarakat per unit",
        (
            f"{len(rows)} unit disurvei; tertinggi {best.unit.name} "
            f"({indonesian_number(best.result.value)})."
            if best and best.result.value is not None
            else "Belum ada jawaban survei kepuasan pada periode ini."
        ),
        [
            Table(
                "IKM",
                ["Unit", "Responden", "IKM (25–100)", "Mutu"],
                [
                    [
                        row.unit.name,
                        row.result.respondents,
                        row.result.value,
                        row.result.grade.value if row.result.grade else None,
                    ]
                    for row in rows
                ],
            )
        ],
        Chart(
            "hbars",
            [row.unit.name for row in shown],
            [_float(row.result.value) for row in shown],
            top=100,
        ),
        has_data=bool(rows),
        notes=[
            "IKM unit dihitung dari seluruh jawaban unit itu (PermenPANRB 14/2017), bukan "
            "rata-rata IKM layanannya."
            + (
                f" Grafik memuat {IKM_CHART_UNITS} unit tertinggi."
                if len(rows) > IKM_CHART_UNITS
                else ""
            )
        ],
    )


def turnaround_section(reach: dashboard.Reach) -> Section:
    months = dashboard.turnaround_per_month(reach)
    completed = sum(figures.completed for _month, figures in months if figures)
    within = sum(figures.within_standard for _month, figures in months if figures)
    return Section(
        "turnaround",
        "Waktu penyelesaian layanan",
        f"{_count(completed)} permohonan selesai; {_percent_text(percent(within, completed))} "
        "dalam waktu standar.",
        [
            Table(
                "Layanan",
                ["Bulan", "Selesai", "Median (menit)", "Dalam standar", "Dalam standar (%)"],
                [
                    [
                        MONTHS[month.number - 1],
                        figures.completed if figures else 0,
                        Decimal(str(figures.median_minutes)).quantize(Decimal("0.1"))
                        if figures and figures.median_minutes is not None
                        else None,
                        figures.within_standard if figures else 0,
                        percent(figures.within_standard, figures.completed) if figures else None,
                    ]
                    for month, figures in months
                ],
            )
        ],
        Chart(
            "bars",
            [month.label for month, _figures in months],
            [
                _float(percent(figures.within_standard, figures.completed)) if figures else None
                for _month, figures in months
            ],
            percent=True,
        ),
        has_data=completed > 0,
        notes=["Permohonan layanan yang selesai per bulan, dan yang selesai dalam waktu standar."],
    )


def complaints_section(reach: dashboard.Reach) -> Section:
    months = dashboard.complaints_per_month(reach)
    resolved = sum(row.resolved for row in months)
    on_time = sum(row.on_time for row in months)
    still_open = dashboard.open_complaints(reach)
    return Section(
        "complaints",
        "Pengaduan selesai tepat waktu",
        f"{_count(resolved)} pengaduan selesai; {_percent_text(percent(on_time, resolved))} "
        f"tepat waktu; {_count(still_open)} masih terbuka.",
        [
            Table(
                "Pengaduan",
                ["Bulan", "Selesai", "Tepat waktu", "Persentase (%)"],
                [
                    [
                        MONTHS[row.month.number - 1],
                        row.resolved,
                        row.on_time,
                        percent(row.on_time, row.resolved),
                    ]
                    for row in months
                ],
            )
        ],
        Chart(
            "bars",
            [row.month.label for row in months],
            [_float(percent(row.on_time, row.resolved)) for row in months],
            percent=True,
        ),
        has_data=resolved > 0,
        notes=[f"Pengaduan yang masih terbuka saat laporan dibuat: {_count(still_open)}."],
    )


def learning_section(reach: dashboard.Reach) -> Section:
    figures = dashboard.learning_hours(reach)
    labels = [f"Sudah {MINIMUM_JP_PER_YEAR} JP", f"Di bawah {MINIMUM_JP_PER_YEAR} JP"]
    values = [figures.reached, figures.short]
    return Section(
        "learning",
        f"Pengembangan kompetensi {reach.period.year}",
        f"{_count(figures.reached)} dari {_count(figures.employees)} pegawai aktif mencapai "
        f"{MINIMUM_JP_PER_YEAR} JP ({_percent_text(percent(figures.reached, figures.employees))}).",
        [
            Table(
                "Pengembangan",
                ["Keadaan", "Pegawai", "Persentase (%)"],
                [
                    [label, n, percent(n, figures.employees)]
                    for label, n in zip(labels, values, strict=True)
                ],
            )
        ],
        Chart("pie", labels, [float(n) for n in values]),
        has_data=figures.employees > 0,
        notes=[
            f"{_count(figures.hours)} JP tercatat pada tahun {reach.period.year}; setiap ASN "
            f"berhak atas {MINIMUM_JP_PER_YEAR} JP setahun (PP 11/2017)."
        ],
    )


def talent_section(reach: dashboard.Reach) -> Section:
    counts = dashboard.talent_boxes(reach)
    total = sum(counts.values())
    pool = counts[7] + counts[8] + counts[9]
    return Section(
        "talent",
        "Pemetaan talenta (9-box)",
        f"{_count(total)} pegawai terpetakan; {_count(pool)} di kelompok rencana suksesi "
        "(kotak 7–9).",
        [
            Table(
                "Talenta",
                ["Kotak", "Keterangan", "Pegawai"],
                [[box, BOX_NAMES[box], counts[box]] for box in sorted(counts, reverse=True)],
            )
        ],
        Chart(
            "ninebox", [str(box) for box in range(1, 10)], [float(counts[b]) for b in range(1, 10)]
        ),
        has_data=total > 0,
        notes=["Kotak 7–9 adalah kelompok rencana suksesi (PermenPANRB 3/2020)."],
    )


def audits_section(reach: dashboard.Reach) -> Section:
    figures = dashboard.audit_recommendations(reach)
    labels = ["Belum ditindaklanjuti", "Dalam proses", "Melewati batas waktu"]
    values = [figures.open, figures.in_progress, figures.overdue]
    unfinished = figures.open + figures.in_progress
    return Section(
        "audits",
        "Rekomendasi pemeriksaan belum selesai",
        f"{_count(unfinished)} rekomendasi belum selesai; {_count(figures.overdue)} melewati "
        "batas waktu.",
        [
            Table(
                "Rekomendasi",
                ["Keadaan", "Rekomendasi"],
                [[label, n] for label, n in zip(labels, values, strict=True)],
            )
        ],
        Chart("bars", labels, [float(n) for n in values]),
        has_data=unfinished > 0,
        notes=["Yang melewati batas waktu termasuk dalam dua baris di atasnya."],
        empty_text="Tidak ada rekomendasi pemeriksaan yang belum selesai.",
    )


def compliance_section(reach: dashboard.Reach) -> Section:
    scope = compliance.Scope(reach.period, reach.today, reach.unit_paths)
    figures = compliance.overview(scope)
    checks = compliance.CHECKS
    most, worst = max(zip(figures.totals, checks, strict=True), key=lambda pair: pair[0])
    return Section(
        "compliance",
        "Kepatuhan",
        (
            f"{_count(sum(figures.totals))} temuan kepatuhan; terbanyak: "
            f"{worst.label} ({_count(most)})."
            if most
            else "Tidak ada temuan kepatuhan."
        ),
        [
            Table(
                "Kepatuhan",
                ["Pemeriksaan", "Jumlah", "Satuan"],
                [
                    [str(check.label), total, str(check.counts)]
                    for check, total in zip(checks, figures.totals, strict=True)
                ],
            ),
            Table(
                "Kepatuhan per unit",
                ["Unit kerja", "Unit induk", *(str(check.short) for check in checks), "Jumlah"],
                [[row.name, row.parent_name, *row.counts, row.total] for row in figures.units],
                title="Per unit kerja (terbanyak lebih dulu)",
                under_first=1,
            ),
        ],
        Chart("hbars", [str(check.short) for check in checks], [float(t) for t in figures.totals]),
        has_data=any(figures.totals),
        notes=[f"{check.label}: {check.rule}" for check in checks],
        empty_text="Tidak ada temuan kepatuhan pada periode ini.",
    )


@dataclass(frozen=True)
class Step:
    """One section: what the progress line says while it is computed, and its builder."""

    title: str
    build: Callable[[dashboard.Reach], Section]


STEPS: tuple[Step, ...] = (
    Step("Penyusunan SKP", plans_section),
    Step("Realisasi per sub-periode", progress_section),
    Step("Sebaran predikat kinerja", predicates_section),
    Step("IKM per unit", ikm_section),
    Step("Waktu penyelesaian layanan", turnaround_section),
    Step("Pengaduan", complaints_section),
    Step("Pengembangan kompetensi", learning_section),
    Step("Pemetaan talenta", talent_section),
    Step("Rekomendasi pemeriksaan", audits_section),
    Step("Kepatuhan", compliance_section),
)
