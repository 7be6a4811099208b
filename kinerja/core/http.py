"""The request type of signed-in pages, and the agency a write acts in."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
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
