"""Training catalogue, internal trainers, learning hours (JP), recommendations and plans.

Every ASN is owed at least 20 JP of competency development a year (PP 11/2017, Pasal 203):
a `DevelopmentRecord` is one completed piece of learning and the only source of the JP total.
A `Recommendation` names the figure it comes from (a predicate, an indicator under target, a
weak BerAKHLAK value in the 360° results, a competency gap). A `DevelopmentPlan` is agreed with
the direct supervisor; completing one of its items writes the record (with the certificate).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantManager, TenantModel
from kinerja.development import rules

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Delivery(models.TextChoices):
    INTERNAL = "internal", _("Internal (pengajar dari pegawai)")
    EXTERNAL = "eksternal", _("Eksternal")


class Training(TenantModel, VersionedModel):
    """One entry of the agency's training catalogue."""

    title = models.CharField(_("judul pelatihan"), max_length=200)
    competency = models.ForeignKey(
        "competency.Competency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("kompetensi yang dikembangkan"),
    )
    delivery = models.CharField(_("penyelenggaraan"), max_length=10, choices=Delivery.choices)
    provider = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    cost = models.DecimalField(
        _("biaya per peserta (Rp)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    external_equivalent_cost = models.DecimalField(
        _("biaya pelatihan eksternal setara (Rp)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Untuk pelatihan internal: biaya yang dihemat dibanding pelatihan eksternal."),
    )
    jp = models.PositiveSmallIntegerField(
        _("jam pelajaran (JP)"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    min_trainer_level = models.PositiveSmallIntegerField(
        _("level minimal pengajar"),
        default=4,
        validators=LEVEL_VALIDATORS,
        help_text=_("Untuk pelatihan internal: level kompetensi minimal pegawai pengajar."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("katalog pelatihan")
        ordering = ["-delivery", "title"]  # internal ("internal" > "eksternal") first
        constraints = [
            models.CheckConstraint(condition=Q(jp__gte=1), name="training_jp_positive"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="training_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(min_trainer_level__gte=1, min_trainer_level__lte=5),
                name="training_trainer_level_range",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "is_active", "delivery"], name="training_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_internal(self) -> bool:
        return self.delivery == Delivery.INTERNAL

    @property
    def saving(self) -> Decimal:
        """What one participant saves against the equivalent external course."""
        return (
            rules.saving(self.external_equivalent_cost, self.cost)
            if self.is_internal
            else Decimal(0)
        )


class InternalTrainer(TenantModel, VersionedModel):
    """An employee who teaches one competency to colleagues (widyaiswara internal)."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="trainer_roles",
        verbose_name=_("pegawai"),
    )
    competency = models.ForeignKey(
        "competency.Competency",
        on_delete=models.CASCADE,
        related_name="internal_trainers",
        verbose_name=_("kompetensi"),
    )
    available_from = models.DateField(_("tersedia mulai"), null=True, blank=True)
    available_until = models.DateField(_("tersedia sampai"), null=True, blank=True)
    availability_note = models.CharField(_("keterangan ketersediaan"), max_length=255, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pengajar internal")
        verbose_name_plural = _("pengajar internal")
        ordering = ["competency__name", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency"],
                name="internal_trainer_unique",
                violation_error_message=_(
                    "Pegawai ini sudah terdaftar sebagai pengajar kompetensi itu."
                ),
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gte=models.F("available_from")),
                name="internal_trainer_dates_order",
            ),
        ]
        indexes = [
            models.Index(fields=["competency", "is_active"], name="internal_trainer_match"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} · {self.competency}"


class ReasonKind(models.TextChoices):
    PREDICATE = "predikat", _("Predikat kinerja")
    INDICATOR = "indikator", _("Indikator di bawah target")
    BEHAVIOUR = "perilaku", _("Nilai BerAKHLAK (umpan balik 360°)")
    COMPETENCY = "kompetensi", _("Kesenjangan kompetensi")


class RecommendationStatus(models.TextChoices):
    OPEN = "terbuka", _("Terbuka")
    PLANNED = "direncanakan", _("Masuk rencana")
    DISMISSED = "diabaikan", _("Diabaikan")


class Recommendation(TenantModel, VersionedModel):
    """A suggestion to develop an employee, with the figure it comes from."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="development_recommendations",
        verbose_name=_("pegawai"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    reason = models.CharField(_("dasar"), max_length=12, choices=ReasonKind.choices)
    reason_text = models.CharField(_("alasan"), max_length=300)
    # What the recommendation came from ("predikat:<evaluation>", "kompetensi:<competency>:<year>",
    # …): refreshing never adds a second recommendation for the same source.
    source_key = models.CharField(_("sumber"), max_length=80)
    competency = models.ForeignKey(
        "competency.Competency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kompetensi"),
    )
    suggested_training = models.ForeignKey(
        Training,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("pelatihan yang disarankan"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    dismiss_reason = models.CharField(_("alasan diabaikan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rekomendasi pengembangan")
        verbose_name_plural = _("rekomendasi pengembangan")
        ordering = ["-year", "employee__name", "reason"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "source_key"], name="recommendation_source_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="diabaikan") | ~Q(dismiss_reason=""),
                name="dismissed_recommendation_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "year"], name="recommendation_listing"),
        ]

    def __str__(self) -> str:
        return self.reason_text


class PlanStatus(models.TextChoices):
    DRAFT = "draf", _("Draf")
    PROPOSED = "diajukan", _("Diajukan")
    AGREED = "disetujui", _("Disetujui atasan")
    DONE = "selesai", _("Selesai")


class DevelopmentPlan(TenantModel, VersionedModel):
    """An employee's development plan for a year, agreed with the direct supervisor."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="development_plans",
        verbose_name=_("pegawai"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    proposed_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui oleh"),
    )

    class Meta:
        verbose_name = _("rencana pengembangan")
        verbose_name_plural = _("rencana pengembangan")
        ordering = ["-year", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                name="development_plan_per_year",
                violation_error_message=_("Rencana pengembangan tahun ini sudah ada."),
            ),
        ]
        indexes = [models.Index(fields=["agency", "year", "status"], name="dev_plan_listing")]

    def __str__(self) -> str:
        return f"{self.employee} · {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanItem(TenantModel, VersionedModel):
    """One training of a plan: dates, JP and cost; for an internal one, the trainer."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("rencana")
    )
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="plan_items", verbose_name=_("pelatihan")
    )
    trainer = models.ForeignKey(
        InternalTrainer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("pengajar internal"),
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("rekomendasi"),
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    cost = models.DecimalField(_("biaya (Rp)"), max_digits=14, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("butir rencana pengembangan")
        verbose_name_plural = _("butir rencana pengembangan")
        ordering = ["plan", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="plan_item_dates_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training} ({self.start_date})"


def certificate_path(instance: DevelopmentRecord, filename: str) -> str:
    """Stored under the agency and year with a generated name (never the uploader's)."""
    return f"development/{instance.agency_id}/{instance.year}/{filename}"


class DevelopmentRecordQuerySet(models.QuerySet["DevelopmentRecord"]):
    def of_year(self, year: int) -> DevelopmentRecordQuerySet:
        return self.filter(year=year)


class DevelopmentRecord(TenantModel):
    """Learning actually done: the JP that count towards the yearly 20 JP (PP 11/2017)."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="development_records",
        verbose_name=_("pegawai"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("kegiatan pengembangan"), max_length=200)
    jp = models.PositiveSmallIntegerField(
        _("JP"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    completed_on = models.DateField(_("tanggal selesai"))
    training = models.ForeignKey(
        Training,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("pelatihan"),
    )
    plan_item = models.OneToOneField(
        PlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="record",
        verbose_name=_("butir rencana"),
    )
    certificate = models.FileField(
        _("sertifikat"), upload_to=certificate_path, max_length=200, blank=True
    )
    certificate_name = models.CharField(_("nama berkas sertifikat"), max_length=255, blank=True)
    certificate_type = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects: ClassVar[Any] = TenantManager(DevelopmentRecordQuerySet)

    class Meta:
        verbose_name = _("catatan pengembangan")
        verbose_name_plural = _("catatan pengembangan")
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(jp__gte=1), name="development_record_jp_positive"),
        ]
        indexes = [
            models.Index(fields=["agency", "year", "employee"], name="dev_record_year_employee"),
            models.Index(fields=["employee", "year"], name="dev_record_employee_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.jp} JP"
