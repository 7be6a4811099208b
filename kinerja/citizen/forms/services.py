"""Forms of the services area: the catalogue, the desk, the request list, the turnaround report
and the import upload. Forms check shape; the services check the business rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.citizen.models import Service
from kinerja.citizen.selectors.turnaround import PeriodKind
from kinerja.org.models import Employee, Unit

DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H.%M",
]
MINUTES_PER = {"menit": 1, "jam": 60, "hari": 1440}


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Units indented by depth, so the tree reads in a plain select."""

    def label_from_instance(self, obj: Any) -> str:
        return "\u2003" * obj.depth + obj.name


class EmployeeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class ServiceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.name if obj.is_active else _("%(name)s (nonaktif)") % {"name": obj.name}


def local_datetime_input() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def now_for_input() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


# --- The catalogue ---------------------------------------------------------------------------


class ServiceForm(forms.Form):
    unit = UnitChoiceField(label=gettext_lazy("Unit kerja"), queryset=Unit.objects.none())
    name = forms.CharField(label=gettext_lazy("Nama layanan"), max_length=200)
    code = forms.CharField(
        label=gettext_lazy("Kode layanan"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "Huruf kecil, angka dan tanda hubung; dipakai di berkas impor antrean. Kosongkan "
            "untuk dibuat dari nama."
        ),
    )
    standard_value = forms.IntegerField(
        label=gettext_lazy("Waktu standar"),
        min_value=1,
        help_text=gettext_lazy("Menurut standar pelayanan unit."),
    )
    standard_unit = forms.ChoiceField(
        label=gettext_lazy("Satuan waktu"),
        choices=[
            ("menit", gettext_lazy("menit")),
            ("jam", gettext_lazy("jam")),
            ("hari", gettext_lazy("hari (24 jam)")),
        ],
        initial="menit",
    )
    description = forms.CharField(
        label=gettext_lazy("Keterangan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units

    @staticmethod
    def initial_for(service: Service) -> dict[str, Any]:
        """The form's initial values; the standard time in the largest whole unit."""
        minutes = service.standard_minutes
        unit = next(name for name in ("hari", "jam", "menit") if minutes % MINUTES_PER[name] == 0)
        return {
            "unit": service.unit_id,
            "name": service.name,
            "code": service.code,
            "standard_value": minutes // MINUTES_PER[unit],
            "standard_unit": unit,
            "description": service.description,
            "version": service.version,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "name": data["name"],
            "code": data["code"],
            "description": data["description"],
            "standard_minutes": data["standard_value"] * MINUTES_PER[data["standard_unit"]],
        }

    def add_error(self, field: str | None, error: Any) -> None:
        # The services speak of `standard_minutes`; the form shows it as value and unit.
        super().add_error("standard_value" if field == "standard_minutes" else field, error)


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Cari nama atau kode"), required=False, max_length=100)
    unit = UnitChoiceField(
        label=gettext_lazy("Unit kerja"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua unit"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("active", gettext_lazy("Aktif")),
            ("inactive", gettext_lazy("Nonaktif")),
            ("all", gettext_lazy("Semua")),
        ],
    )
    year = forms.IntegerField(
        label=gettext_lazy("Permohonan selesai pada tahun"),
        min_value=2000,
        max_value=2100,
        required=False,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units


# --- The desk --------------------------------------------------------------------------------


class DeskRequestForm(forms.Form):
    """A request as the desk records it: quick, with the time received defaulting to now."""

    service = ServiceChoiceField(
        label=gettext_lazy("Layanan"),
        queryset=Service.objects.none(),
        empty_label=gettext_lazy("— pilih layanan —"),
    )
    ticket_code = forms.CharField(
        label=gettext_lazy("Nomor antrean"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Diterima"),
        input_formats=DATETIME_INPUT_FORMATS,
        widget=local_datetime_input(),
    )
    handled_by = EmployeeChoiceField(
        label=gettext_lazy("Petugas yang menangani"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=gettext_lazy("— belum ditentukan —"),
    )
    note = forms.CharField(label=gettext_lazy("Catatan"), required=False, max_length=2000)

    def __init__(
        self,
        *args: Any,
        services: QuerySet[Service],
        handlers: QuerySet[Employee],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        service_field = self.fields["service"]
        handler_field = self.fields["handled_by"]
        assert isinstance(service_field, forms.ModelChoiceField)
        assert isinstance(handler_field, forms.ModelChoiceField)
        service_field.queryset = services
        handler_field.queryset = handlers


class CompleteForm(forms.Form):
    """The one-click "Selesai": the time completed defaults to now."""

    completed_at = forms.DateTimeField(
        label=gettext_lazy("Waktu selesai"),
        required=False,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=local_datetime_input(),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def completed_time(self) -> dt.datetime:
        chosen: dt.datetime | None = self.cleaned_data.get("completed_at")
        return chosen or timezone.now().replace(microsecond=0)


# --- Requests --------------------------------------------------------------------------------


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Nomor antrean"), required=False, max_length=40)
    service = ServiceChoiceField(
        label=gettext_lazy("Layanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua layanan"),
    )
    unit = UnitChoiceField(
        label=gettext_lazy("Unit kerja"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua unit"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("Semua")),
            ("open", gettext_lazy("Belum selesai")),
            ("completed", gettext_lazy("Selesai")),
        ],
    )
    received_from = forms.DateField(
        label=gettext_lazy("Diterima dari"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    received_to = forms.DateField(
        label=gettext_lazy("Diterima sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    handled_by = EmployeeChoiceField(
        label=gettext_lazy("Petugas"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua petugas"),
    )

    def __init__(
        self,
        *args: Any,
        services: QuerySet[Service],
        units: QuerySet[Unit],
        handlers: QuerySet[Employee],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("service", services), ("unit", units), ("handled_by", handlers)):
            choice = self.fields[name]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = queryset


class RequestCorrectForm(forms.Form):
    service = ServiceChoiceField(label=gettext_lazy("Layanan"), queryset=Service.objects.none())
    ticket_code = forms.CharField(
        label=gettext_lazy("Nomor antrean"), max_length=40, required=False
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("Diterima"),
        input_formats=DATETIME_INPUT_FORMATS,
        widget=local_datetime_input(),
    )
    completed_at = forms.DateTimeField(
        label=gettext_lazy("Selesai"),
        required=False,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=local_datetime_input(),
        help_text=gettext_lazy("Kosongkan bila permohonan belum selesai."),
    )
    handled_by = EmployeeChoiceField(
        label=gettext_lazy("Petugas yang menangani"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=gettext_lazy("— belum ditentukan —"),
    )
    note = forms.CharField(
        label=gettext_lazy("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        services: QuerySet[Service],
        handlers: QuerySet[Employee],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("service", services), ("handled_by", handlers)):
            choice = self.fields[name]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = queryset


# --- Turnaround ------------------------------------------------------------------------------


class TurnaroundFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Periode"),
        choices=[
            (PeriodKind.MONTH, gettext_lazy("Bulan")),
            (PeriodKind.QUARTER, gettext_lazy("Triwulan")),
            (PeriodKind.SEMESTER, gettext_lazy("Semester")),
            (PeriodKind.YEAR, gettext_lazy("Tahun")),
            (PeriodKind.RANGE, gettext_lazy("Rentang tanggal")),
        ],
        required=False,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Tahun"), min_value=2000, max_value=2100, required=False
    )
    number = forms.IntegerField(
        label=gettext_lazy("Bulan/triwulan/semester ke"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=gettext_lazy("Bulan 1–12, triwulan 1–4, semester 1–2."),
    )
    start = forms.DateField(
        label=gettext_lazy("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    unit = UnitChoiceField(
        label=gettext_lazy("Unit kerja"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua unit"),
    )
    service = ServiceChoiceField(
        label=gettext_lazy("Layanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua layanan"),
    )

    def __init__(
        self, *args: Any, units: QuerySet[Unit], services: QuerySet[Service], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("unit", units), ("service", services)):
            choice = self.fields[name]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind") or PeriodKind.YEAR
        data["kind"] = kind
        if kind == PeriodKind.RANGE:
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                raise forms.ValidationError(_("Isikan tanggal awal dan akhir rentang."))
            if end < start:
                self.add_error("end", _("Tanggal akhir sebelum tanggal awal."))
        elif kind != PeriodKind.YEAR:
            number = data.get("number")
            if number is not None and number > PeriodKind.NUMBERS[kind]:
                self.add_error(
                    "number",
                    _("Pilih %(kind)s ke-1 sampai ke-%(max)s.")
                    % {
                        "kind": dict(PeriodKind.CHOICES)[kind].lower(),
                        "max": PeriodKind.NUMBERS[kind],
                    },
                )
        return data


# --- Import ----------------------------------------------------------------------------------


class RequestImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas ekspor sistem antrean"),
        help_text=gettext_lazy("Excel (.xlsx) atau CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )
