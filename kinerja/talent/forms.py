"""Forms of the talent pages: shapes only; the services check the business rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import Employee, Position, Unit


class PositionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.unit.name}"


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class SettingsForm(forms.Form):
    years = forms.IntegerField(
        label=_("Jumlah tahun predikat"),
        min_value=1,
        max_value=5,
        help_text=_("Predikat tahun-tahun terakhir yang dirata-ratakan."),
    )
    performance_as_from = forms.DecimalField(
        label=_("Kinerja sesuai ekspektasi mulai rata-rata"),
        min_value=Decimal("1.01"),
        max_value=Decimal(5),
        decimal_places=2,
        localize=True,
        help_text=_(
            "Poin predikat: Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1."
        ),
    )
    performance_above_from = forms.DecimalField(
        label=_("Kinerja di atas ekspektasi mulai rata-rata"),
        min_value=Decimal("1.01"),
        max_value=Decimal(5),
        decimal_places=2,
        localize=True,
    )
    potential_middle_from = forms.DecimalField(
        label=_("Potensial menengah mulai skor"),
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
        localize=True,
    )
    potential_high_from = forms.DecimalField(
        label=_("Potensial tinggi mulai skor"),
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
        localize=True,
    )
    use_periodic_fallback = forms.BooleanField(
        label=_("Pakai evaluasi periodik final bila evaluasi tahunan belum ada"),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PotentialForm(forms.Form):
    nip = forms.CharField(label=_("NIP pegawai"), max_length=25)
    score = forms.DecimalField(
        label=_("Skor potensial"), min_value=0, max_value=100, decimal_places=2, localize=True
    )
    assessed_on = forms.DateField(
        label=_("Tanggal asesmen"), widget=forms.DateInput(attrs={"type": "date"})
    )
    assessor = forms.CharField(label=_("Penyelenggara asesmen"), max_length=150, required=False)

    def __init__(self, *args: Any, employees: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.employees = employees

    def clean_nip(self) -> Employee:
        nip = "".join(self.cleaned_data["nip"].split())
        employee = self.employees.filter(nip=nip).first()
        if employee is None:
            raise forms.ValidationError(_("NIP ini bukan pegawai aktif instansi Anda."))
        return employee

    def clean_assessed_on(self) -> Any:
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal asesmen tidak boleh di masa depan."))
        return assessed_on


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        help_text=_("Kolom: NIP, Skor, Tanggal Asesmen, Penyelenggara."),
    )


class KeyPositionForm(forms.Form):
    position = PositionChoiceField(label=_("Jabatan"), queryset=Position.objects.none())
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args: Any, positions: QuerySet[Position], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["position"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = positions


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    unit = UnitChoiceField(
        label=_("Unit kerja (termasuk bawahannya)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Semua unit"),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
