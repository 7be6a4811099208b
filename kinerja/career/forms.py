"""Career forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.career.models import LEVEL_CHOICES, PNS_RANK_CHOICES, AwardDecision
from kinerja.org.models import PositionKind


class LedgerFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama/NIP"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Jenjang"), required=False, choices=[("", _("Semua jenjang")), *LEVEL_CHOICES]
    )
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Unit kerja"), required=False, queryset=None, empty_label=_("Semua unit")
    )

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].label_from_instance = lambda u: f"{u.tree_prefix}{u.name}"  # type: ignore[attr-defined]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Cari nama/NIP"), required=False, max_length=100)


class VacancyFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari jabatan/unit"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jenis")), *PositionKind.choices],
    )


class PostingForm(forms.Form):
    period: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Periode penilaian"),
        required=False,
        queryset=None,
        empty_label=_("Semua periode"),
        help_text=_(
            "Evaluasi final yang belum dibukukan saja; pembukuan ulang tidak menggandakan."
        ),
    )

    def __init__(self, *args: Any, periods: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]


class OpeningBalanceForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Angka kredit"), max_digits=8, decimal_places=2, min_value=0
    )
    effective_date = forms.DateField(
        label=_("Tanggal berlaku"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Dihitung untuk kenaikan pangkat bila tidak sebelum TMT golongan, dan untuk "
            "kenaikan jenjang bila tidak sebelum TMT jabatan."
        ),
    )
    note = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=255,
        help_text=_("Misalnya nomor PAK integrasi atau konversi."),
    )


class OpeningImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        help_text=_(
            "Kolom: NIP, Angka Kredit, Tanggal Berlaku, Keterangan. Semua baris atau tidak sama sekali."
        ),
    )


class CreditRequirementForm(forms.Form):
    rank_min = forms.ChoiceField(label=_("Golongan terendah"), choices=PNS_RANK_CHOICES)
    rank_max = forms.ChoiceField(label=_("Golongan tertinggi"), choices=PNS_RANK_CHOICES)
    rank_step_credit = forms.DecimalField(
        label=_("Angka kredit kenaikan pangkat"), max_digits=7, decimal_places=2, min_value=0
    )
    next_level_credit = forms.DecimalField(
        label=_("Angka kredit kenaikan jenjang"),
        max_digits=7,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Kosongkan untuk jenjang tertinggi."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AwardDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Keputusan"), choices=AwardDecision.Outcome.choices, widget=forms.RadioSelect
    )
    award = forms.CharField(
        label=_("Bentuk penghargaan"),
        required=False,
        max_length=150,
        help_text=_("Misalnya piagam, Satyalancana Karya Satya, kesempatan pengembangan."),
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VacancyRequirementForm(forms.Form):
    min_rank = forms.ChoiceField(
        label=_("Golongan minimal"),
        required=False,
        choices=[("", _("Turunan dari jabatan")), *PNS_RANK_CHOICES],
    )
    min_credit = forms.DecimalField(
        label=_("Angka kredit minimal"),
        max_digits=8,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Hanya untuk jabatan fungsional; kosongkan untuk memakai tabel angka kredit."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
