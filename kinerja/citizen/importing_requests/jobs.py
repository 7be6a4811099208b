"""Import jobs: preview an export (every row checked), then commit it all-or-nothing.

`preview_request_import` keeps a `RequestImport` holding the rows (when all are valid) or every
error. `request_commit` queues the commit; `commit_request_import` (the Celery task's body, or
inline when Celery is eager) checks the rows again against the data as it is now and inserts
them all in one transaction (COPY on PostgreSQL, bulk_create elsewhere) — or nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, connections, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.celery import app as celery_app
from kinerja.citizen.importing_requests.checking import check_rows
from kinerja.citizen.importing_requests.reading import Table, read_request_file
from kinerja.citizen.models import RequestImport, RequestSource, ServiceRequest
from kinerja.citizen.services.requests import is_within_standard, turnaround_minutes
from kinerja.citizen.sources_hooks import data_changed
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.org.importing.writing import insert
from kinerja.org.models import ImportStatus

logger = logging.getLogger(__name__)

COMMIT_TASK = "kinerja.citizen.commit_request_import"
MAX_STORED_ERRORS = 2000
INSERT_CHUNK = 5000


def _ignored_message(table: Table) -> str:
    if not table.ignored:
        return ""
    return _("Kolom yang tidak dikenali dan diabaikan: %(columns)s.") % {
        "columns": ", ".join(table.ignored)
    }


def preview_request_import(agency: Agency, *, actor: User, upload: UploadedFile) -> RequestImport:
    """Read and check an uploaded export; keep a job that is ready to commit or lists errors.

    Raises `ImportFileError` (nothing kept) for a file that cannot be read at all.
    """
    require(actor, "citizen.import_requests")
    with tenant_scope(agency):
        table = read_request_file(upload, size=upload.size or 0)
        checked = check_rows(table, actor=actor, now=timezone.now())
        message = _ignored_message(table)
        if checked.error_count > MAX_STORED_ERRORS:
            message = " ".join(
                part
                for part in (
                    _("%(shown)s kesalahan pertama ditampilkan dari %(count)s kesalahan.")
                    % {"shown": MAX_STORED_ERRORS, "count": checked.error_count},
                    message,
                )
                if part
            )
        return RequestImport.objects.create(
            agency=agency,
            file_name=(upload.name or "")[:255],
            created_by=actor,
            status=ImportStatus.INVALID if checked.errors else ImportStatus.READY,
            rows={} if checked.errors else table.to_json(),
            errors=[error.to_json() for error in checked.errors[:MAX_STORED_ERRORS]],
            total_rows=len(table.rows),
            message=message,
        )


def request_commit(job: RequestImport, *, actor: User) -> None:
    """Queue the commit of a checked job; it runs once this transaction has committed."""
    require(actor, "citizen.import_requests")
    claimed = RequestImport.objects.filter(
        pk=job.pk, status__in=[ImportStatus.READY, ImportStatus.FAILED]
    ).update(
        status=ImportStatus.RUNNING,
        finished_at=None,
        message=_("Menunggu giliran diproses…"),
    )
    if not claimed:
        raise ValidationError(
            _(
                "Impor ini tidak dapat diterapkan: sudah diterapkan, sedang berjalan, atau "
                "masih ada kesalahan."
            )
        )
    transaction.on_commit(partial(_start_commit, job.pk, actor.pk))


def _start_commit(job_id: int, actor_id: int) -> None:
    # By name: the task module sits above this one.
    if celery_app.conf.task_always_eager:
        commit_request_import(job_id, actor_id=actor_id)
    else:
        celery_app.send_task(COMMIT_TASK, args=[job_id, actor_id])


def commit_request_import(job_id: int, *, actor_id: int | None) -> None:
    """Check a queued job's rows again and write them all, or nothing (the task's body)."""
    with all_agencies_scope():
        agency_id = (
            RequestImport.objects.filter(pk=job_id).values_list("agency_id", flat=True).first()
        )
    if agency_id is None:
        return
    with tenant_scope(agency_id):
        job = RequestImport.objects.get(pk=job_id)
        if job.status == ImportStatus.RUNNING:
            _commit(job, actor=User.objects.filter(pk=actor_id).first())


def _finish(job: RequestImport, status: str, message: str, **fields: Any) -> None:
    RequestImport.objects.filter(pk=job.pk).update(
        status=status, message=message, finished_at=timezone.now(), **fields
    )


def _commit(job: RequestImport, *, actor: User | None) -> None:
    now = timezone.now()
    checked = check_rows(Table.from_json(job.rows), actor=actor, now=now)
    if checked.errors:
        _finish(
            job,
            ImportStatus.INVALID,
            _(
                "Data berubah sejak pratinjau sehingga ada baris yang kini bermasalah. Tidak "
                "ada data yang disimpan; perbaiki berkas lalu unggah ulang."
            ),
            errors=[error.to_json() for error in checked.errors[:MAX_STORED_ERRORS]],
            rows={},
        )
        return
    try:
        with transaction.atomic():
            created = _write(checked.rows, job=job, actor=actor, now=now)
            _feed_indicators(job.agency_id, checked.rows)
            audit.record(
                job,
                "citizen.request.imported",
                actor=actor,
                agency_id=job.agency_id,
                changes={"created_rows": (None, created)},
                note=_("Impor %(file)s") % {"file": job.file_name},
            )
            _finish(
                job,
                ImportStatus.DONE,
                _("Impor selesai: %(count)s permohonan dicatat.") % {"count": created},
                created_rows=created,
                rows={},
            )
    except DatabaseError:
        logger.exception("Request import %s failed while writing", job.pk)
        _finish(
            job,
            ImportStatus.FAILED,
            _(
                "Impor gagal saat menyimpan (data berubah ketika impor berjalan). Tidak ada "
                "data yang disimpan; terapkan lagi, atau unggah ulang berkasnya."
            ),
        )
    except Exception:
        _finish(
            job,
            ImportStatus.FAILED,
            _("Impor gagal karena kesalahan sistem. Tidak ada data yang disimpan."),
        )
        raise


def _write(
    rows: list[dict[str, Any]], *, job: RequestImport, actor: User | None, now: dt.datetime
) -> int:
    """Insert every request at once (COPY on PostgreSQL, one prepared statement elsewhere)."""
    prepared = []
    for row in rows:
        completed = row["completed_at"]
        minutes = turnaround_minutes(row["received_at"], completed) if completed else None
        prepared.append(
            {
                "agency_id": job.agency_id,
                "service_id": row["service_id"],
                "unit_id": row["unit_id"],
                "handled_by_id": row["handled_by_id"],
                "ticket_code": row["ticket_code"],
                "received_at": row["received_at"],
                "completed_at": completed,
                "turnaround_minutes": minutes,
                "within_standard": (
                    is_within_standard(minutes, row["standard_minutes"])
                    if minutes is not None
                    else None
                ),
                "source": RequestSource.IMPORT,
                "note": row["note"],
                "recorded_by_id": actor.pk if actor else None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    connection = connections[router.db_for_write(ServiceRequest)]
    if connection.vendor == "postgresql":
        return len(insert(ServiceRequest, prepared, now=now))
    return _insert_many(connection, prepared)


def _insert_many(connection: Any, rows: list[dict[str, Any]]) -> int:
    """One INSERT run over all rows (executemany). `bulk_create` prepares every value of
    every row through the field (1.5 million calls for 100,000 requests); here only the
    date-times need adapting."""
    fields = [f for f in ServiceRequest._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    moments = {f.attname for f in fields if isinstance(f, models.DateTimeField)}
    adapt = connection.ops.adapt_datetimefield_value
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(ServiceRequest._meta.db_table)} "  # noqa: S608 (names, not data)
        f"({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            cursor.executemany(
                sql,
                [
                    [adapt(row[name]) if name in moments else row[name] for name in names]
                    for row in rows[start : start + INSERT_CHUNK]
                ],
            )
    return len(rows)


def _feed_indicators(agency_id: int, rows: list[dict[str, Any]]) -> None:
    """Indicators fed by the imported services, their units and the handlers recompute every
    started sub-period once the import has committed (an export spans many days)."""
    done = [row for row in rows if row["completed_at"] is not None]
    for service_id, unit_id in sorted({(row["service_id"], row["unit_id"]) for row in done}):
        data_changed(agency_id, service_id=service_id, unit_id=unit_id)
    for employee_id in sorted({row["handled_by_id"] for row in done} - {None}):
        data_changed(agency_id, employee_id=employee_id)
