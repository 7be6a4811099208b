"""Competency standard of positions (standar kompetensi jabatan), for the agency admin: the
positions with how many competencies each requires, and a form of levels per position."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kinerja.competency import exports
from kinerja.competency.forms import LevelTableForm
from kinerja.competency.selectors.dictionary import (
    active_competencies,
    get_position_for,
    positions_with_requirements,
    requirement_levels,
)
from kinerja.competency.services.requirements import set_position_requirements
from kinerja.competency.views.dictionary import PAGE_SIZE, add_errors
from kinerja.core.http import AuthedRequest
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response
from kinerja.org.models import Unit


@login_required
def position_list(request: AuthedRequest) -> HttpResponse:
    """Active positions with their holders and number of required competencies."""
    require(request.user, "competency.manage_dictionary")
    q = request.GET.get("q", "").strip()[:100]
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = Unit.objects.filter(pk=int(request.GET["unit"])).first()
    positions = positions_with_requirements(q=q, unit=unit)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "standar-kompetensi-jabatan.xlsx",
            "Jabatan",
            exports.POSITION_HEADERS,
            exports.position_rows(positions),
        )
    page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "competency/position_list.html",
        {
            "page": page,
            "q": q,
            "unit": unit,
            "units": Unit.objects.filter(is_active=True)
            .order_by("path")
            .only("pk", "name", "depth", "path"),
            "query": query.urlencode(),
        },
    )


@login_required
def position_requirements(request: AuthedRequest, pk: int) -> HttpResponse:
    """The required level per competency of one position (empty: not required)."""
    position = get_position_for(request.user, pk)
    competencies = active_competencies()
    form = LevelTableForm(
        request.POST or None,
        competencies=competencies,
        initial_levels=requirement_levels(position),
        empty_label=_("Tidak dipersyaratkan"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = set_position_requirements(position, actor=request.user, levels=form.levels())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s level kompetensi diubah.",
                    "%(count)s level kompetensi diubah.",
                    changed,
                )
                % {"count": changed}
                if changed
                else _("Tidak ada perubahan."),
            )
            return redirect("competency:position-requirements", pk=position.pk)
    holders = position.holders.filter(is_active=True).order_by("name")[:20]
    return render(
        request,
        "competency/position_requirements.html",
        {"position": position, "form": form, "holders": holders},
        status=400 if form.errors else 200,
    )
