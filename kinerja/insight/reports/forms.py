"""Forms of the agency performance reports page: ask for a report, filter the history."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.insight.models import ReportStatus
from kinerja.insight.reports.selectors import WHOLE_AGENCY
from kinerja.org.models import Unit
from kinerja.planning.models import Period


class UnitChoiceField(forms.ModelChoiceField):
    """Units indented by their depth in the tree."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class ReportRequestForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Periode"), queryset=Period.objects.none())
    unit = UnitChoiceField(label=_("Cakupan"), queryset=Unit.objects.none())

    def __init__(
        self,
        *args: Any,
        periods: QuerySet[Period],
        units: QuerySet[Unit],
        whole_agency: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["period"]).queryset = periods
        field = cast(forms.ModelChoiceField, self.fields["unit"])
        field.queryset = units
        field.required = not whole_agency
        field.empty_label = str(_("Seluruh instansi")) if whole_agency else _("Pilih unit kerja")
        self.has_choices = whole_agency or units.exists()


class ReportFilterForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Periode"), queryset=Period.objects.none(), required=False, empty_label=_("Semua")
    )
    unit = forms.ChoiceField(label=_("Cakupan"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *ReportStatus.choices]
    )

    def __init__(
        self,
        *args: Any,
        periods: QuerySet[Period],
        units: QuerySet[Unit],
        whole_agency: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["period"]).queryset = periods
        choices: list[tuple[str, Any]] = [("", _("Semua"))]
        if whole_agency:
            choices.append((WHOLE_AGENCY, _("Seluruh instansi")))
        choices += [(str(unit.pk), unit.name) for unit in units]
        cast(forms.ChoiceField, self.fields["unit"]).choices = choices
