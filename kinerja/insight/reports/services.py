"""Writes of the agency performance reports: asking for one, making it (the background task's
body), and recording a download.

`request_report` records the request and queues `build_report` once the transaction commits
(inline when Celery has no broker). `build_report` computes the sections one by one, noting
its progress and the current step on the report (the page polls them), writes the PDF and the
workbook, and ends "Selesai", or "Gagal" with a message in Indonesian — never an exception out
of the task, so an eager run never turns the request into a server error.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.celery import app as celery_app
from kinerja.core import audit
from kinerja.core.formatting import indonesian_date
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.insight import dashboard
from kinerja.insight.models import ACTIVE_STATUSES, AgencyReport, ReportStatus
from kinerja.insight.reports.pdf import build_pdf
from kinerja.insight.reports.sections import STEPS, About, Section
from kinerja.insight.reports.workbook import build_workbook
from kinerja.org.models import Unit
from kinerja.planning.models import Period

logger = logging.getLogger(__name__)
T = TypeVar("T")

BUILD_TASK = "kinerja.insight.build_agency_report"
# A report not finished this long after it was asked for (or began) was lost with its worker;
# it no longer blocks a new request for the same agency, unit and period. (Target: < 60 s.)
STALE_AFTER = dt.timedelta(minutes=30)
# The sections, then the PDF, the workbook and saving both.
TOTAL_STEPS = len(STEPS) + 3

ACTIONS = {
    "insight.report.requested": gettext_lazy("Laporan kinerja instansi diminta"),
    "insight.report.downloaded": gettext_lazy("Laporan kinerja instansi diunduh"),
}

BUSY = gettext_lazy(
    "Laporan untuk cakupan dan periode ini masih diproses. Tunggu sampai selesai, lalu unduh "
    "dari riwayat."
)
FAILED_SAVING = gettext_lazy(
    "Berkas laporan tidak dapat disimpan (ruang penyimpanan tidak dapat ditulis atau penuh). "
    "Tidak ada berkas yang tersimpan. Hubungi admin sistem, lalu minta ulang laporan ini."
)
FAILED_READING = gettext_lazy(
    "Data tidak dapat dibaca dari basis data saat laporan dibuat. Tidak ada berkas yang "
    "tersimpan; minta ulang laporan ini beberapa saat lagi."
)
FAILED_OTHER = gettext_lazy(
    "Laporan gagal dibuat karena kesalahan sistem. Tidak ada berkas yang tersimpan; minta ulang "
    "laporan ini, dan hubungi admin sistem bila gagal lagi."
)
LOST = gettext_lazy(
    "Laporan tidak selesai dalam 30 menit (proses latar belakang terhenti). Silakan minta ulang."
)


def register_report_actions() -> None:
    """The audit trail's texts of the report actions (called from InsightConfig.ready)."""
    audit.register_actions(dict(ACTIONS))


# --- Asking for a report -----------------------------------------------------------------------


def _release_stale(period: Period, unit: Unit | None, now: dt.datetime) -> None:
    """Mark as failed a report of the same scope whose worker was lost long ago."""
    limit = now - STALE_AFTER
    AgencyReport.objects.filter(period=period, unit=unit).filter(
        Q(status=ReportStatus.QUEUED, requested_at__lt=limit)
        | Q(status=ReportStatus.RUNNING, started_at__lt=limit)
    ).update(status=ReportStatus.FAILED, error=str(LOST), finished_at=now, step="")


@transaction.atomic
def request_report(period: Period, *, actor: User, unit: Unit | None) -> AgencyReport:
    """Ask for the report of `period` over `unit`'s subtree (None: the whole agency) and queue
    it. Refused while a report of the same agency, unit and period is still being made."""
    report = AgencyReport(agency_id=period.agency_id, period=period, unit=unit, requested_by=actor)
    require(actor, "insight.request_report", report)
    if unit is not None and unit.agency_id != period.agency_id:
        raise ValidationError(_("Unit kerja tidak ditemukan di instansi ini."))
    now = timezone.now()
    _release_stale(period, unit, now)
    if AgencyReport.objects.filter(period=period, unit=unit, status__in=ACTIVE_STATUSES).exists():
        raise ValidationError(str(BUSY))
    report.requested_at = now
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same request an instant earlier, in another transaction
        raise ValidationError(str(BUSY)) from None
    audit.record(
        report,
        "insight.report.requested",
        actor=actor,
        agency_id=period.agency_id,
        note=f"{report.scope_name} · {period.name}",
    )
    transaction.on_commit(partial(_start_build, report.pk))
    return report


def _start_build(report_id: int) -> None:
    # By name: the task module sits above this one.
    if celery_app.conf.task_always_eager:
        build_report(report_id)
    else:
        celery_app.send_task(BUILD_TASK, args=[report_id])


