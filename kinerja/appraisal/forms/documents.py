"""The export form: what to export, for which period and (optionally) which unit's subtree."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.exports import ExportKind
from kinerja.org.models import Unit
from kinerja.planning.models import Period


class ExportForm(forms.Form):
    what = forms.ChoiceField(label=_("Data"), choices=ExportKind.choices)
    period = forms.ModelChoiceField(label=_("Periode"), queryset=Period.objects.none())
    unit = forms.ModelChoiceField(
        label=_("Unit kerja"), queryset=Unit.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        periods: QuerySet[Period],
        units: QuerySet[Unit],
        whole_label: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = whole_label  # type: ignore[attr-defined]
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.tree_prefix}{unit.name}"  # type: ignore[attr-defined]
