"""The agency admin's complaint calendar pages: holidays (add, remove, paste a list) and
whether complaint limits count working or calendar days."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.citizen.forms.complaints import CitizenSettingsForm, HolidayForm, HolidayImportForm
from kinerja.citizen.models import Holiday
from kinerja.citizen.selectors.complaints import holidays_of
from kinerja.citizen.services import calendar
from kinerja.core.forms import add_service_errors
from kinerja.core.http import AuthedRequest, own_agency
from kinerja.core.permissions import require


def _year(request: AuthedRequest) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def holiday_list(request: AuthedRequest) -> HttpResponse:
    """The year's holidays; add one, or paste a list of dates."""
    agency = own_agency(request)
    require(request.user, "citizen.manage_calendar", agency)
    form = HolidayForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                holiday = calendar.add_holiday(
                    agency,
                    actor=request.user,
                    date=form.cleaned_data["date"],
                    name=form.cleaned_data["name"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Hari libur %(name)s ditambahkan.") % {"name": holiday.name}
                )
                return redirect(f"{reverse('citizen:holiday-list')}?tahun={holiday.date.year}")
    year = _year(request)
    return render(
        request,
        "citizen/holiday_list.html",
        {
            "form": form,
            "import_form": HolidayImportForm(),
            "holidays": holidays_of(agency, year=year),
            "year": year,
            "years": [year - 1, year, year + 1],
            "day_counting": calendar.day_counting_of(agency.pk),
        },
        status=status,
    )


@login_required
@require_POST
def holiday_import(request: AuthedRequest) -> HttpResponse:
    agency = own_agency(request)
    require(request.user, "citizen.manage_calendar", agency)
    form = HolidayImportForm(request.POST)
    if form.is_valid():
        try:
            added = calendar.import_holidays(
                agency, actor=request.user, text=form.cleaned_data["lines"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)s hari libur ditambahkan.") % {"count": added})
            return redirect("citizen:holiday-list")
    return render(
        request,
        "citizen/holiday_list.html",
        {
            "form": HolidayForm(),
            "import_form": form,
            "holidays": holidays_of(agency, year=timezone.localdate().year),
            "year": timezone.localdate().year,
            "years": [],
            "day_counting": calendar.day_counting_of(agency.pk),
        },
        status=400,
    )


@login_required
@require_POST
def holiday_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    agency = own_agency(request)
    holiday = Holiday.objects.filter(pk=pk, agency=agency).first()
    if holiday is None:
        raise Http404
    calendar.remove_holiday(holiday, actor=request.user)
    messages.success(request, _("Hari libur %(name)s dihapus.") % {"name": holiday.name})
    return redirect(f"{reverse('citizen:holiday-list')}?tahun={holiday.date.year}")


@login_required
def citizen_settings(request: AuthedRequest) -> HttpResponse:
    """Working days (with the holiday calendar) or calendar days for complaint limits."""
    agency = own_agency(request)
    require(request.user, "citizen.manage_calendar", agency)
    form = CitizenSettingsForm(
        request.POST or None, initial={"day_counting": calendar.day_counting_of(agency.pk)}
    )
    if request.method == "POST" and form.is_valid():
        calendar.set_day_counting(
            agency, actor=request.user, day_counting=form.cleaned_data["day_counting"]
        )
        messages.success(request, _("Pengaturan disimpan; berlaku untuk pengaduan baru."))
        return redirect("citizen:citizen-settings")
    return render(
        request,
        "citizen/citizen_settings.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
