"""Career tables: the credit-needed table per agency, the angka kredit ledger, decisions on award
recommendations, and the requirements of a vacant position.

The rules themselves (coefficients, percentages, rounding, merit score) live in `credit.py` and
`merit.py`; these tables keep what the agency records and corrects.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.models import PREDICATE_CHOICES
from kinerja.career.credit import LEVEL_LABELS, Level
from kinerja.core.models import VersionedModel
from kinerja.core.tenancy import TenantModel
from kinerja.org.ranks import PNS_RANKS

LEVEL_CHOICES = [(level.value, LEVEL_LABELS[level]) for level in Level]
PNS_RANK_CHOICES = [(code, f"{code} – {name}") for code, name in PNS_RANKS]


class CreditRequirement(TenantModel, VersionedModel):
    """Credit needed at one functional level in one agency (BKN's table, correctable by the
    agency admin). A level without a row uses `credit.DEFAULT_REQUIREMENTS`."""

    level = models.CharField(_("jenjang"), max_length=20, choices=LEVEL_CHOICES)
    rank_min = models.CharField(_("golongan terendah"), max_length=6, choices=PNS_RANK_CHOICES)
    rank_max = models.CharField(_("golongan tertinggi"), max_length=6, choices=PNS_RANK_CHOICES)
    rank_step_credit = models.DecimalField(
        _("angka kredit kenaikan pangkat"), max_digits=7, decimal_places=2
    )
    next_level_credit = models.DecimalField(
        _("angka kredit kenaikan jenjang"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kosongkan untuk jenjang tertinggi."),
    )

    class Meta:
        verbose_name = _("kebutuhan angka kredit")
        verbose_name_plural = _("kebutuhan angka kredit")
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "level"], name="credit_requirement_level"),
            models.CheckConstraint(
                condition=Q(rank_step_credit__gt=0), name="credit_requirement_step_positive"
            ),
            models.CheckConstraint(
                condition=Q(next_level_credit__isnull=True) | Q(next_level_credit__gt=0),
                name="credit_requirement_next_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(LEVEL_LABELS[Level(self.level)])


class EntryKind(models.TextChoices):
    OPENING = "awal", _("Saldo awal / integrasi")
    ANNUAL = "tahunan", _("Predikat tahunan")
    PERIODIC = "periodik", _("Predikat periodik")


class CreditEntry(TenantModel):
    """One line of an employee's angka kredit ledger (stored rounded to 2 decimals, see
    `credit.py`). Entries from an evaluation carry it (one entry per evaluation); an opening
    balance carries only its amount and note. A periodic entry is superseded when the final
    annual evaluation of the same period is posted, so a year is never counted twice."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="credit_entries",
        verbose_name=_("pegawai"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=EntryKind.choices)
    evaluation = models.OneToOneField(
        "appraisal.Evaluation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_entry",
        verbose_name=_("evaluasi"),
    )
    period = models.ForeignKey(
        "planning.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("periode"),
    )
    label = models.CharField(_("uraian"), max_length=200)
    effective_date = models.DateField(_("tanggal berlaku"))
    months = models.PositiveSmallIntegerField(_("jumlah bulan"), null=True, blank=True)
    predicate = models.CharField(
        _("predikat"), max_length=20, choices=PREDICATE_CHOICES, blank=True
    )
    percent = models.DecimalField(
        _("persentase"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    level = models.CharField(_("jenjang"), max_length=20, choices=LEVEL_CHOICES)
    coefficient = models.DecimalField(
        _("koefisien"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField(_("angka kredit"), max_digits=8, decimal_places=2)
    note = models.CharField(_("keterangan"), max_length=255, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("digantikan oleh"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("entri angka kredit")
        verbose_name_plural = _("buku angka kredit")
        ordering = ["employee", "effective_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="awal") | Q(evaluation__isnull=False),
                name="credit_entry_has_evaluation",
            ),
            models.CheckConstraint(
                condition=Q(months__isnull=True) | Q(months__gte=1, months__lte=12),
                name="credit_entry_months_range",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="credit_entry_not_negative"),
        ]
        indexes = [
            models.Index(fields=["agency", "employee", "effective_date"], name="credit_ledger"),
            models.Index(fields=["period", "kind"], name="credit_entry_period"),
        ]

    def __str__(self) -> str:
        return f"{self.label} · {self.amount}"


class AwardDecision(TenantModel, VersionedModel):
    """The agency admin's decision on one award recommendation. `basis_key` names the evidence
    decided on (the evaluation, or the talent placement), so a new recommendation on new
    evidence is decided afresh."""

    class Outcome(models.TextChoices):
        AWARDED = "diberikan", _("Diberi penghargaan")
        NOT_AWARDED = "tidak", _("Tidak diberikan")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.CASCADE,
        related_name="award_decisions",
        verbose_name=_("pegawai"),
    )
    basis_key = models.CharField(_("dasar"), max_length=60)
    outcome = models.CharField(_("keputusan"), max_length=10, choices=Outcome.choices)
    award = models.CharField(_("bentuk penghargaan"), max_length=150, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )

    class Meta:
        verbose_name = _("keputusan penghargaan")
        verbose_name_plural = _("keputusan penghargaan")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "basis_key"], name="one_award_decision_per_basis"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.get_outcome_display()}"


class VacancyRequirement(TenantModel, VersionedModel):
    """What a position requires of candidates beyond its competency standard: the minimum
    golongan and, for a functional position, the angka kredit. Without a row the requirement is
    derived from the position (see `selectors.vacancies.derived_requirement`)."""

    position = models.OneToOneField(
        "org.Position",
        on_delete=models.CASCADE,
        related_name="vacancy_requirement",
        verbose_name=_("jabatan"),
    )
    min_rank = models.CharField(
        _("golongan minimal"), max_length=6, choices=PNS_RANK_CHOICES, blank=True
    )
    min_credit = models.DecimalField(
        _("angka kredit minimal"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("catatan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("persyaratan jabatan lowong")
        verbose_name_plural = _("persyaratan jabatan lowong")

    def __str__(self) -> str:
        return f"{self.position_id}: {self.min_rank}"
