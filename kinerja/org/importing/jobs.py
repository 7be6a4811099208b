"""Import jobs: preview an upload (every row checked), then commit it all-or-nothing.

`preview_upload` reads and checks the sheet and records an `ImportJob` holding the rows (when
all are valid) or every error. `request_commit` queues the commit; `commit_job` (run by the
Celery task, or inline when Celery is eager) checks the rows again against the agency as it is
now, and writes them in one transaction, reporting progress as it goes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.celery import app as celery_app
from kinerja.core import audit
from kinerja.core.models import Agency, User
from kinerja.core.permissions import require
from kinerja.core.tenancy import all_agencies_scope, tenant_scope
from kinerja.org.importing import employees, employees_writing, positions, units
from kinerja.org.importing.checking import Checked
from kinerja.org.importing.reading import Table, read_upload
from kinerja.org.importing.writing import WriteContext, WriteCounts
from kinerja.org.models import ImportJob, ImportKind, ImportStatus

logger = logging.getLogger(__name__)

COMMIT_TASK = "kinerja.org.tasks.commit_import"
BATCH_SIZE = 1000


class Importer(NamedTuple):
    """The three steps of one kind of import."""

    load: Callable[[int, Table], Any]
    check: Callable[..., Checked[Any]]
    write: Callable[[Any, WriteContext], WriteCounts]


IMPORTERS: dict[str, Importer] = {
    ImportKind.UNITS: Importer(units.UnitSnapshot.load, units.check, units.write),
    ImportKind.POSITIONS: Importer(
        positions.PositionSnapshot.load, positions.check, positions.write
    ),
    ImportKind.EMPLOYEES: Importer(
        employees.EmployeeSnapshot.load, employees.check, employees_writing.write
    ),
}


def _check(kind: str, table: Table, agency_id: int) -> Checked[Any]:
    importer = IMPORTERS[kind]
    return importer.check(table, importer.load(agency_id, table), today=timezone.localdate())


def preview_upload(agency: Agency, *, actor: User, kind: str, upload: UploadedFile) -> ImportJob:
    """Read and check an uploaded sheet; record a job that is ready to commit or lists errors.

    Raises `ImportFileError` (nothing recorded) for a file that cannot be read at all.
    """
    require(actor, "org.manage", ImportJob(agency=agency))
    with tenant_scope(agency):
        table = read_upload(upload, kind=kind, size=upload.size or 0)
        checked = _check(kind, table, agency.pk)
        ignored = (
            (
                _("Kolom yang tidak dikenali dan diabaikan: %(columns)s.")
                % {"columns": ", ".join(table.ignored)}
            )
            if table.ignored
            else ""
        )
        return ImportJob.objects.create(
            agency=agency,
            kind=kind,
            file_name=(upload.name or "")[:255],
            created_by=actor,
            status=ImportStatus.INVALID if checked.errors else ImportStatus.READY,
            rows={} if checked.errors else table.to_json(),
            errors=[error.to_json() for error in checked.errors],
            total_rows=len(table.rows),
            created_rows=checked.to_create,
            updated_rows=checked.to_update,
            message=ignored,
        )


def request_commit(job: ImportJob, *, actor: User) -> None:
    """Queue the commit of a checked job; it runs once this transaction has committed."""
    require(actor, "org.manage", job)
    claimed = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.READY, ImportStatus.FAILED]
    ).update(
        status=ImportStatus.RUNNING,
        processed_rows=0,
        finished_at=None,
        message=_("Menunggu giliran diproses…"),
    )
    if not claimed:
        raise ValidationError(
            _(
                "Impor ini tidak dapat diterapkan: sudah diterapkan, sedang "
                "berjalan, atau masih ada kesalahan."
            )
        )
    transaction.on_commit(partial(_start_commit, job.pk, actor.pk))


def _start_commit(job_id: int, actor_id: int) -> None:
    # By name: the task module sits above this one (import-linter layers).
    if celery_app.conf.task_always_eager:
        commit_job(job_id, actor_id=actor_id)
    else:
        celery_app.send_task(COMMIT_TASK, args=[job_id, actor_id])


def commit_job(job_id: int, *, actor_id: int | None) -> None:
    """Check a queued job's rows again and write them all, or nothing (the Celery task's body)."""
    # A task knows only the job id: look up its agency, then work inside that agency's scope.
    with all_agencies_scope():
        agency_id = ImportJob.objects.filter(pk=job_id).values_list("agency_id", flat=True).first()
    if agency_id is None:
        return
    with tenant_scope(agency_id):
        job = ImportJob.objects.get(pk=job_id)
        if job.status == ImportStatus.RUNNING:
            _commit(job, actor=User.objects.filter(pk=actor_id).first())


def _finish(job: ImportJob, status: str, message: str, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, message=message, finished_at=timezone.now(), **fields
    )


def _commit(job: ImportJob, *, actor: User | None) -> None:
    progress = Progress(job.pk)
    progress.phase(_("Memeriksa ulang data terhadap isi instansi saat ini…"))
    table = Table.from_json(job.rows)
    checked = _check(job.kind, table, job.agency_id)
    if checked.errors:
        _finish(
            job,
            ImportStatus.INVALID,
            _(
                "Data instansi berubah sejak pratinjau sehingga ada baris yang kini bermasalah. "
                "Tidak ada data yang disimpan; perbaiki berkas lalu unggah ulang."
            ),
            errors=[error.to_json() for error in checked.errors],
            processed_rows=0,
            rows={},
            created_rows=checked.to_create,
            updated_rows=checked.to_update,
        )
        return
    progress.phase(_("Menyimpan data…"))
    context = WriteContext(
        agency_id=job.agency_id,
        actor_id=actor.pk if actor else None,
        note=_("Impor %(file)s") % {"file": job.file_name},
        now=timezone.now(),
        today=timezone.localdate(),
        batch_size=BATCH_SIZE,
        on_progress=progress.advance,
    )
    try:
        with transaction.atomic():
            counts = IMPORTERS[job.kind].write(checked.plan, context)
            audit.record(
                job,
                "org.import.committed",
                actor=actor,
                agency_id=job.agency_id,
                changes={
                    "created_rows": (None, counts.created),
                    "updated_rows": (None, counts.updated),
                },
                note=context.note,
            )
            _finish(
                job,
                ImportStatus.DONE,
                _("Impor selesai: %(created)s baru, %(updated)s diperbarui.")
                % {"created": counts.created, "updated": counts.updated},
                processed_rows=job.total_rows,
                created_rows=counts.created,
                updated_rows=counts.updated,
                rows={},
            )
    except DatabaseError:
        logger.exception("Import job %s failed while writing", job.pk)
        _finish(
            job,
            ImportStatus.FAILED,
            _(
                "Impor gagal saat menyimpan (data instansi berubah ketika impor berjalan). Tidak "
                "ada data yang disimpan; terapkan lagi, atau unggah ulang berkasnya."
            ),
            processed_rows=0,
        )
    except Exception:
        _finish(
            job,
            ImportStatus.FAILED,
            _("Impor gagal karena kesalahan sistem. Tidak ada data yang disimpan."),
            processed_rows=0,
        )
        raise
    finally:
        progress.close()


class Progress:
    """How many rows a running job has written, kept where the status page can read it.

    Outside a transaction the job row is simply updated. Inside the commit's transaction such
    an update would stay invisible until the end, so on databases that allow it (not SQLite,
    which locks the whole file) a second connection writes the count, committing at once.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.rows = 0
        self.may_use_second_connection = (
            connection.vendor != "sqlite" and not connection.in_atomic_block
        )
        self._second: BaseDatabaseWrapper | None = None

    def phase(self, message: str) -> None:
        self.rows = 0
        ImportJob.objects.filter(pk=self.job_id).update(processed_rows=0, message=message)

    def advance(self, rows: int) -> None:
        self.rows += rows
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=self.job_id).update(processed_rows=self.rows)
        elif self.may_use_second_connection:
            if self._second is None:
                self._second = connections.create_connection(DEFAULT_DB_ALIAS)
            table = self._second.ops.quote_name(ImportJob._meta.db_table)
            with self._second.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET processed_rows = %s WHERE id = %s",  # noqa: S608
                    [self.rows, self.job_id],
                )

    def close(self) -> None:
        if self._second is not None:
            self._second.close()
            self._second = None
