"""The request type of signed-in pages, the agency a write acts in, and stored-file downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from kinerja.core.models import Agency, User


class AuthedRequest(HttpRequest):
    """A request behind `login_required`: `user` is a real account; HTMX details attached."""

    user: User  # type: ignore[assignment]
    htmx: HtmxDetails


def own_agency(request: AuthedRequest) -> Agency:
    """The agency the signed-in user administers; accounts without one cannot create data."""
    agency = request.user.agency
    if agency is None:
        raise PermissionDenied(_("Akun ini tidak terikat pada instansi mana pun."))
    return agency


def stored_file_response(stored: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """An uploaded file (evidence, a certificate, a generated report) as a download.

    Always an attachment with the type checked at upload, never rendered by the browser:
    `nosniff` and a sandboxing CSP keep an HTML or SVG file posing as a PDF from running
    script on our origin, and nothing is cached on shared machines. A file missing from the
    storage is a 404, not a 500.
    """
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
