"""The demo's execution stage: realisation, evidence, feedback and dialogues on approved SKP,
and the evaluation rows built from them (see `kinerja.appraisal.demo`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.utils import timezone

from kinerja.appraisal.models import (
    Dialogue,
    DialogueStatus,
    Evaluation,
    EvaluationKind,
    EvaluationStatus,
    Evidence,
    EvidenceKind,
    Feedback,
    Realisation,
    evidence_path,
)
from kinerja.appraisal.predicate import Rating, predicate
from kinerja.appraisal.suggestion import (
    UndefinedAchievementError,
    achievement,
    suggest_results_rating,
)
from kinerja.core.models import Agency, User
from kinerja.org.models import Employee
from kinerja.planning.models import (
    Indicator,
    PerformancePlan,
    Period,
    PlannedResult,
    PlanStatus,
    ResultKind,
)
from kinerja.planning.services import person_snapshot
from kinerja.planning.subperiods import SubPeriod, subperiods

CENT = Decimal("0.01")
SITES = {
    "palembang": "https://palembang.go.id",
    "subulussalam": "https://subulussalamkota.go.id",
    "bengkulu": "https://bengkuluprov.go.id",
    "kerinci": "https://kerincikab.go.id",
}
FEEDBACK_GOOD = (
    "Capaian sudah sesuai target; pertahankan dan bagikan cara kerjanya kepada rekan.",
    "Bukti dukung lengkap dan rapi. Terima kasih.",
    "Waktu layanan membaik dibanding periode lalu; lanjutkan penggunaan antrean daring.",
)
FEEDBACK_WORK = (
    "Realisasi masih di bawah target periode ini; mari kita bahas kendalanya di dialog kinerja.",
    "Lengkapi bukti dukung berupa rekap harian dari aplikasi layanan.",
    "Perhatikan waktu penyelesaian berkas yang melewati standar pelayanan.",
)
FEEDBACK_VALUES = {
    "berorientasi_pelayanan": "Warga menyampaikan terima kasih atas pelayanan yang ramah dan cepat.",
    "kolaboratif": "Sigap membantu rekan saat antrean layanan memanjang.",
    "adaptif": "Cepat menguasai aplikasi layanan yang baru.",
    "akuntabel": "Laporan realisasi disampaikan tepat waktu dan apa adanya.",
}
DIALOGUE_CAUSES = (
    "Jaringan internet kantor sering terputus sehingga berkas tertunda.",
    "Blanko dan perlengkapan cetak terlambat datang.",
    "Dua rekan sedang mengikuti pelatihan sehingga beban layanan bertambah.",
)


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def evidence_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF report (reportlab, invariant: the same text gives the same bytes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(56, 780, title[:90])
    pdf.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        pdf.drawString(56, 750 - index * 18, line[:100])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@dataclass
class DemoPlan:
    """An approved plan with what it needs: indicators, the rater's account, a form factor."""

    plan: PerformancePlan
    indicators: list[tuple[Indicator, bool]]  # (indicator, belongs to a main RHK)
    form: float
    user: User | None = None
    rater_user: User | None = None


