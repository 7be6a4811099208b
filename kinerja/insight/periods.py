"""The period an insight page shows: the one asked for, else the agency's active one of today."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.http import AuthedRequest, own_agency
from kinerja.planning.models import Period


def chosen_period(request: AuthedRequest) -> tuple[Period | None, list[Period]]:
    """The period asked for (404 beyond the user's agency), else the active one of today."""
    agency = own_agency(request)
    periods = list(Period.objects.filter(agency=agency).order_by("-year", "-start_date", "name"))
    wanted = request.GET.get("period", "")
    if wanted:
        chosen = next((p for p in periods if str(p.pk) == wanted), None)
        if chosen is None:
            raise Http404(_("Periode tidak ditemukan."))
        return chosen, periods
    today = timezone.localdate()
    current = [p for p in periods if p.is_active and p.start_date <= today <= p.end_date]
    return (current or periods or [None])[0], periods
