"""Talent management tables: potential assessments and each employee's 9-box placement.

The 9-box (PermenPANRB 3/2020 on ASN talent management): performance (below / as / above
expectation, from the last predicates) × potential (low / middle / high, from assessment
scores), with cut-offs set per agency. See `boxes.py` for the mapping and the actions.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.tenancy import TenantModel


class PerformanceLevel(models.TextChoices):
    BELOW = "below", _("Di bawah ekspektasi")
    AS_EXPECTED = "as", _("Sesuai ekspektasi")
    ABOVE = "above", _("Di atas ekspektasi")


class PotentialLevel(models.TextChoices):
    LOW = "low", _("Rendah")
    MIDDLE = "middle", _("Menengah")
    HIGH = "high", _("Tinggi")


class PotentialAssessment(TenantModel):
    """A potential score (0–100) from an assessment centre or competency test."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="potential_assessments",
        verbose_name=_("pegawai"),
    )
    score = models.DecimalField(
        _("skor potensial"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    assessed_on = models.DateField(_("tanggal asesmen"))
    assessor = models.CharField(_("penyelenggara asesmen"), max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    recorded_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("asesmen potensial")
        verbose_name_plural = _("asesmen potensial")
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="potential_score_range"
            ),
        ]
        indexes = [models.Index(fields=["employee", "-assessed_on"], name="potential_latest_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.score} ({self.assessed_on})"


class TalentPlacement(TenantModel):
    """An employee's box (1–9) as last computed, with the inputs that put them there."""

    employee = models.OneToOneField(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="talent_placement",
        verbose_name=_("pegawai"),
    )
    box = models.PositiveSmallIntegerField(
        _("kotak"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    performance = models.CharField(_("kinerja"), max_length=6, choices=PerformanceLevel.choices)
    potential = models.CharField(_("potensial"), max_length=6, choices=PotentialLevel.choices)
    performance_score = models.DecimalField(_("skor kinerja"), max_digits=5, decimal_places=2)
    potential_score = models.DecimalField(_("skor potensial"), max_digits=5, decimal_places=2)
    basis = models.JSONField(
        _("dasar penempatan"),
        default=dict,
        blank=True,
        help_text=_("Predikat dan asesmen yang dipakai, untuk jejak bukti."),
    )
    computed_at = models.DateTimeField(_("dihitung"))

    class Meta:
        verbose_name = _("penempatan talenta")
        verbose_name_plural = _("penempatan talenta (9-box)")
        constraints = [
            models.CheckConstraint(condition=Q(box__gte=1, box__lte=9), name="talent_box_range"),
        ]
        indexes = [models.Index(fields=["agency", "box"], name="talent_agency_box_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.box}"
