"""Competency forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.competency.models import Competency, CompetencyKind, LevelSource

LEVEL_CHOICES = [(str(level), str(level)) for level in range(1, 6)]
STATUS_CHOICES = [("active", _("Aktif")), ("inactive", _("Nonaktif")), ("all", _("Semua"))]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class DictionaryFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau kode"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *CompetencyKind.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)


class CompetencyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis kompetensi"), choices=CompetencyKind.choices)
    code = forms.CharField(
        label=_("Kode"),
        max_length=30,
        help_text=_("Kode unik di instansi, dipakai di berkas impor hasil asesmen (mis. T-01)."),
    )
    name = forms.CharField(label=_("Nama kompetensi"), max_length=150)
    description = forms.CharField(
        label=_("Definisi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, competency: Competency | None = None, **kwargs: Any) -> None:
        if competency is not None and "initial" not in kwargs:
            descriptions = list(competency.level_descriptions or []) + [""] * 5
            kwargs["initial"] = {
                "kind": competency.kind,
                "code": competency.code,
                "name": competency.name,
                "description": competency.description,
                "version": competency.version,
                **{f"level_{n}": descriptions[n - 1] for n in range(1, 6)},
            }
        super().__init__(*args, **kwargs)
        for number in range(1, 6):
            self.fields[f"level_{number}"] = forms.CharField(
                label=_("Level %(n)s") % {"n": number},
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def level_fields(self) -> list[Any]:
        return [self[f"level_{number}"] for number in range(1, 6)]

    def level_descriptions(self) -> list[str]:
        return [self.cleaned_data[f"level_{number}"] for number in range(1, 6)]


class LevelTableForm(forms.Form):
    """One level choice per competency (`level_<id>`); an empty choice means "none"."""

    def __init__(
        self,
        *args: Any,
        competencies: list[Competency],
        initial_levels: dict[int, int],
        empty_label: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for competency in competencies:
            self.fields[f"level_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=[("", empty_label), *LEVEL_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial_levels.get(competency.pk),
            )

    def rows(self) -> list[tuple[Competency, Any]]:
        return [(c, self[f"level_{c.pk}"]) for c in self.competencies]

    def levels(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"level_{c.pk}") for c in self.competencies}


class SetLevelForm(forms.Form):
    competency = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Competency.objects.none())
    level = forms.TypedChoiceField(label=_("Level saat ini"), choices=LEVEL_CHOICES, coerce=int)
    assessed_on = forms.DateField(
        label=_("Tanggal penilaian"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.ChoiceField(label=_("Sumber"), choices=LevelSource.choices)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, competencies: Any, can_choose_source: bool, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("assessed_on", timezone.localdate())
        kwargs["initial"].setdefault("source", LevelSource.SUPERVISOR)
        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = competencies  # type: ignore[attr-defined]
        if not can_choose_source:
            del self.fields["source"]


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    below = forms.BooleanField(label=_("Hanya yang di bawah standar"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        help_text=_("Kolom: NIP, Kode Kompetensi, Level, Tanggal Asesmen, Catatan (tidak wajib)."),
    )
