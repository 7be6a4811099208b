"""Spreadsheet import of units, positions and employees (XLSX or CSV, Indonesian headers).

The flow: `preview_upload` reads the file (`reading`), checks every row against the file and
the agency (`units`, `positions`, `employees`, with `cells` parsing single values) and records
an `ImportJob`; `request_commit` queues `commit_job`, which checks again and writes everything
in one transaction with bulk statements (`writing`), or nothing.
"""

from kinerja.org.importing.columns import COLUMNS, Column, required_headers, template_headers
from kinerja.org.importing.jobs import COMMIT_TASK, commit_job, preview_upload, request_commit
from kinerja.org.importing.reading import ImportFileError, human_size

__all__ = [
    "COLUMNS",
    "COMMIT_TASK",
    "Column",
    "ImportFileError",
    "commit_job",
    "human_size",
    "preview_upload",
    "request_commit",
    "required_headers",
    "template_headers",
]
