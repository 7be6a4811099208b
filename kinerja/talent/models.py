"""Talent management tables: potential assessments and each employee's 9-box placement.

The 9-box (PermenPANRB 3/2020 on ASN talent management): performance (below / as / above
expectation, from the last predicates) × potential (low / middle / high, from assessment
scores), with cut-offs set per agency. See `boxes.py` for the mapping and the actions.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantModel
from kinerja.talent.basis import basis_lines
from kinerja.talent.boxes import BOX_ACTIONS, BOX_NAMES, Cutoffs


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

    @property
    def recommended_actions(self) -> tuple[str, ...]:
        """The box's recommended actions (PermenPANRB 3/2020, `boxes.BOX_ACTIONS`)."""
        return BOX_ACTIONS[self.box]

    @property
    def box_name(self) -> str:
        return BOX_NAMES[self.box]

    @property
    def basis_lines(self) -> list[str]:
        """The evidence trail as sentences (`basis.basis_lines`)."""
        return basis_lines(self.basis)


class TalentSettings(TenantModel, VersionedModel):
    """An agency's cut-offs of the 9-box (PermenPANRB 3/2020 leaves them to the agency).

    The meaning of each field is in `boxes.py`; `use_periodic_fallback` lets a year without a
    final annual evaluation count with the mean of that year's final periodic predicates.
    """

    years = models.PositiveSmallIntegerField(
        _("jumlah tahun predikat"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Predikat tahun-tahun terakhir yang dirata-ratakan untuk sumbu kinerja."),
    )
    performance_as_from = models.DecimalField(
        _("kinerja sesuai ekspektasi mulai"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("4.00"),
        help_text=_("Rata-rata poin predikat (Sangat Baik 5 … Sangat Kurang 1)."),
    )
    performance_above_from = models.DecimalField(
        _("kinerja di atas ekspektasi mulai"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("4.50"),
    )
    potential_middle_from = models.DecimalField(
        _("potensial menengah mulai"), max_digits=5, decimal_places=2, default=Decimal("60.00")
    )
    potential_high_from = models.DecimalField(
        _("potensial tinggi mulai"), max_digits=5, decimal_places=2, default=Decimal("80.00")
    )
    use_periodic_fallback = models.BooleanField(
        _("pakai evaluasi periodik bila belum ada evaluasi tahunan"),
        default=True,
        help_text=_(
            "Tahun tanpa evaluasi tahunan final dihitung dari rata-rata predikat evaluasi "
            "periodik final tahun itu."
        ),
    )
    last_computed_at = models.DateTimeField(_("terakhir dihitung"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )

    class Meta:
        verbose_name = _("pengaturan 9-box")
        verbose_name_plural = _("pengaturan 9-box")
        constraints = [
            models.UniqueConstraint(fields=["agency"], name="talent_settings_one_per_agency"),
            models.CheckConstraint(
                condition=Q(performance_as_from__lt=models.F("performance_above_from")),
                name="talent_performance_cutoffs_ordered",
            ),
            models.CheckConstraint(
                condition=Q(potential_middle_from__lt=models.F("potential_high_from")),
                name="talent_potential_cutoffs_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Pengaturan 9-box {self.agency_id}"

    def cutoffs(self) -> Cutoffs:
        return Cutoffs(
            years=self.years,
            performance_as_from=self.performance_as_from,
            performance_above_from=self.performance_above_from,
            potential_middle_from=self.potential_middle_from,
            potential_high_from=self.potential_high_from,
        )


class KeyPosition(TenantModel):
    """A position the agency admin marks as key (jabatan kunci) for succession planning."""

    position = models.OneToOneField(
        "org.Position",
        on_delete=models.CASCADE,
        related_name="key_position",
        verbose_name=_("jabatan"),
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditetapkan oleh"),
    )
    created_at = models.DateTimeField(_("ditetapkan"), auto_now_add=True)

    class Meta:
        verbose_name = _("jabatan kunci")
        verbose_name_plural = _("jabatan kunci")
        ordering = ["position__unit__path", "position__name"]

    def __str__(self) -> str:
        return str(self.position)
