"""Execution forms: the shape of realisation, evidence, feedback and dialogue input.

Business rules (who, when, number or text, what a file really is) live in the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.models import DialogueStatus
from kinerja.org.models import Unit
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Indicator, Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RealisationForm(forms.Form):
    """One indicator's realisation; `version` is the realisation's (0: none yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    value = forms.DecimalField(
        label=_("Realisasi"), required=False, max_digits=14, decimal_places=2
    )
    text = forms.CharField(
        label=_("Realisasi (uraian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvidenceFileForm(forms.Form):
    file = forms.FileField(label=_("Berkas bukti dukung"))
    description = forms.CharField(label=_("Keterangan"), required=False, max_length=255)


class EvidenceLinkForm(forms.Form):
    url = forms.CharField(label=_("Tautan bukti dukung"), max_length=500)
    description = forms.CharField(label=_("Keterangan"), required=False, max_length=255)


class FeedbackForm(forms.Form):
    """Feedback on one subject: `indicator:<id>` or `value:<code>`."""

    subject = forms.ChoiceField(label=_("Tentang"))
    text = forms.CharField(
        label=_("Umpan balik"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {str(indicator.pk): indicator for indicator in indicators}
        subject = self.fields["subject"]
        assert isinstance(subject, forms.ChoiceField)
        subject.choices = [
            (
                _("Indikator kinerja"),
                [(f"indicator:{pk}", str(i)) for pk, i in self.indicators.items()],
            ),
            (_("Perilaku kerja (BerAKHLAK)"), [(f"value:{v.code}", v.name) for v in CORE_VALUES]),
        ]

    def target(self) -> tuple[Indicator | None, str]:
        """The indicator or the BerAKHLAK value code the feedback is about."""
        kind, _sep, key = self.cleaned_data["subject"].partition(":")
        if kind == "indicator":
            return self.indicators[key], ""
        return None, key


class DialogueForm(forms.Form):
    held_on = forms.DateField(label=_("Tanggal dialog"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=DialogueStatus.choices)
    explanation = forms.CharField(
        label=_("Penjelasan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    cause = forms.CharField(
        label=_("Penyebab"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up = forms.CharField(
        label=_("Rencana tindak lanjut"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RealisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=Period.objects.none(), required=False, empty_label=_("Semua")
    )
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=Unit.objects.none(), required=False, empty_label=_("Semua")
    )
    subperiod = forms.IntegerField(label=_("Periode ke"), required=False, min_value=1, max_value=12)

    def __init__(
        self, *args: Any, periods: QuerySet[Period], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