def record_download(report: AgencyReport, *, actor: User, kind: str) -> None:
    """Write the audit entry of a download of the report's PDF or workbook."""
    require(actor, "insight.view_report", report)
    audit.record(
        report,
        "insight.report.downloaded",
        actor=actor,
        agency_id=report.agency_id,
        note=kind,
    )


# --- Making it (the task) ----------------------------------------------------------------------


def _note(report_id: int, done: int, step: str) -> None:
    AgencyReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=min(100, done * 100 // TOTAL_STEPS), step=step
    )


@contextmanager
def _step(report_id: int, done: int, text: str, name: str) -> Iterator[None]:
    """Note the step on the report for the page, and log how long it took (bench reads it)."""
    _note(report_id, done, text)
    started = time.perf_counter()
    yield
    seconds = time.perf_counter() - started
    logger.info(
        "Agency report %s: %s in %.2f s",
        report_id,
        name,
        seconds,
        extra={"report_step": name, "seconds": seconds},
    )


def _timed(report_id: int, done: int, text: str, name: str, work: Callable[[], T]) -> T:
    with _step(report_id, done, text, name):
        return work()


def about(report: AgencyReport, agency: Agency, generated: dt.datetime) -> About:
    period = report.period
    requester = report.requested_by
    return About(
        agency=agency.name,
        scope=report.scope_name,
        period=period.name,
        period_dates=f"{indonesian_date(period.start_date)} – {indonesian_date(period.end_date)}",
        generated=timezone.localtime(generated),
        requested_by=(requester.get_full_name() or requester.username) if requester else "",
    )


def compute_sections(report: AgencyReport, *, today: dt.date) -> list[Section]:
    """Every section of the report, noting progress after each."""
    reach = dashboard.Reach(report.period, today, (report.unit.path,) if report.unit else None)
    sections = []
    for done, step in enumerate(STEPS):
        text = _("Menghitung %(title)s (%(n)s dari %(total)s)") % {
            "title": step.title,
            "n": done + 1,
            "total": len(STEPS),
        }
        sections.append(_timed(report.pk, done, text, step.title, partial(step.build, reach)))
    return sections


def file_stem(report: AgencyReport) -> str:
    scope = slugify(report.unit.name) if report.unit else "seluruh-instansi"
    return f"laporan-kinerja-{report.period.year}-{scope}-{report.pk}"


def _build(report: AgencyReport) -> None:
    agency = Agency.objects.get(pk=report.agency_id)
    sections = compute_sections(report, today=timezone.localdate())
    generated = timezone.now()
    heading = about(report, agency, generated)
    pdf = _timed(
        report.pk,
        len(STEPS),
        _("Menyusun berkas PDF"),
        "PDF",
        partial(build_pdf, heading, sections),
    )
    workbook = _timed(
        report.pk,
        len(STEPS) + 1,
        _("Menyusun berkas Excel"),
        "Excel",
        partial(build_workbook, heading, sections),
    )
    stem = file_stem(report)
    with _step(report.pk, len(STEPS) + 2, _("Menyimpan berkas"), "Menyimpan"):
        report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{stem}.xlsx", ContentFile(workbook), save=False)
    finished = AgencyReport.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
        status=ReportStatus.DONE,
        progress=100,
        step="",
        pdf=report.pdf.name,
        xlsx=report.xlsx.name,
        finished_at=timezone.now(),
    )
    if not finished:  # given up on meanwhile (STALE_AFTER): keep nothing
        _remove_files(report)


def _remove_files(report: AgencyReport) -> None:
    for stored in (report.pdf, report.xlsx):
        if stored.name:
            try:
                stored.storage.delete(stored.name)
            except OSError:
                logger.warning("Could not remove %s of report %s", stored.name, report.pk)


def _fail(report: AgencyReport, message: str) -> None:
    _remove_files(report)
    AgencyReport.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
        status=ReportStatus.FAILED, step="", error=message, finished_at=timezone.now()
    )


def build_report(report_id: int) -> None:
    """Make a queued report: its sections, the PDF and the workbook (the Celery task's body).
    A report already taken by another worker, or no longer queued, is left alone."""
    with all_agencies_scope():
        agency_id = (
            AgencyReport.objects.filter(pk=report_id).values_list("agency_id", flat=True).first()
        )
    if agency_id is None:
        return
    with tenant_scope(agency_id), translation.override(settings.LANGUAGE_CODE):
        claimed = AgencyReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
            status=ReportStatus.RUNNING,
            started_at=timezone.now(),
            progress=0,
            step=_("Memulai"),
        )
        if not claimed:
            return
        report = AgencyReport.objects.select_related("period", "unit", "requested_by").get(
            pk=report_id
        )
        try:
            _build(report)
        except OSError:
            logger.exception("Agency report %s: the files could not be written", report_id)
            _fail(report, str(FAILED_SAVING))
        except DatabaseError:
            logger.exception("Agency report %s: a query failed", report_id)
            _fail(report, str(FAILED_READING))
        except Exception:
            logger.exception("Agency report %s failed", report_id)
            _fail(report, str(FAILED_OTHER))
