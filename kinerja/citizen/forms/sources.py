"""Forms of indicators fed by data: the shape of a binding, an override and the list filters.

Business rules (which target a metric needs, the aspect it fits, who may act, the lock of a
final sub-period) live in the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.citizen.indicator_metrics import METRICS, Target
from kinerja.citizen.models import Metric, Service
from kinerja.org.models import Employee, Unit
from kinerja.planning.models import Period


class ServiceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Service) -> str:  # type: ignore[override]
        return f"{obj.name} · {obj.unit.name}"


class EmployeeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Employee) -> str:  # type: ignore[override]
        return f"{obj.name} · {obj.unit.name}"


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        return f"{obj.tree_prefix}{obj.name}"


class SourceForm(forms.Form):
    """What feeds one indicator: a metric and the service, unit or employee it is taken of.
    Only the metrics that fit the indicator's aspect are offered."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    metric = forms.ChoiceField(label=_("Sumber data"))
    service = ServiceChoiceField(
        label=_("Layanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("(tidak dipakai)"),
        help_text=_("Untuk data layanan; pada jumlah per pegawai, kosongkan untuk semua layanan."),
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("(tidak dipakai)"),
        help_text=_("Untuk IKM unit dan pengaduan: termasuk unit di bawahnya."),
    )
    employee = EmployeeChoiceField(
        label=_("Pegawai yang menangani"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=_("(tidak dipakai)"),
    )

    def __init__(
        self,
        *args: Any,
        aspect: str,
        services: QuerySet[Service],
        units: QuerySet[Unit],
        employees: QuerySet[Employee],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        metric = self.fields["metric"]
        assert isinstance(metric, forms.ChoiceField)
        metric.choices = [
            (code, label)
            for code, label in Metric.choices
            if METRICS[code].aspect == aspect  # type: ignore[index]
        ]
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["employee"].queryset = employees  # type: ignore[attr-defined]

    @property
    def has_metrics(self) -> bool:
        return bool(self.fields["metric"].choices)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """Keep only what the chosen metric uses (the page shows every select at once)."""
        data = super().clean() or {}
        spec = METRICS.get(data.get("metric", ""))
        if spec is not None:
            if spec.target != Target.SERVICE and data.get("metric") != Metric.EMPLOYEE_COMPLETED:
                data["service"] = None
            if spec.target != Target.UNIT:
                data["unit"] = None
            if spec.target != Target.EMPLOYEE:
                data["employee"] = None
        return data


class OverrideForm(forms.Form):
    """A manual value in place of the one computed from data, with the reason."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    value = forms.DecimalField(label=_("Nilai yang dipakai"), max_digits=14, decimal_places=2)
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib: mengapa nilai dari data tidak dipakai (dicatat di jejak audit)."),
    )


class SourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama, NIP atau indikator"), required=False, max_length=100)
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=Period.objects.none(), required=False, empty_label=_("Semua")
    )
    metric = forms.ChoiceField(
        label=_("Sumber data"), choices=[("", _("Semua")), *Metric.choices], required=False
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