@dataclass
class AppraisalBuilder:
    agency: Agency
    period: Period
    rng: random.Random
    today: dt.date
    now: dt.datetime = field(default_factory=timezone.now)
    blocks: list[SubPeriod] = field(default_factory=list)
    plans: list[DemoPlan] = field(default_factory=list)
    values: dict[tuple[int, int], Decimal] = field(default_factory=dict)  # (indicator, sub) →
    realisations: list[Realisation] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def load(self) -> None:
        period = self.period
        self.blocks = subperiods(period.frequency, period.start_date, period.end_date)
        plans = (
            PerformancePlan.objects.filter(
                period=period, status=PlanStatus.APPROVED, is_current=True
            )
            .select_related(
                "employee__unit",
                "employee__position",
                "employee__user",
                "rater__unit",
                "rater__position",
                "rater__user",
                "rater__supervisor",
            )
            .prefetch_related(
                Prefetch(
                    "results",
                    queryset=PlannedResult.objects.order_by("kind", "order", "id").prefetch_related(
                        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
                    ),
                )
            )
            .order_by("employee__unit__path", "employee_id")
        )
        for plan in plans:
            indicators = [
                (indicator, result.kind == ResultKind.MAIN)
                for result in plan.results.all()
                for indicator in result.indicators.all()
            ]
            form = min(1.35, max(0.6, self.rng.gauss(1.04, 0.1)))
            self.plans.append(
                DemoPlan(
                    plan,
                    indicators,
                    form,
                    plan.employee.user,
                    plan.rater.user if plan.rater else None,
                )
            )

    # --- execution ----------------------------------------------------------------------------

    def realised_blocks(self) -> list[SubPeriod]:
        ended = [block for block in self.blocks if block.end < self.today]
        return self.blocks[: max(2, len(ended))]

    def sub_target(self, indicator: Indicator) -> Decimal:
        """The target of one sub-period: a share of an annual quantity, else the target."""
        target = indicator.target_value or Decimal(0)
        if indicator.aspect == "kuantitas":
            return target / len(self.blocks)
        return target

    def realise(self) -> None:
        rng = self.rng
        for item in self.plans:
            for block in self.realised_blocks():
                for indicator, _main in item.indicators:
                    value = self._value(indicator, item.form * rng.uniform(0.96, 1.06))
                    self.values[(indicator.pk, block.number)] = value
                    self.realisations.append(
                        Realisation(
                            agency=self.agency,
                            plan=item.plan,
                            indicator=indicator,
                            subperiod=block.number,
                            value=value,
                            recorded_by=item.user,
                        )
                    )
        Realisation.objects.bulk_create(self.realisations, batch_size=2000)
        self.counts["realisations"] = len(self.realisations)

    def _value(self, indicator: Indicator, form: float) -> Decimal:
        target = self.sub_target(indicator)
        factor = Decimal(str(round(form, 3)))
        if indicator.aspect == "waktu":  # lower is better
            return _q(target / factor)
        if indicator.aspect == "kuantitas":
            return _q(target * factor).quantize(Decimal(1))
        value = target * (1 + (factor - 1) / 2)
        if indicator.unit_of_measure == "%":
            value = min(value, Decimal(100))
        return _q(value)

    def evidence(self, pegawai: Employee | None) -> None:
        """PDF reports and links: on the demo employee's realisations and a few others."""
        by_plan: dict[int, list[Realisation]] = defaultdict(list)
        for realisation in self.realisations:
            by_plan[realisation.plan_id].append(realisation)
        chosen: list[Realisation] = []
        for item in self.plans:
            if pegawai is not None and item.plan.employee_id == pegawai.pk:
                chosen += by_plan[item.plan.pk][:2] + by_plan[item.plan.pk][-1:]
        others = [
            r for r in self.realisations if pegawai is None or r.plan.employee_id != pegawai.pk
        ]
        chosen += self.rng.sample(others, k=min(6, len(others)))
        rows = []
        site = SITES.get(self.agency.code, f"https://{self.agency.code}.go.id")
        for index, realisation in enumerate(chosen):
            block = self.blocks[realisation.subperiod - 1]
            employee = realisation.plan.employee
            uploader = employee.user
            if index % 3 == 2:
                rows.append(
                    Evidence(
                        agency=self.agency,
                        realisation=realisation,
                        kind=EvidenceKind.LINK,
                        url=f"{site}/kinerja/{block.start:%Y-%m}/rekap-layanan-{realisation.pk}",
                        description=f"Rekap layanan {block.label} pada laman resmi",
                        uploaded_by=uploader,
                    )
                )
                continue
            indicator = realisation.indicator
            content = evidence_pdf(
                f"Laporan Realisasi {block.label}",
                [
                    f"Pegawai: {employee.full_name} (NIP {employee.nip})",
                    f"Unit kerja: {employee.unit.name}",
                    f"Indikator: {indicator.text}",
                    f"Target: {indicator.target_value} {indicator.unit_of_measure}",
                    f"Realisasi: {realisation.value} {indicator.unit_of_measure}",
                ],
            )
            evidence = Evidence(
                agency=self.agency,
                realisation=realisation,
                kind=EvidenceKind.FILE,
                original_name=f"laporan-realisasi-{block.number:02d}-{indicator.pk}.pdf",
                content_type="application/pdf",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                description=f"Laporan realisasi {block.label}",
                uploaded_by=uploader,
            )
            name = evidence_path(evidence, evidence.original_name)
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(content))
            evidence.file.name = name
            rows.append(evidence)
        Evidence.objects.bulk_create(rows)
        self.counts["evidence"] = len(rows)

    def feedback(self, pegawai: Employee | None) -> None:
        rng, rows, dialogues = self.rng, [], []
        realised = self.realised_blocks()
        for item in self.plans:
            if item.plan.rater is None:
                continue
            own = pegawai is not None and item.plan.employee_id == pegawai.pk
            for block in realised:
                if own or rng.random() < 0.3:
                    indicator, _main = rng.choice(item.indicators)
                    value = self.values[(indicator.pk, block.number)]
                    good = self._achieved(indicator, value) >= 100
                    rows.append(
                        Feedback(
                            agency=self.agency,
                            plan=item.plan,
                            subperiod=block.number,
                            indicator=indicator,
                            text=rng.choice(FEEDBACK_GOOD if good else FEEDBACK_WORK),
                            author=item.rater_user,
                        )
                    )
                if own or rng.random() < 0.15:
                    code = rng.choice(sorted(FEEDBACK_VALUES))
                    rows.append(
                        Feedback(
                            agency=self.agency,
                            plan=item.plan,
                            subperiod=block.number,
                            value=code,
                            text=FEEDBACK_VALUES[code],
                            author=item.rater_user,
                        )
                    )
                if block.number <= 2 and (own or rng.random() < 0.2):
                    dialogues.append(self._dialogue(item, block))
        Feedback.objects.bulk_create(rows)
        Dialogue.objects.bulk_create(dialogues)
        self.counts["feedback"], self.counts["dialogues"] = len(rows), len(dialogues)

    def _dialogue(self, item: DemoPlan, block: SubPeriod) -> Dialogue:
        achieved = item.form >= 0.95
        return Dialogue(
            agency=self.agency,
            plan=item.plan,
            subperiod=block.number,
            held_on=block.end - dt.timedelta(days=self.rng.randint(1, 6)),
            status=DialogueStatus.ACHIEVED if achieved else DialogueStatus.NOT_ACHIEVED,
            explanation=(
                f"Capaian {block.label} dibahas bersama atasan langsung berdasarkan bukti dukung."
            ),
            cause="" if achieved else self.rng.choice(DIALOGUE_CAUSES),
            follow_up=(
                "Mempertahankan capaian dan membimbing rekan yang baru."
                if achieved
                else "Menyusun jadwal layanan harian dan mengikuti pelatihan singkat."
            ),
            recorded_by=item.rater_user,
        )

    # --- evaluation ----------------------------------------------------------------------------

    def _achieved(self, indicator: Indicator, value: Decimal | None) -> Decimal:
        if value is None:
            return Decimal(0)
        try:
            return achievement(
                self.sub_target(indicator), value, lower_is_better=indicator.aspect == "waktu"
            )
        except UndefinedAchievementError:
            return Decimal(0)

    def evaluation(self, item: DemoPlan, number: int) -> Evaluation:
        """A draft evaluation with the suggestion filled in from the sub-period's realisation."""
        suggestion = suggest_results_rating(
            (main, self._achieved(indicator, self.values.get((indicator.pk, number))))
            for indicator, main in item.indicators
        )
        plan = item.plan
        return Evaluation(
            agency=self.agency,
            period=self.period,
            employee=plan.employee,
            plan=plan,
            unit=plan.employee.unit,
            rater=plan.rater,
            kind=EvaluationKind.PERIODIC,
            subperiod=number,
            suggested_results_rating=suggestion.rating or "",
            suggestion_reasons=list(suggestion.reasons),
        )

    def rate(self, evaluation: Evaluation, item: DemoPlan, at: dt.datetime) -> None:
        rng = self.rng
        results = Rating(evaluation.suggested_results_rating or Rating.SESUAI)
        if rng.random() < 0.1:  # the rater judges; the suggestion is only shown beside it
            results = Rating.SESUAI
        if item.form > 1.12:
            weights = (0.55, 0.45, 0.0)
        elif item.form < 0.85:
            weights = (0.0, 0.6, 0.4)
        else:
            weights = (0.1, 0.85, 0.05)
        behaviour = rng.choices((Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH), weights)[0]
        evaluation.results_rating, evaluation.behaviour_rating = results, behaviour
        evaluation.predicate = predicate(results, behaviour)
        evaluation.status = EvaluationStatus.RATED
        evaluation.rated_at, evaluation.rated_by = at, item.rater_user
        evaluation.snapshot = {
            "employee": person_snapshot(item.plan.employee),
            "rater": person_snapshot(item.plan.rater),
            "taken_at": at.isoformat(),
        }
        evaluation.version = 2

    def assessor(self, unit_path: str, kepala: User | None, admin: User | None) -> User | None:
        """The head above sets the unit's predicate: the demo head in their subtree, else BKPSDM."""
        head = getattr(kepala, "employee", None)
        if kepala is not None and head is not None and unit_path.startswith(head.unit.path):
            return kepala
        return admin
