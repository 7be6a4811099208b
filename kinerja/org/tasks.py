"""Background work of the organisation app: Celery tasks that take ids and call importing."""

from __future__ import annotations

from celery import shared_task

from kinerja.org import importing


@shared_task(name=importing.COMMIT_TASK)
def commit_import(job_id: int, actor_id: int | None = None) -> None:
    """Commit a checked spreadsheet import (all rows or none), reporting progress on the job."""
    importing.commit_job(job_id, actor_id=actor_id)
