"""360° forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.behaviour.aggregation import (
    COMMENT_FIELDS,
    DEFAULT_MIN_RESPONDENTS,
    LOWEST_MIN_RESPONDENTS,
    SCALE,
    value_fields,
)
from kinerja.behaviour.models import FeedbackRound
from kinerja.behaviour.proposal import DEFAULT_MAX_ASSIGNMENTS, DEFAULT_PEERS_PER_SUBJECT
from kinerja.org.models import Employee, Unit
from kinerja.planning.berakhlak import CORE_VALUES
from kinerja.planning.models import Period


class VersionForm(forms.Form):
    """The version of the record the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Nama putaran"), max_length=200)
    period = forms.ModelChoiceField(label=_("Periode penilaian"), queryset=Period.objects.none())
    whole_agency = forms.BooleanField(
        label=_("Seluruh instansi"),
        required=False,
        help_text=_("Atau pilih unit kerja di bawah; unit di bawahnya ikut serta."),
    )
    units = UnitChoiceField(
        label=_("Unit kerja"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    closes_on = forms.DateField(
        label=_("Batas pengisian"), widget=forms.DateInput(attrs={"type": "date"})
    )
    min_respondents = forms.IntegerField(
        label=_("Penilai minimal per kelompok"),
        min_value=LOWEST_MIN_RESPONDENTS,
        max_value=20,
        initial=DEFAULT_MIN_RESPONDENTS,
        help_text=_(
            "Jawaban rekan kerja dan bawahan hanya ditampilkan, sebagai rata-rata, bila "
            "sekurang-kurangnya sebanyak ini menjawab."
        ),
    )
    max_assignments = forms.IntegerField(
        label=_("Penilaian maksimal per penilai"),
        min_value=1,
        max_value=100,
        initial=DEFAULT_MAX_ASSIGNMENTS,
    )
    peers_per_subject = forms.IntegerField(
        label=_("Rekan kerja yang diusulkan per pegawai"),
        min_value=0,
        max_value=20,
        initial=DEFAULT_PEERS_PER_SUBJECT,
        help_text=_("Rekan: unit kerja dan jenis/jenjang jabatan yang sama."),
    )

    def __init__(
        self,
        *args: Any,
        periods: QuerySet[Period],
        units: QuerySet[Unit],
        last_round: FeedbackRound | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        if last_round is not None:  # the agency's last settings are the starting point
            self.fields["min_respondents"].initial = last_round.min_respondents
            self.fields["max_assignments"].initial = last_round.max_assignments
            self.fields["peers_per_subject"].initial = last_round.peers_per_subject

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("whole_agency") == bool(data.get("units")):
            self.add_error("units", _("Pilih seluruh instansi atau sekurang-kurangnya satu unit."))
        return data


class AddRaterForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Rekan satu unit"), queryset=Employee.objects.none(), required=False
    )
    nip = forms.CharField(
        label=_("atau NIP pegawai lain"), max_length=18, required=False, strip=True
    )

    def __init__(self, *args: Any, candidates: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = candidates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("colleague")) == bool(data.get("nip")):
            raise forms.ValidationError(_("Pilih satu rekan atau isi satu NIP."))
        return data


class QuestionnaireForm(VersionForm):
    """The 21 behaviours on the labelled scale and a comment per value. Nothing is required
    here: a draft may be partial; sending checks completeness (the service)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(score), f"{score} · {label}") for score, label in SCALE]
        for number, value in enumerate(CORE_VALUES, start=1):
            for name, text in zip(value_fields(number), value.behaviours, strict=True):
                self.fields[name] = forms.TypedChoiceField(
                    label=text,
                    choices=choices,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    widget=forms.RadioSelect,
                )
            self.fields[COMMENT_FIELDS[number - 1]] = forms.CharField(
                label=_("Komentar tentang %(value)s (tidak wajib)") % {"value": value.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def sections(self) -> list[tuple[int, str, list[tuple[str, Any]], Any]]:
        """Per value: number, name, its three behaviours (letter, bound field) and its comment."""
        return [
            (
                number,
                value.name,
                [
                    (letter, self[name])
                    for letter, name in zip("abc", value_fields(number), strict=True)
                ],
                self[COMMENT_FIELDS[number - 1]],
            )
            for number, value in enumerate(CORE_VALUES, start=1)
        ]

    def answers(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The cleaned scores and comments, as the services take them."""
        data = self.cleaned_data
        scores = {
            name: data.get(name)
            for number in range(1, len(CORE_VALUES) + 1)
            for name in value_fields(number)
        }
        comments = {name: data.get(name, "") for name in COMMENT_FIELDS}
        return scores, comments
