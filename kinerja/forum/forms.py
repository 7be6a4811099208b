"""Forum forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.forum.models import DEFAULT_REMIND_AFTER_DAYS
from kinerja.org.models import Unit


class VersionForm(forms.Form):
    """The version of the record the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    body = forms.CharField(
        label=_("Isi pengumuman"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Teks biasa; baris baru dipertahankan."),
    )
    whole_agency = forms.BooleanField(
        label=_("Seluruh instansi"),
        required=False,
        help_text=_("Atau pilih unit kerja di bawah; unit di bawahnya ikut menerima."),
    )
    units = UnitChoiceField(
        label=_("Unit kerja sasaran"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    requires_confirmation = forms.BooleanField(
        label=_("Wajib konfirmasi sudah membaca"), required=False, initial=True
    )
    remind_after_days = forms.IntegerField(
        label=_("Ingatkan yang belum membaca setelah (hari)"),
        min_value=1,
        max_value=30,
        initial=DEFAULT_REMIND_AFTER_DAYS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("whole_agency")) == bool(cleaned.get("units")):
            self.add_error(
                "units",
                _("Pilih seluruh instansi atau sekurang-kurangnya satu unit (tidak keduanya)."),
            )
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penarikan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200)
    body = forms.CharField(
        label=_("Pertanyaan atau pokok bahasan"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    announcement = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Balasan Anda"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=300)
