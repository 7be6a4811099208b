"""Insight tables: the agency performance reports built in the background (issue 7).

Every other insight page computes its figures on request; a report is kept, because it is a
record of what the figures were on the day it was made (the history of an agency's reports).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.core.tenancy import TenantModel
from kinerja.org.models import Unit
from kinerja.planning.models import Period


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Antri")
    RUNNING = "running", _("Diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


# A report in one of these states is still being made: no second one of the same agency, unit
# and period may be asked for meanwhile.
ACTIVE_STATUSES = (ReportStatus.QUEUED, ReportStatus.RUNNING)


def report_file_path(instance: AgencyReport, filename: str) -> str:
    """Under MEDIA_ROOT, which nothing serves publicly: downloads go through a checked view."""
    return f"insight/reports/{instance.agency_id}/{instance.pk}/{filename}"


class AgencyReport(TenantModel):
    """A periodic performance report of an agency or one unit's subtree: PDF and XLSX files
    made by a background task, which records its progress here as it goes."""

    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="+", verbose_name=_("periode")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit kerja"),
        help_text=_("Kosong: seluruh instansi."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    requested_at = models.DateTimeField(_("diminta pada"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    step = models.CharField(_("langkah"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("mulai diproses"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    error = models.TextField(_("keterangan kegagalan"), blank=True)
    pdf = models.FileField(_("berkas PDF"), upload_to=report_file_path, max_length=200, blank=True)
    xlsx = models.FileField(
        _("berkas Excel"), upload_to=report_file_path, max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("laporan kinerja instansi")
        verbose_name_plural = _("laporan kinerja instansi")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "-requested_at"], name="agencyreport_agency_requested")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="agencyreport_progress_percent"
            ),
            models.UniqueConstraint(
                "agency",
                "period",
                Coalesce("unit", Value(0), output_field=models.BigIntegerField()),
                condition=Q(status__in=ACTIVE_STATUSES),
                name="agencyreport_one_in_progress",
                violation_error_message=_(
                    "Laporan untuk cakupan dan periode ini masih diproses. Tunggu sampai selesai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope_name} · {self.period}"

    @property
    def scope_name(self) -> str:
        """The unit's name, or the words for the whole agency."""
        return self.unit.name if self.unit_id and self.unit else str(_("Seluruh instansi"))

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
