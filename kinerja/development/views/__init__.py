"""Pages of the development area; every list answers `?format=xlsx` and `?format=pdf`."""

from __future__ import annotations

from django.http import HttpResponse

from kinerja.core.http import AuthedRequest
from kinerja.core.spreadsheets import xlsx_response
from kinerja.development import documents
from kinerja.development.exports import Table, xlsx_rows


def export_response(
    request: AuthedRequest, table: Table, *, subtitle: str = ""
) -> HttpResponse | None:
    """The list as a download when `?format=` asks for one, else None."""
    wanted = request.GET.get("format")
    if wanted == "xlsx":
        response = xlsx_response(
            f"{table.filename}.xlsx", table.title, table.headers, xlsx_rows(table)
        )
    elif wanted == "pdf":
        agency = request.user.agency
        response = HttpResponse(
            documents.list_pdf(
                table,
                agency_name=agency.name if agency else "Semua instansi",
                subtitle=subtitle,
            ),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{table.filename}.pdf"'
    else:
        return None
    response["Cache-Control"] = "private, no-store"
    return response


def query_without_page(request: AuthedRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()
