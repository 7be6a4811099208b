"""Appraisal tables: realisation with evidence, continuous feedback, performance dialogues,
periodic and annual evaluations, the organisation predicate of a unit (SE MenPANRB 3/2023),
calibration adjustments and objections (keberatan). PermenPANRB 6/2022, Lampiran."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.predicate import OrganisationPredicate, Predicate, Rating
from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantModel
from kinerja.planning.berakhlak import CORE_VALUE_CHOICES

RATING_CHOICES = [(rating.value, rating.value) for rating in Rating]
PREDICATE_CHOICES = [(member.value, member.value) for member in Predicate]
ORGANISATION_PREDICATE_CHOICES = [(member.value, member.value) for member in OrganisationPredicate]


# --- Execution: realisation, evidence, feedback, dialogues ----------------------------------


class Realisation(TenantModel, VersionedModel):
    """What an indicator achieved in one sub-period (1..n of the period's frequency)."""

    plan = models.ForeignKey(
        "planning.PerformancePlan",
        on_delete=models.CASCADE,
        related_name="realisations",
        verbose_name=_("SKP"),
    )
    indicator = models.ForeignKey(
        "planning.Indicator",
        on_delete=models.CASCADE,
        related_name="realisations",
        verbose_name=_("indikator"),
    )
    subperiod = models.PositiveSmallIntegerField(_("periode ke"))
    value = models.DecimalField(
        _("realisasi"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("realisasi (uraian)"), blank=True)
    note = models.TextField(_("catatan"), blank=True)
    # For an indicator fed by data (citizen.IndicatorSource): the value computed from the
    # recorded data; `value` follows it unless someone overrode it, with a reason.
    computed_value = models.DecimalField(
        _("realisasi dari data"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    computed_at = models.DateTimeField(_("dihitung"), null=True, blank=True)
    override_reason = models.TextField(
        _("alasan mengubah nilai dari data"), blank=True, default="", db_default=""
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["plan", "subperiod", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "subperiod"],
                name="one_realisation_per_indicator_subperiod",
                violation_error_message=_(
                    "Realisasi indikator ini untuk periode tersebut sudah ada."
                ),
            ),
            models.CheckConstraint(condition=Q(subperiod__gte=1), name="realisation_subperiod_1"),
        ]
        indexes = [models.Index(fields=["plan", "subperiod"], name="realisation_plan_sub")]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.subperiod}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Berkas")
    LINK = "link", _("Tautan")


def evidence_path(instance: Evidence, filename: str) -> str:
    """Stored under a random name, outside the web root (the original name is kept apart)."""
    return f"evidence/{instance.agency_id}/{instance.sha256[:2]}/{instance.sha256}"


class Evidence(TenantModel):
    """A file or link that proves a realisation (bukti dukung)."""

    realisation = models.ForeignKey(
        Realisation, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("realisasi")
    )
    kind = models.CharField(_("jenis"), max_length=4, choices=EvidenceKind.choices)
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=200, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis isi"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("ukuran (byte)"), default=0)
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64, blank=True)
    description = models.CharField(_("keterangan"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisation", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="") & Q(url=""))
                | (Q(kind="link") & Q(file="") & ~Q(url="")),
                name="evidence_file_xor_link",
            )
        ]

    def __str__(self) -> str:
        return self.original_name or self.url


class Feedback(TenantModel, VersionedModel):
    """Continuous feedback (umpan balik berkelanjutan) from the rater: on one indicator or on one
    BerAKHLAK value, in one sub-period."""

    plan = models.ForeignKey(
        "planning.PerformancePlan",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("SKP"),
    )
    subperiod = models.PositiveSmallIntegerField(_("periode ke"))
    indicator = models.ForeignKey(
        "planning.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("indikator"),
    )
    value = models.CharField(
        _("nilai dasar"), max_length=30, choices=CORE_VALUE_CHOICES, blank=True
    )
    text = models.TextField(_("umpan balik"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("pemberi umpan balik"),
    )

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["plan", "subperiod", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator__isnull=False) & Q(value=""))
                | (Q(indicator__isnull=True) & ~Q(value="")),
                name="feedback_indicator_xor_value",
                violation_error_message=_(
                    "Umpan balik diberikan untuk satu indikator atau satu nilai BerAKHLAK."
                ),
            )
        ]
        indexes = [models.Index(fields=["plan", "subperiod"], name="feedback_plan_sub")]

    def __str__(self) -> str:
        return self.text[:80]


