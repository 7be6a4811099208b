"""The catalogue pages: trainings and internal trainers (everyone in the agency reads them; the
agency admin manages them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require
from kinerja.development import exports
from kinerja.development.forms import (
    CatalogueFilterForm,
    TrainerEditForm,
    TrainerFilterForm,
    TrainerForm,
    TrainingForm,
)
from kinerja.development.selectors import catalogue as selectors
from kinerja.development.services import catalogue as services
from kinerja.development.views import export_response, query_without_page

PAGE_SIZE = 50


@login_required
def training_list(request: AuthedRequest) -> HttpResponse:
    """The catalogue: internal trainings first, with JP, cost and the saving against external."""
    require(request.user, "development.view_catalogue")
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = selectors.trainings(q=data.get("q", ""), delivery=data.get("delivery", ""))
    exported = export_response(request, exports.catalogue_table(found))
    if exported:
        return exported
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "development/training_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": bool(data.get("q") or data.get("delivery")),
        },
    )


@login_required
def training_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "development.manage_catalogue")
    agency = own_agency(request)
    form = TrainingForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_training(
                agency,
                actor=request.user,
                title=data["title"],
                delivery=data["delivery"],
                jp=data["jp"],
                competency=data["competency"],
                provider=data["provider"],
                description=data["description"],
                cost=data["cost"],
                external_equivalent_cost=data["external_equivalent_cost"],
                min_trainer_level=data["min_trainer_level"],
            )
        except ValidationError as error:
            add_service_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Pelatihan ditambahkan ke katalog."))
            return redirect("development:training-list")
    return render(
        request,
        "development/training_form.html",
        {"form": form, "title": _("Tambah pelatihan")},
        status=400 if form.errors else 200,
    )


@login_required
def training_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    training = selectors.get_training_for(request.user, pk)
    require(request.user, "development.manage_catalogue", training)
    version = training.version
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_training(
                selectors.get_training_for(request.user, pk),
                actor=request.user,
                expected_version=_int(request.POST.get("version")),
                **{name: data[name] for name in form.Meta.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, _("Pelatihan diperbarui."))
            return redirect("development:training-list")
    return render(
        request,
        "development/training_form.html",
        {"form": form, "title": _("Ubah pelatihan"), "version": version, "training": training},
        status=400 if form.errors else 200,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def trainer_list(request: AuthedRequest) -> HttpResponse:
    """The internal trainers with their level and availability."""
    require(request.user, "development.view_catalogue")
    form = TrainerFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    competency = data.get("competency")
    found = selectors.trainers(
        q=data.get("q", ""), competency_id=competency.pk if competency else None
    )
    exported = export_response(request, exports.trainers_table(found))
    if exported:
        return exported
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "development/trainer_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": bool(data.get("q") or competency),
        },
    )


@login_required
def trainer_create(request: AuthedRequest) -> HttpResponse:
    require(request.user, "development.manage_catalogue")
    agency = own_agency(request)
    form = TrainerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_trainer(
                agency,
                actor=request.user,
                employee=data["nip"],
                competency=data["competency"],
                available_from=data["available_from"],
                available_until=data["available_until"],
                availability_note=data["availability_note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Pengajar internal didaftarkan."))
            return redirect("development:trainer-list")
    return render(
        request,
        "development/trainer_form.html",
        {"form": form, "title": _("Daftarkan pengajar internal")},
        status=400 if form.errors else 200,
    )


@login_required
def trainer_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    trainer = selectors.get_trainer_for(request.user, pk)
    require(request.user, "development.manage_catalogue", trainer)
    form = TrainerEditForm(
        request.POST or None,
        initial={
            "version": trainer.version,
            "available_from": trainer.available_from,
            "available_until": trainer.available_until,
            "availability_note": trainer.availability_note,
            "is_active": trainer.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_trainer(
                trainer,
                actor=request.user,
                expected_version=data["version"],
                available_from=data["available_from"],
                available_until=data["available_until"],
                availability_note=data["availability_note"],
                is_active=data["is_active"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Pengajar internal diperbarui."))
            return redirect("development:trainer-list")
    return render(
        request,
        "development/trainer_form.html",
        {"form": form, "title": _("Ubah pengajar internal"), "trainer": trainer},
        status=400 if form.errors else 200,
    )
