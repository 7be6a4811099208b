"""Planning tables: periods, the SKP (performance plan) with its RHK, indicators, behaviour
expectations and appendix (PermenPANRB 6/2022, Lampiran: format SKP)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantManager, TenantModel
from kinerja.planning.berakhlak import CORE_VALUE_CHOICES


class Frequency(models.TextChoices):
    MONTHLY = "bulanan", _("Bulanan")
    QUARTERLY = "triwulanan", _("Triwulanan")
    SEMESTER = "semesteran", _("Semesteran")


class Approach(models.TextChoices):
    QUANTITATIVE = "kuantitatif", _("Kuantitatif")
    QUALITATIVE = "kualitatif", _("Kualitatif")


class Period(TenantModel, VersionedModel):
    """A performance year of an agency, with its periodic frequency, approach and deadline."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama periode"), max_length=120)
    frequency = models.CharField(
        _("frekuensi penilaian periodik"), max_length=12, choices=Frequency.choices
    )
    approach = models.CharField(
        _("pendekatan"), max_length=12, choices=Approach.choices, default=Approach.QUANTITATIVE
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    plan_deadline = models.DateField(_("batas pengajuan SKP"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    objection_days = models.PositiveSmallIntegerField(
        _("batas pengajuan keberatan (hari)"),
        default=14,
        help_text=_("Hari sejak evaluasi ditetapkan; modul pelatihan menyebut 14 hari."),
    )
    decision_days = models.PositiveSmallIntegerField(
        _("batas keputusan keberatan (hari)"),
        default=7,
        help_text=_("Hari sejak keberatan diajukan; modul pelatihan menyebut 7 hari."),
    )

    class Meta:
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        ordering = ["-year", "-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "name"],
                name="period_name_unique_in_year",
                violation_error_message=_("Sudah ada periode dengan nama ini pada tahun tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="period_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


EDITABLE_STATUSES = (PlanStatus.DRAFT, PlanStatus.RETURNED)


class PlanQuerySet(models.QuerySet["PerformancePlan"]):
    def current(self) -> PlanQuerySet:
        """Plans not superseded by a revision."""
        return self.filter(is_current=True)

    def with_people(self) -> PlanQuerySet:
        return self.select_related(
            "period", "employee", "employee__unit", "employee__position", "rater"
        )


class PerformancePlan(TenantModel, VersionedModel):
    """An SKP: one employee's plan for a period (or a segment of it, after a transfer)."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="plans", verbose_name=_("periode")
    )
    employee = models.ForeignKey(
        "org.Employee", on_delete=models.PROTECT, related_name="plans", verbose_name=_("pegawai")
    )
    rater = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rated_plans",
        verbose_name=_("pejabat penilai"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )
    revision = models.PositiveSmallIntegerField(_("revisi ke"), default=0)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
        verbose_name=_("versi sebelumnya"),
    )
    revision_reason = models.TextField(_("alasan revisi"), blank=True)
    is_current = models.BooleanField(_("versi berlaku"), default=True)
    snapshot = models.JSONField(_("data pegawai dan penilai saat itu"), default=dict, blank=True)
    resources = models.TextField(_("dukungan sumber daya"), blank=True)
    accountability = models.TextField(_("skema pertanggungjawaban"), blank=True)
    consequences = models.TextField(_("konsekuensi"), blank=True)
    segment_start = models.DateField(_("berlaku mulai"))
    segment_end = models.DateField(_("berlaku sampai"))

    objects: ClassVar[Any] = TenantManager(PlanQuerySet)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-segment_start", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "period", "segment_start"],
                condition=Q(is_current=True),
                name="one_current_plan_per_segment",
                violation_error_message=_("Pegawai ini sudah memiliki SKP untuk periode ini."),
            ),
            models.CheckConstraint(
                condition=Q(segment_end__gte=models.F("segment_start")),
                name="plan_segment_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "period", "status"], name="plan_agency_period_status"),
            models.Index(fields=["rater", "status"], name="plan_rater_status"),
            models.Index(fields=["employee", "period"], name="plan_employee_period"),
        ]

    def __str__(self) -> str:
        return f"SKP {self.employee} · {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.is_current and self.status in EDITABLE_STATUSES


class ResultKind(models.TextChoices):
    MAIN = "utama", _("Utama")
    ADDITIONAL = "tambahan", _("Tambahan")


class Perspective(models.TextChoices):
    """The four perspectives of a JPT's SKP."""

    SERVICE_RECIPIENTS = "penerima_layanan", _("Penerima Layanan")
    BUSINESS_PROCESS = "proses_bisnis", _("Proses Bisnis")
    INTERNAL_STRENGTHENING = "penguatan_internal", _("Penguatan Internal")
    BUDGET = "anggaran", _("Anggaran")


class PlannedResult(TenantModel, VersionedModel):
    """An RHK (rencana hasil kerja), cascaded from the rater's RHK it intervenes (`parent`)."""

    plan = models.ForeignKey(
        PerformancePlan, on_delete=models.CASCADE, related_name="results", verbose_name=_("SKP")
    )
    kind = models.CharField(
        _("jenis"), max_length=10, choices=ResultKind.choices, default=ResultKind.MAIN
    )
    text = models.TextField(_("rencana hasil kerja"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name=_("RHK pimpinan yang diintervensi"),
    )
    perspective = models.CharField(
        _("perspektif"), max_length=20, choices=Perspective.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["plan", "kind", "order", "id"]
        indexes = [models.Index(fields=["parent"], name="result_parent")]

    def __str__(self) -> str:
        return self.text[:80]


class Aspect(models.TextChoices):
    QUANTITY = "kuantitas", _("Kuantitas")
    QUALITY = "kualitas", _("Kualitas")
    TIME = "waktu", _("Waktu")
    COST = "biaya", _("Biaya")


class Indicator(TenantModel, VersionedModel):
    """An individual performance indicator (IKI) of an RHK with its target."""

    result = models.ForeignKey(
        PlannedResult, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("RHK")
    )
    aspect = models.CharField(_("aspek"), max_length=10, choices=Aspect.choices)
    text = models.TextField(_("indikator kinerja individu"))
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_text = models.TextField(_("kriteria keberhasilan"), blank=True)
    unit_of_measure = models.CharField(_("satuan"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["result", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class BehaviourExpectation(TenantModel):
    """The leader's specific expectation (ekspektasi khusus pimpinan) for one BerAKHLAK value."""

    plan = models.ForeignKey(
        PerformancePlan,
        on_delete=models.CASCADE,
        related_name="expectations",
        verbose_name=_("SKP"),
    )
    value = models.CharField(_("nilai dasar"), max_length=30, choices=CORE_VALUE_CHOICES)
    text = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        verbose_name = _("ekspektasi perilaku")
        verbose_name_plural = _("ekspektasi perilaku")
        constraints = [
            models.UniqueConstraint(fields=["plan", "value"], name="one_expectation_per_value")
        ]

    def __str__(self) -> str:
        return self.get_value_display()