class DialogueStatus(models.TextChoices):
    ACHIEVED = "tercapai", _("Tercapai")
    NOT_ACHIEVED = "tidak_tercapai", _("Tidak Tercapai")


class Dialogue(TenantModel, VersionedModel):
    """A performance dialogue (dialog kinerja): status, explanation, cause, follow-up."""

    plan = models.ForeignKey(
        "planning.PerformancePlan",
        on_delete=models.CASCADE,
        related_name="dialogues",
        verbose_name=_("SKP"),
    )
    subperiod = models.PositiveSmallIntegerField(_("periode ke"))
    held_on = models.DateField(_("tanggal dialog"))
    status = models.CharField(_("status"), max_length=16, choices=DialogueStatus.choices)
    explanation = models.TextField(_("penjelasan"))
    cause = models.TextField(_("penyebab"), blank=True)
    follow_up = models.TextField(_("rencana tindak lanjut"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["plan", "-held_on", "-id"]
        indexes = [models.Index(fields=["plan", "subperiod"], name="dialogue_plan_sub")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.held_on}"


# --- Evaluation ----------------------------------------------------------------------------


class EvaluationKind(models.TextChoices):
    PERIODIC = "periodik", _("Periodik")
    ANNUAL = "tahunan", _("Tahunan")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    RATED = "rated", _("Dinilai")
    FINAL = "final", _("Final")


class Evaluation(TenantModel, VersionedModel):
    """A periodic or annual evaluation of one employee in a period (Dokumen Evaluasi Kinerja).

    `plan` is the SKP segment rated (for the annual evaluation: the last segment; the others are
    found through employee + period). `subperiod` is 0 for the annual evaluation. The predicate
    follows from the two ratings by the matrix (appraisal/predicate.py) and is stored for lists.
    """

    period = models.ForeignKey(
        "planning.Period",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("periode"),
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("pegawai"),
    )
    plan = models.ForeignKey(
        "planning.PerformancePlan",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("SKP"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("unit kerja"),
    )
    rater = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rated_evaluations",
        verbose_name=_("pejabat penilai"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=EvaluationKind.choices)
    subperiod = models.PositiveSmallIntegerField(_("periode ke"), default=0)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.DRAFT,
    )
    results_rating = models.CharField(
        _("rating hasil kerja"), max_length=24, choices=RATING_CHOICES, blank=True
    )
    behaviour_rating = models.CharField(
        _("rating perilaku kerja"), max_length=24, choices=RATING_CHOICES, blank=True
    )
    predicate = models.CharField(
        _("predikat kinerja"), max_length=20, choices=PREDICATE_CHOICES, blank=True
    )
    suggested_results_rating = models.CharField(
        _("saran rating hasil kerja"), max_length=24, choices=RATING_CHOICES, blank=True
    )
    suggestion_reasons = models.JSONField(_("alasan saran"), default=list, blank=True)
    results_note = models.TextField(_("catatan hasil kerja"), blank=True)
    behaviour_note = models.TextField(_("catatan perilaku kerja"), blank=True)
    snapshot = models.JSONField(_("data pegawai dan penilai saat itu"), default=dict, blank=True)
    rated_at = models.DateTimeField(_("dinilai"), null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dinilai oleh"),
    )
    finalised_at = models.DateTimeField(_("ditetapkan"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["-period__start_date", "kind", "subperiod", "employee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "period", "kind", "subperiod"],
                name="one_evaluation_per_employee_period",
                violation_error_message=_("Evaluasi pegawai ini untuk periode tersebut sudah ada."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="tahunan") & Q(subperiod=0))
                | (Q(kind="periodik") & Q(subperiod__gte=1)),
                name="evaluation_subperiod_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status="final") | ~Q(predicate=""),
                name="final_evaluation_has_predicate",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "period", "kind", "subperiod", "status"],
                name="evaluation_listing",
            ),
            models.Index(fields=["unit", "period", "kind", "subperiod"], name="evaluation_unit"),
            models.Index(fields=["rater", "status"], name="evaluation_rater_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.employee} · {self.period}"

    @property
    def is_final(self) -> bool:
        return self.status == EvaluationStatus.FINAL


class UnitAssessment(TenantModel, VersionedModel):
    """The organisation predicate that the head above sets for a unit in an evaluation
    (periodic sub-period or annual), and the head's confirmation of a distribution breach
    (SE MenPANRB 3/2023, steps 1–2). Finalising it finalises the unit's evaluations
    (Penetapan Predikat)."""

    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("unit kerja"),
    )
    period = models.ForeignKey(
        "planning.Period",
        on_delete=models.PROTECT,
        related_name="unit_assessments",
        verbose_name=_("periode"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=EvaluationKind.choices)
    subperiod = models.PositiveSmallIntegerField(_("periode ke"), default=0)
    organisation_predicate = models.CharField(
        _("predikat kinerja organisasi"), max_length=20, choices=ORGANISATION_PREDICATE_CHOICES
    )
    basis = models.TextField(_("dasar penetapan"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )
    breach_reason = models.TextField(_("alasan penyimpangan pola distribusi"), blank=True)
    breach_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penyimpangan dikonfirmasi oleh"),
    )
    breach_confirmed_at = models.DateTimeField(
        _("penyimpangan dikonfirmasi"), null=True, blank=True
    )
    finalised_at = models.DateTimeField(_("ditetapkan final"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("difinalkan oleh"),
    )

    class Meta:
        verbose_name = _("predikat kinerja organisasi")
        verbose_name_plural = _("predikat kinerja organisasi")
        ordering = ["-period__start_date", "kind", "subperiod", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "kind", "subperiod"],
                name="one_assessment_per_unit_evaluation",
                violation_error_message=_(
                    "Predikat organisasi unit ini untuk periode tersebut sudah ditetapkan."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(kind="tahunan") & Q(subperiod=0))
                | (Q(kind="periodik") & Q(subperiod__gte=1)),
                name="assessment_subperiod_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.organisation_predicate}"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class CalibrationAdjustment(TenantModel):
    """A rating changed in the head's calibration session, with the reason (kept forever)."""

    assessment = models.ForeignKey(
        UnitAssessment,
        on_delete=models.CASCADE,
        related_name="adjustments",
        verbose_name=_("sesi kalibrasi"),
    )
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.CASCADE,
        related_name="adjustments",
        verbose_name=_("evaluasi"),
    )
    field = models.CharField(_("yang diubah"), max_length=20)
    old_value = models.CharField(_("semula"), max_length=24, blank=True)
    new_value = models.CharField(_("menjadi"), max_length=24)
    reason = models.TextField(_("alasan"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("penyesuaian kalibrasi")
        verbose_name_plural = _("penyesuaian kalibrasi")
        ordering = ["assessment", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value} → {self.new_value}"


class ObjectionStatus(models.TextChoices):
    PENDING = "diajukan", _("Diajukan")
    ACCEPTED = "diterima", _("Diterima")
    PARTLY_ACCEPTED = "diterima_sebagian", _("Diterima sebagian")
    REJECTED = "ditolak", _("Ditolak")
    WITHDRAWN = "dicabut", _("Dicabut")


class Objection(TenantModel, VersionedModel):
    """An objection (keberatan) to a final evaluation, decided by the rater's superior.

    Deadlines: `Period.objection_days` after finalisation to file, `Period.decision_days` after
    filing to decide (a training module says 14 and 7 days; confidence L, so configurable)."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="objections", verbose_name=_("evaluasi")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diajukan oleh"),
    )
    reason = models.TextField(_("alasan keberatan"))
    requested_results_rating = models.CharField(
        _("rating hasil kerja yang diminta"), max_length=24, choices=RATING_CHOICES, blank=True
    )
    requested_behaviour_rating = models.CharField(
        _("rating perilaku kerja yang diminta"), max_length=24, choices=RATING_CHOICES, blank=True
    )
    decide_by = models.DateField(_("batas keputusan"))
    decider = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objections_to_decide",
        verbose_name=_("atasan pejabat penilai"),
    )
    status = models.CharField(
        _("status"), max_length=18, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    decision = models.TextField(_("keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    old_predicate = models.CharField(_("predikat semula"), max_length=20, blank=True)
    new_predicate = models.CharField(_("predikat setelah keberatan"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation"],
                condition=Q(status="diajukan"),
                name="one_pending_objection_per_evaluation",
                violation_error_message=_("Keberatan atas evaluasi ini masih diproses."),
            )
        ]
        indexes = [models.Index(fields=["decider", "status"], name="objection_decider_status")]

    def __str__(self) -> str:
        return f"Keberatan {self.evaluation}"
