"""The report pages: recommendations in reach (with the refresh), the 20 JP shortfall list and
the saving of internal training per unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.development import exports, rules
from kinerja.development.forms import JpFilterForm, RecommendationFilterForm, YearForm
from kinerja.development.selectors import people
from kinerja.development.selectors import reports as selectors
from kinerja.development.services import recommendations as services
from kinerja.development.views import export_response, query_without_page


@login_required
def recommendation_list(request: AuthedRequest) -> HttpResponse:
    require(request.user, "development.view_reports")
    form = RecommendationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = people.recommendations_visible_to(
        request.user,
        q=data.get("q", ""),
        status=data.get("status", ""),
        reason=data.get("reason", ""),
        year=data.get("year"),
    )
    exported = export_response(request, exports.recommendations_table(found))
    if exported:
        return exported
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "development/recommendation_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": any(data.values()),
            "year": timezone.localdate().year,
        },
    )


@login_required
@require_POST
def recommendation_refresh(request: AuthedRequest) -> HttpResponse:
    """Refresh the recommendations of the agency (admin) or of the direct team (supervisor)."""
    require(request.user, "development.view_reports")
    agency = own_agency(request)
    year = YearForm(request.POST).year_or_current()
    created = services.refresh_recommendations(agency, actor=request.user, year=year)
    messages.success(
        request,
        _("Rekomendasi %(year)s diperbarui: %(count)s rekomendasi baru.")
        % {"year": year, "count": created},
    )
    return redirect("development:recommendation-list")


@login_required
def jp_list(request: AuthedRequest) -> HttpResponse:
    """Who falls short of the 20 JP a year (PP 11/2017), per unit, searchable and exportable."""
    require(request.user, "development.view_reports")
    units = selectors.units_in_reach(request.user)
    form = JpFilterForm(request.GET or None, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    year = form.year_or_current()
    unit = data.get("unit")
    found = selectors.jp_totals(
        request.user,
        year=year,
        q=data.get("q", ""),
        unit=unit,
        short_only=not data.get("everyone"),
    )
    exported = export_response(
        request,
        exports.jp_table(found, year),
        subtitle=unit.name if unit else "",
    )
    if exported:
        return exported
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "development/jp_list.html",
        {
            "form": form,
            "page": page,
            "year": year,
            "summary": selectors.jp_summary(request.user, year=year, unit=unit),
            "minimum": rules.MINIMUM_JP_PER_YEAR,
            "query": query_without_page(request),
            "has_units": units.exists(),
            "filtered": bool(data.get("q") or unit),
        },
    )


@login_required
def savings(request: AuthedRequest) -> HttpResponse:
    """The external cost avoided by internal training, per unit, with the total."""
    require(request.user, "development.view_savings")
    form = YearForm(request.GET or None)
    year = form.year_or_current()
    found = selectors.savings_per_unit(request.user, year=year)
    exported = export_response(request, exports.savings_table(found))
    if exported:
        return exported
    return render(
        request,
        "development/savings.html",
        {"form": form, "savings": found, "year": year, "query": query_without_page(request)},
    )
