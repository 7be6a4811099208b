"""Evaluation forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.models import (
    RATING_CHOICES,
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
)
from kinerja.appraisal.predicate import OrganisationPredicate
from kinerja.planning.models import Period

TEXT = forms.Textarea(attrs={"rows": 3})
OPTIONAL_RATING = [("", _("— tidak diminta —")), *RATING_CHOICES]
CHOOSE_RATING = [("", _("— pilih —")), *RATING_CHOICES]


class VersionForm(forms.Form):
    """The version of the record the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EvaluationFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=Period.objects.none(), required=False
    )
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *EvaluationKind.choices], required=False
    )
    subperiod = forms.IntegerField(label=_("Periode ke"), required=False, min_value=0)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), *EvaluationStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, periods: QuerySet[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]


class OpenEvaluationForm(forms.Form):
    plan = forms.IntegerField(widget=forms.HiddenInput)
    subperiod = forms.IntegerField(label=_("Evaluasi"), min_value=0)


class RateForm(VersionForm):
    """The rater's decision; nothing is preselected, not even the suggestion."""

    results_rating = forms.ChoiceField(label=_("Rating hasil kerja"), choices=CHOOSE_RATING)
    behaviour_rating = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=CHOOSE_RATING)
    results_note = forms.CharField(label=_("Catatan hasil kerja"), required=False, widget=TEXT)
    behaviour_note = forms.CharField(label=_("Catatan perilaku kerja"), required=False, widget=TEXT)


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Alasan"), widget=TEXT)


class OrganisationPredicateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    period = forms.IntegerField(widget=forms.HiddenInput)
    subperiod = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    organisation_predicate = forms.ChoiceField(
        label=_("Predikat kinerja organisasi"),
        choices=[
            ("", _("— pilih predikat —")),
            *((p.value, p.value) for p in OrganisationPredicate),
        ],
        error_messages={"required": _("Pilih predikat kinerja organisasi.")},
    )
    basis = forms.CharField(label=_("Dasar penetapan"), widget=TEXT)


class AdjustForm(VersionForm):
    field = forms.ChoiceField(
        label=_("Rating yang disesuaikan"),
        choices=[
            ("results_rating", _("Rating hasil kerja")),
            ("behaviour_rating", _("Rating perilaku kerja")),
        ],
    )
    value = forms.ChoiceField(label=_("Menjadi"), choices=RATING_CHOICES)
    reason = forms.CharField(label=_("Alasan penyesuaian"), widget=forms.TextInput)


class ObjectionForm(forms.Form):
    reason = forms.CharField(label=_("Alasan keberatan"), widget=TEXT)
    requested_results_rating = forms.ChoiceField(
        label=_("Rating hasil kerja yang diminta"), choices=OPTIONAL_RATING, required=False
    )
    requested_behaviour_rating = forms.ChoiceField(
        label=_("Rating perilaku kerja yang diminta"), choices=OPTIONAL_RATING, required=False
    )


class DecideObjectionForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (ObjectionStatus.ACCEPTED.value, ObjectionStatus.ACCEPTED.label),
            (ObjectionStatus.PARTLY_ACCEPTED.value, ObjectionStatus.PARTLY_ACCEPTED.label),
            (ObjectionStatus.REJECTED.value, ObjectionStatus.REJECTED.label),
        ],
    )
    results_rating = forms.ChoiceField(
        label=_("Rating hasil kerja baru"), choices=OPTIONAL_RATING, required=False
    )
    behaviour_rating = forms.ChoiceField(
        label=_("Rating perilaku kerja baru"), choices=OPTIONAL_RATING, required=False
    )
    decision = forms.CharField(label=_("Uraian keputusan"), widget=TEXT)
