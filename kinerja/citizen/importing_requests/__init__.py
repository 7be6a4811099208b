"""Bulk import of service requests from the CSV or XLSX export of a queue system.

The flow is the organisation import's: `preview_request_import` reads the file, checks every
row against the catalogue, the staff and the requests already recorded, and keeps a
`RequestImport` holding the rows (when all are valid) or every error with its row, column and
an Indonesian message. `request_commit` queues `commit_request_import`, which checks the rows
again and writes them all in one transaction with bulk inserts — or nothing.

Columns are found by header, whatever their order, case, spacing or punctuation, in
Indonesian or English ("Kode Layanan", "Nomor Antrean", "Waktu Masuk", "Waktu Selesai",
"NIP Petugas"…). Times may be written 2026-03-01 08:15, 01/03/2026 08:15 (or 08.15), as
Excel date cells, or as Excel serial numbers; a time without a time zone is local time.
"""

from kinerja.citizen.importing_requests.cells import CellError, parse_when
from kinerja.citizen.importing_requests.checking import check_rows
from kinerja.citizen.importing_requests.jobs import (
    COMMIT_TASK,
    MAX_STORED_ERRORS,
    commit_request_import,
    preview_request_import,
    request_commit,
)
from kinerja.citizen.importing_requests.reading import (
    COLUMNS,
    Table,
    read_request_file,
    template_headers,
)
from kinerja.org.importing.reading import ImportFileError, human_size

__all__ = [
    "COLUMNS",
    "COMMIT_TASK",
    "MAX_STORED_ERRORS",
    "CellError",
    "ImportFileError",
    "Table",
    "check_rows",
    "commit_request_import",
    "human_size",
    "parse_when",
    "preview_request_import",
    "read_request_file",
    "request_commit",
    "template_headers",
]
