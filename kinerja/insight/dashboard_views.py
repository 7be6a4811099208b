"""The leaders' dashboard under /dasbor/: charts of a period with a table under each, every bar
or point a link to the list behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kinerja.appraisal.predicate import Predicate
from kinerja.citizen.selectors.turnaround import PeriodKind
from kinerja.core.formatting import indonesian_number
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.insight import dashboard
from kinerja.insight.freshness import cached_figures, figures_key
from kinerja.insight.periods import chosen_period
from kinerja.insight.permissions import compliance_unit_paths
from kinerja.planning.models import Period


@dataclass
class Chart:
    """One chart: what Chart.js draws (`config`, links per label) and the table beside it."""

    key: str
    title: str
    kind: str  # bar, line, doughnut
    labels: list[str]
    series: list[tuple[str, list[Any]]]
    links: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""
    suffix: str = ""  # shown after values, e.g. "%"
    horizontal: bool = False

    @property
    def config(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "series": [{"label": label, "data": data} for label, data in self.series],
            "links": self.links,
            "suffix": self.suffix,
            "horizontal": self.horizontal,
        }

    @property
    def data_element(self) -> str:
        return f"chart-data-{self.key}"

    @property
    def empty(self) -> bool:
        return not any(value for _label, data in self.series for value in data if value)


def _url(name: str, **query: Any) -> str:
    return f"{reverse(name)}?{urlencode({k: v for k, v in query.items() if v is not None})}"


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _decimal_text(value: Any) -> str:
    if value is None:
        return "–"
    return indonesian_number(Decimal(str(value)).quantize(Decimal("0.1")))


def _percent_text(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{indonesian_number(Decimal(value).quantize(Decimal('0.1'), ROUND_HALF_UP))}%"


def _plans_chart(reach: dashboard.Reach) -> Chart:
    counts = dashboard.plan_completion(reach)
    labels = [str(label) for _code, label in dashboard.PLAN_STATES]
    values = [counts[code] for code, _label in dashboard.PLAN_STATES]
    links = [
        ""
        if code == dashboard.NO_PLAN
        else _url("planning:plan-list", period=reach.period.pk, status=code)
        for code, _label in dashboard.PLAN_STATES
    ]
    total = sum(values)
    return Chart(
        "plans",
        _("Penyusunan SKP"),
        "doughnut",
        labels,
        [(_("Pegawai"), values)],
        links,
        [_("Status SKP"), _("Pegawai")],
        [[label, value] for label, value in zip(labels, values, strict=True)],
        note=_("%(approved)s dari %(total)s pegawai aktif sudah memiliki SKP yang disetujui.")
        % {
            "approved": indonesian_number(Decimal(counts["approved"])),
            "total": indonesian_number(Decimal(total)),
        },
    )


def _progress_chart(reach: dashboard.Reach) -> Chart:
    progress = dashboard.realisation_progress(reach)
    return Chart(
        "progress",
        _("Realisasi terisi per sub-periode"),
        "bar",
        [p.label for p in progress],
        [(_("Indikator dengan realisasi (%)"), [_number(p.share) for p in progress])],
        [
            _url("appraisal:realisation-list", period=reach.period.pk, subperiod=p.number)
            for p in progress
        ],
        [_("Sub-periode"), _("Terisi"), _("Indikator SKP disetujui"), _("Persentase")],
        [[p.label, p.recorded, p.expected, _percent_text(p.share)] for p in progress],
        suffix="%",
    )


def _predicates_chart(reach: dashboard.Reach) -> Chart:
    figures = dashboard.predicates(reach)
    labels = [member.value for member in Predicate]
    values = [figures.counts[label] for label in labels]
    if figures.subperiod is None:
        note = _("Belum ada predikat yang ditetapkan final pada periode ini.")
        link = ""
    else:
        which = (
            _("evaluasi tahunan")
            if figures.subperiod == 0
            else _("periode ke-%(n)s") % {"n": figures.subperiod}
        )
        note = _(
            "Predikat final %(which)s. Pola distribusi (SE MenPANRB 3/2023): %(kept)s unit "
            "sesuai, %(breach)s unit menyimpang, %(none)s unit belum ditetapkan predikat "
            "organisasinya."
        ) % {
            "which": which,
            "kept": figures.units_checked - figures.units_breaching,
            "breach": figures.units_breaching,
            "none": figures.units_without_organisation_predicate,
        }
        link = _url(
            "appraisal:evaluation-list",
            period=reach.period.pk,
            subperiod=figures.subperiod,
            status="final",
        )
    total = figures.total
    return Chart(
        "predicates",
        _("Sebaran predikat kinerja"),
        "bar",
        labels,
        [(_("Pegawai"), values)],
        [link] * len(labels),
        [_("Predikat"), _("Pegawai"), _("Persentase")],
        [
            [
                label,
                value,
                _percent_text(
                    Decimal(value * 100 / total).quantize(Decimal("0.1")) if total else None
                ),
            ]
            for label, value in zip(labels, values, strict=True)
        ],
        note=note,
    )


def _ikm_chart(reach: dashboard.Reach) -> Chart:
    rows = dashboard.ikm_per_unit(reach)
    return Chart(
        "ikm",
        _("Indeks Kepuasan Masyarakat per unit"),
        "bar",
        [row.unit.name for row in rows],
        [(_("IKM (25–100)"), [_number(row.result.value) for row in rows])],
        [_url("citizen:survey-report", unit=row.unit.pk, period=reach.period.year) for row in rows],
        [_("Unit"), _("Responden"), _("IKM"), _("Mutu")],
        [
            [
                row.unit.name,
                row.result.respondents,
                row.result.value if row.result.value is not None else "–",
                row.result.grade or "–",
            ]
            for row in rows
        ],
        horizontal=True,
        note=_("Dihitung dari seluruh jawaban unit (bukan rata-rata IKM layanan)."),
    )


def _turnaround_chart(reach: dashboard.Reach) -> Chart:
    months = dashboard.turnaround_per_month(reach)
    return Chart(
        "turnaround",
        _("Waktu penyelesaian layanan per bulan"),
        "line",
        [month.label for month, _figures in months],
        [
            (
                _("Selesai dalam standar (%)"),
                [
                    _number(figures.within_standard_share) if figures else None
                    for _month, figures in months
                ],
            )
        ],
        [
            _url(
                "citizen:turnaround",
                kind=PeriodKind.MONTH,
                year=reach.period.year,
                number=month.number,
            )
            for month, _figures in months
        ],
        [_("Bulan"), _("Selesai"), _("Median (menit)"), _("Dalam standar")],
        [
            [
                month.label,
                figures.completed if figures else 0,
                _decimal_text(figures.median_minutes if figures else None),
                _percent_text(figures.within_standard_share if figures else None),
            ]
            for month, figures in months
        ],
        suffix="%",
    )


def _complaints_chart(reach: dashboard.Reach) -> Chart:
    months = dashboard.complaints_per_month(reach)
    return Chart(
        "complaints",
        _("Pengaduan selesai tepat waktu per bulan"),
        "line",
        [row.month.label for row in months],
        [(_("Tepat waktu (%)"), [_number(row.share) for row in months])],
        [_url("citizen:complaint-list", status="selesai") for _row in months],
        [_("Bulan"), _("Selesai"), _("Tepat waktu"), _("Persentase")],
        [
            [
                row.month.label,
                row.resolved,
                row.on_time,
                _percent_text(row.share),
            ]
            for row in months
        ],
        suffix="%",
        note=_("%(open)s pengaduan masih terbuka.")
        % {"open": indonesian_number(Decimal(dashboard.open_complaints(reach)))},
    )


def _learning_chart(reach: dashboard.Reach) -> Chart:
    figures = dashboard.learning_hours(reach)
    labels = [_("Sudah 20 JP"), _("Di bawah 20 JP")]
    link = _url("development:jp-list", year=reach.period.year)
    return Chart(
        "learning",
        _("Pengembangan kompetensi %(year)s (20 JP)") % {"year": reach.period.year},
        "doughnut",
        labels,
        [(_("Pegawai"), [figures.reached, figures.short])],
        [link, link],
        [_("Pegawai"), _("Jumlah")],
        [[labels[0], figures.reached], [labels[1], figures.short]],
        note=_("%(hours)s JP tercatat tahun ini; setiap ASN berhak atas 20 JP (PP 11/2017).")
        % {"hours": indonesian_number(Decimal(figures.hours))},
    )


def _talent_chart(reach: dashboard.Reach) -> Chart:
    counts = dashboard.talent_boxes(reach)
    labels = [_("Kotak %(box)s") % {"box": box} for box in counts]
    return Chart(
        "talent",
        _("Pemetaan talenta (9-box)"),
        "bar",
        labels,
        [(_("Pegawai"), list(counts.values()))],
        [reverse("talent:box", kwargs={"box": box}) for box in counts],
        [_("Kotak"), _("Pegawai")],
        [[label, n] for label, n in zip(labels, counts.values(), strict=True)],
        note=_("Kotak 7–9 adalah kelompok rencana suksesi (PermenPANRB 3/2020)."),
    )


def _audit_chart(reach: dashboard.Reach) -> Chart:
    figures = dashboard.audit_recommendations(reach)
    labels = [_("Belum ditindaklanjuti"), _("Dalam proses"), _("Melewati batas waktu")]
    values = [figures.open, figures.in_progress, figures.overdue]
    link = reverse("oversight:overdue-list")
    return Chart(
        "audits",
        _("Rekomendasi pemeriksaan yang belum selesai"),
        "bar",
        labels,
        [(_("Rekomendasi"), values)],
        [reverse("oversight:audit-list"), reverse("oversight:audit-list"), link],
        [_("Keadaan"), _("Rekomendasi")],
        [[label, n] for label, n in zip(labels, values, strict=True)],
    )


def charts_for(reach: dashboard.Reach) -> list[Chart]:
    return [
        _plans_chart(reach),
        _progress_chart(reach),
        _predicates_chart(reach),
        _ikm_chart(reach),
        _turnaround_chart(reach),
        _complaints_chart(reach),
        _learning_chart(reach),
        _talent_chart(reach),
        _audit_chart(reach),
    ]


@login_required
def leaders_dashboard(request: AuthedRequest) -> HttpResponse:
    """The period at a glance for heads (their subtrees), the agency admin and inspectors."""
    require(request.user, "insight.view_dashboard")
    period, periods = chosen_period(request)
    context: dict[str, Any] = {"period": period, "periods": periods}
    if isinstance(period, Period):
        reach = dashboard.Reach(period, timezone.localdate(), compliance_unit_paths(request.user))
        key = figures_key("dashboard", period.pk, reach.today, reach.unit_paths)
        charts, computed_at = cached_figures(key, lambda: charts_for(reach))
        context.update(
            charts=charts, whole_agency=reach.unit_paths is None, computed_at=computed_at
        )
    return render(request, "insight/dashboard.html", context)
