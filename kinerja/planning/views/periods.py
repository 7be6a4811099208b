"""Performance periods of the agency: list and create (agency admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.planning import services
from kinerja.planning.forms import PeriodForm
from kinerja.planning.models import Period


@login_required
def period_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "planning.view_periods")
    periods = Period.objects.select_related("agency").order_by("agency__name", "-year", "name")
    return render(request, "planning/period_list.html", {"periods": periods})


@login_required
def period_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "planning.manage_periods", request.user.agency)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.create_period(
                own_agency(request), actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Periode %(name)s dibuat.") % {"name": period})
            return redirect("planning:period-list")
    return render(
        request, "planning/period_form.html", {"form": form}, status=400 if form.errors else 200
    )
