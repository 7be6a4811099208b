"""Dictionary pages: everyone in the agency reads it; the agency admin adds, edits,
deactivates entries and loads the default dictionary into an empty one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.competency import exports
from kinerja.competency.forms import CompetencyForm, DictionaryFilterForm, VersionForm
from kinerja.competency.models import Competency, PositionRequirement
from kinerja.competency.selectors.dictionary import (
    DictionaryFilters,
    competency_list,
    get_competency_for,
)
from kinerja.competency.services import dictionary as services
from kinerja.competency.standard import REGULATION, STANDARD_DICTIONARY
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.core.spreadsheets import xlsx_response

PAGE_SIZE = 50


def add_errors(form: Any, error: ValidationError) -> None:
    """A service's errors on the form: by field where the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def dictionary_list(request: AuthedRequest) -> HttpResponse:
    """The dictionary with search, kind and status filters; exportable."""
    require(request.user, "competency.view_dictionary")
    form = DictionaryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = DictionaryFilters(
        q=data.get("q", ""), kind=data.get("kind", ""), status=data.get("status") or "active"
    )
    entries = competency_list(request.user, filters)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            "kamus-kompetensi.xlsx",
            "Kamus kompetensi",
            exports.DICTIONARY_HEADERS,
            exports.dictionary_rows(entries),
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_manage = request.user.has_perm("competency.manage_dictionary")
    is_empty = can_manage and not Competency.objects.exists()
    return render(
        request,
        "competency/dictionary_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(filters.q or filters.kind or filters.status != "active"),
            "can_manage": can_manage and request.user.agency_id is not None,
            "offer_standard": is_empty and request.user.agency_id is not None,
            "standard": STANDARD_DICTIONARY,
            "regulation": REGULATION,
        },
    )


@login_required
def dictionary_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One entry: definition, the five levels, and the positions requiring it."""
    competency = get_competency_for(request.user, pk)
    requirements = (
        PositionRequirement.objects.filter(competency=competency)
        .select_related("position__unit")
        .order_by("position__unit__path", "position__name")
    )
    page = Paginator(requirements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "competency/dictionary_detail.html",
        {
            "competency": competency,
            "levels": list(enumerate(competency.level_descriptions or [], start=1)),
            "page": page,
            "can_manage": request.user.has_perm("competency.manage_dictionary", competency),
            "version_form": VersionForm(initial={"version": competency.version}),
        },
    )


@login_required
def dictionary_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "competency.manage_dictionary")
    agency = own_agency(request)
    form = CompetencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_competency(
                agency,
                actor=request.user,
                kind=data["kind"],
                code=data["code"],
                name=data["name"],
                description=data["description"],
                level_descriptions=form.level_descriptions(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Kompetensi %(name)s ditambahkan.") % {"name": created.name}
            )
            return redirect("competency:dictionary-detail", pk=created.pk)
    return render(
        request,
        "competency/dictionary_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def dictionary_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    competency = get_competency_for(request.user, pk)
    require(request.user, "competency.manage_dictionary", competency)
    form = CompetencyForm(request.POST or None, competency=competency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_competency(
                competency,
                actor=request.user,
                expected_version=data.get("version"),
                kind=data["kind"],
                code=data["code"],
                name=data["name"],
                description=data["description"],
                level_descriptions=form.level_descriptions(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Perubahan kompetensi disimpan."))
            return redirect("competency:dictionary-detail", pk=competency.pk)
    return render(
        request,
        "competency/dictionary_form.html",
        {"form": form, "competency": competency},
        status=400 if form.errors else 200,
    )


def _set_active(request: AuthedRequest, pk: int, *, active: bool) -> HttpResponse:
    competency = get_competency_for(request.user, pk)
    form = VersionForm(request.POST)
    version = form.cleaned_data.get("version") if form.is_valid() else None
    try:
        services.set_competency_active(
            competency, actor=request.user, active=active, expected_version=version
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Kompetensi diaktifkan kembali.")
            if active
            else _(
                "Kompetensi dinonaktifkan: tidak lagi dipersyaratkan atau dihitung kesenjangannya."
            ),
        )
    return redirect("competency:dictionary-detail", pk=pk)


@login_required
@require_POST
def dictionary_deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@login_required
@require_POST
def dictionary_reactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


@login_required
@require_POST
def dictionary_load_standard(request: AuthedRequest) -> HttpResponse:
    """Load PermenPANRB 38/2017's managerial and socio-cultural competencies."""
    require(request.user, "competency.manage_dictionary")
    agency = own_agency(request)
    try:
        created = services.load_standard_dictionary(agency, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(count)s kompetensi standar %(regulation)s dimuat. Tambahkan kompetensi teknis "
                "instansi Anda."
            )
            % {"count": len(created), "regulation": REGULATION},
        )
    return redirect("competency:dictionary-list")
