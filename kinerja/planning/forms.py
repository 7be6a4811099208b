"""Planning forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Employee, Unit
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import (
    Approach,
    Aspect,
    Frequency,
    Period,
    Perspective,
    PlannedResult,
    PlanStatus,
    ResultKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionForm(forms.Form):
    """The version of the plan the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    name = forms.CharField(label=_("Nama periode"), max_length=120)
    frequency = forms.ChoiceField(label=_("Penilaian periodik"), choices=Frequency.choices)
    approach = forms.ChoiceField(label=_("Pendekatan"), choices=Approach.choices)
    start_date = forms.DateField(label=_("Mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Selesai"), widget=DATE)
    plan_deadline = forms.DateField(label=_("Batas pengajuan SKP"), required=False, widget=DATE)


class StartPlanForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Periode"), queryset=Period.objects.none())
    copy_previous = forms.BooleanField(
        label=_("Salin isi SKP periode sebelumnya"), required=False, initial=True
    )

    def __init__(self, *args: Any, periods: QuerySet[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]


class ResultForm(VersionForm):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ResultKind.choices)
    text = forms.CharField(label=_("Rencana hasil kerja"), widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.ModelChoiceField(
        label=_("RHK pimpinan yang diintervensi"),
        queryset=PlannedResult.objects.none(),
        required=False,
        empty_label=_("— tidak ada —"),
    )
    perspective = forms.ChoiceField(
        label=_("Perspektif (JPT)"),
        choices=[("", _("— tidak ada —")), *Perspective.choices],
        required=False,
    )

    def __init__(self, *args: Any, parents: QuerySet[PlannedResult], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class IndicatorForm(VersionForm):
    aspect = forms.ChoiceField(label=_("Aspek"), choices=Aspect.choices)
    text = forms.CharField(label=_("Indikator kinerja individu"), max_length=500)
    target_value = forms.DecimalField(
        label=_("Target"), required=False, max_digits=14, decimal_places=2
    )
    unit_of_measure = forms.CharField(label=_("Satuan"), max_length=60, required=False)
    target_text = forms.CharField(
        label=_("Kriteria keberhasilan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AppendixForm(VersionForm):
    resources = forms.CharField(
        label=_("Dukungan sumber daya"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    accountability = forms.CharField(
        label=_("Skema pertanggungjawaban"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consequences = forms.CharField(
        label=_("Konsekuensi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExpectationsForm(VersionForm):
    """One free-text field per BerAKHLAK value, named by the value's code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value in CORE_VALUES:
            self.fields[value.code] = forms.CharField(
                label=value.name, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def texts(self) -> dict[str, str]:
        return {value.code: self.cleaned_data.get(value.code, "") for value in CORE_VALUES}


class ReturnForm(VersionForm):
    note = forms.CharField(
        label=_("Catatan perbaikan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ReviseForm(VersionForm):
    reason = forms.CharField(
        label=_("Alasan revisi"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class RaterForm(VersionForm):
    rater = forms.ModelChoiceField(label=_("Pejabat penilai"), queryset=Employee.objects.none())
    reason = forms.CharField(
        label=_("Alasan penggantian"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: Any, raters: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rater"].queryset = raters  # type: ignore[attr-defined]


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=Period.objects.none(), required=False, empty_label=_("Semua")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua")), *PlanStatus.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=Unit.objects.none(), required=False, empty_label=_("Semua")
    )

    def __init__(
        self, *args: Any, periods: QuerySet[Period], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
