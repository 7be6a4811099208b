"""The competency dictionary, what each position requires, and what each employee has.

Competencies are managerial, socio-cultural or technical (PermenPANRB 38/2017 on ASN
competency standards), each with five levels (1–5) described in words. A position requires
a level per competency; an employee's current level comes from an assessment (imported) or
from their supervisor. The gap is required − current (only positive gaps are shortfalls).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantModel
from kinerja.org.models import ImportStatus

LEVEL_MIN, LEVEL_MAX = 1, 5
LEVEL_VALIDATORS = [MinValueValidator(LEVEL_MIN), MaxValueValidator(LEVEL_MAX)]


class CompetencyKind(models.TextChoices):
    MANAGERIAL = "manajerial", _("Manajerial")
    SOCIOCULTURAL = "sosial_kultural", _("Sosial kultural")
    TECHNICAL = "teknis", _("Teknis")


class Competency(TenantModel, VersionedModel):
    """One entry of an agency's competency dictionary, with a description of each level."""

    kind = models.CharField(_("jenis kompetensi"), max_length=20, choices=CompetencyKind.choices)
    code = models.CharField(_("kode"), max_length=30)
    name = models.CharField(_("nama kompetensi"), max_length=150)
    description = models.TextField(_("definisi"), blank=True)
    level_descriptions = models.JSONField(
        _("uraian level 1–5"),
        default=list,
        blank=True,
        help_text=_("Lima uraian, dari level 1 sampai level 5."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kamus kompetensi")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="competency_code_unique"),
        ]
        indexes = [
            models.Index(fields=["agency", "is_active", "kind", "name"], name="competency_list_idx")
        ]

    def __str__(self) -> str:
        return self.name


class PositionRequirement(TenantModel):
    """The level of a competency that a position requires (standar kompetensi jabatan)."""

    position = models.ForeignKey(
        "org.Position",
        on_delete=models.CASCADE,
        related_name="competency_requirements",
        verbose_name=_("jabatan"),
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("kompetensi"),
    )
    level = models.PositiveSmallIntegerField(
        _("level yang dipersyaratkan"), validators=LEVEL_VALIDATORS
    )

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="position_requirement_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX),
                name="position_requirement_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position_id}: {self.competency_id} ≥ {self.level}"


class LevelSource(models.TextChoices):
    ASSESSMENT = "asesmen", _("Hasil asesmen")
    SUPERVISOR = "atasan", _("Penilaian atasan")


class EmployeeCompetency(TenantModel, VersionedModel):
    """An employee's current level in one competency; earlier values live in the audit trail."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="competencies",
        verbose_name=_("pegawai"),
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.CASCADE,
        related_name="employee_levels",
        verbose_name=_("kompetensi"),
    )
    level = models.PositiveSmallIntegerField(_("level saat ini"), validators=LEVEL_VALIDATORS)
    source = models.CharField(_("sumber"), max_length=10, choices=LevelSource.choices)
    assessed_on = models.DateField(_("tanggal penilaian"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dinilai oleh"),
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kompetensi pegawai")
        verbose_name_plural = _("kompetensi pegawai")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency"], name="employee_competency_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX),
                name="employee_competency_level_range",
            ),
        ]
        indexes = [models.Index(fields=["competency", "level"], name="employee_comp_level_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.competency_id} = {self.level}"


class AssessmentImport(TenantModel):
    """An uploaded sheet of assessment results: checked row by row (the preview), then
    written all-or-nothing. `rows` holds the checked rows until they are written."""

    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    rows = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    created_rows = models.PositiveIntegerField(_("level baru"), default=0)
    updated_rows = models.PositiveIntegerField(_("level diperbarui"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor hasil asesmen")
        verbose_name_plural = _("impor hasil asesmen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
