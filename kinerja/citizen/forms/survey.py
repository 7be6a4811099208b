"""Forms of the satisfaction survey: the public questionnaire, the paper import and the
filters of the report and the responses list. Forms check shape; `services.survey` checks the
survey's rules and its messages are put back on the fields."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kinerja.citizen.ikm import ELEMENTS, QUESTIONS, Element
from kinerja.citizen.models import Education, Occupation, ResponseSource, Service, Sex
from kinerja.citizen.services.survey import COMMENT_MAX, TICKET_MAX, Answers, answer_field
from kinerja.citizen.survey_periods import SurveyPeriod, parse_period
from kinerja.org.models import Unit

NO_ANSWER = "0"  # the explicit "Tidak menjawab": stored as a blank
HONEYPOT = "website"
PICK_ONE = _("Pilih salah satu jawaban, atau “Tidak menjawab”.")


class FixedChoiceField(forms.ChoiceField):
    """A choice field whose choices and widget never change after the form class is built.

    A form copies every field deeply for each instance; for the nine elements and the profile
    that copy (choices, lazy labels, radio widgets) was an eighth of the CPU of a survey answer.
    These fields are shared between instances instead: nothing here changes them per form (the
    service field, whose choices are set per unit, stays a normal field).
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> FixedChoiceField:
        result = copy.copy(self)
        memo[id(self)] = result
        return result


@dataclass(frozen=True)
class ElementBlock:
    """One element of the questionnaire as the page shows it."""

    number: int
    element: Element
    question: str
    field: forms.BoundField


class SurveyForm(forms.Form):
    """The questionnaire: the service (when the page is the unit's), the nine elements in the
    regulation's order each with its own question and answers, the profile, a comment and the
    service ticket. `website` is a honeypot: hidden from people, filled in by bots."""

    service = forms.TypedChoiceField(
        label=_("Layanan yang Anda terima"),
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": _("Pilih layanan yang Anda terima.")},
    )
    age = forms.IntegerField(label=_("Umur (tahun)"), required=False, min_value=10, max_value=120)
    sex = FixedChoiceField(
        label=_("Jenis kelamin"),
        choices=Sex.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    education = FixedChoiceField(
        label=_("Pendidikan terakhir"),
        choices=[("", _("— pilih —")), *Education.choices],
        required=False,
    )
    occupation = FixedChoiceField(
        label=_("Pekerjaan"),
        choices=[("", _("— pilih —")), *Occupation.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Saran dan masukan"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    ticket_code = forms.CharField(
        label=_("Nomor tiket/antrean layanan"),
        required=False,
        max_length=TICKET_MAX,
        help_text=_("Jika ada, tertera pada tiket antrean atau tanda terima Anda."),
    )
    website = forms.CharField(required=False, label=_("Jangan diisi"))

    def __init__(self, *args: Any, services: Sequence[Service] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if services:
            service_field: Any = self.fields["service"]
            service_field.choices = [(s.pk, s.name) for s in services]
        else:
            del self.fields["service"]

    @property
    def element_blocks(self) -> list[ElementBlock]:
        return [
            ElementBlock(number, element, QUESTIONS[element][0], self[answer_field(element)])
            for number, element in enumerate(ELEMENTS, start=1)
        ]

    @property
    def is_bot(self) -> bool:
        """The honeypot is filled: a person cannot see it."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            answers={
                element: None
                if data[answer_field(element)] == NO_ANSWER
                else int(data[answer_field(element)])
                for element in ELEMENTS
            },
            age=data.get("age"),
            sex=data.get("sex", ""),
            education=data.get("education", ""),
            occupation=data.get("occupation", ""),
            comment=data.get("comment", ""),
            ticket_code=data.get("ticket_code", ""),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the reasons of `services.survey` back on the fields (others on the form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            target = name if name in self.fields and name != NON_FIELD_ERRORS else None
            self.add_error(target, messages)


def _element_field(number: int, element: Element) -> FixedChoiceField:
    _question, answers = QUESTIONS[element]
    return FixedChoiceField(
        label=format_lazy("{}. {}", number, element.label),
        choices=[
            *((str(value), label) for value, label in enumerate(answers, start=1)),
            (NO_ANSWER, _("Tidak menjawab")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": PICK_ONE, "invalid_choice": PICK_ONE},
    )


# The nine elements are declared once, after the service and before the profile: the form is
# built for every answer, and building 9 choice fields per request would cost the public page.
SurveyForm.base_fields = {
    "service": SurveyForm.base_fields["service"],
    **{
        answer_field(element): _element_field(number, element)
        for number, element in enumerate(ELEMENTS, start=1)
    },
    **{name: field for name, field in SurveyForm.base_fields.items() if name != "service"},
}


class PaperImportForm(forms.Form):
    """The unit (within reach), the service of the questionnaires when the file has no
    "Layanan" column, and the XLSX file."""

    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("— pilih unit —")
    )
    service = forms.ModelChoiceField(
        label=_("Layanan (bila berkas tidak punya kolom Layanan)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— dari kolom Layanan —"),
    )
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        help_text=_("Satu baris per kuesioner; judul kolom menyebut nama unsur."),
    )

    def __init__(self, *args: Any, units: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        service_field: Any = self.fields["service"]
        service_field.queryset = services
        service_field.label_from_instance = lambda s: f"{s.unit.name} · {s.name}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, service = data.get("unit"), data.get("service")
        if unit is not None and service is not None and service.unit_id != unit.pk:
            self.add_error("service", _("Layanan ini bukan layanan unit yang dipilih."))
        return data


def period_choices(periods: Iterable[SurveyPeriod]) -> list[tuple[str, str]]:
    return [(period.code, period.label) for period in periods]


def _unit_label(with_agency: bool) -> Any:
    """Units are labelled with their agency when the list spans several (national viewers)."""

    def label(unit: Unit) -> str:
        return f"{unit.agency.short_name} · {unit.name}" if with_agency else unit.name

    return label


class ResponseFilterForm(forms.Form):
    """Filters of the responses list."""

    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("Semua")
    )
    service = forms.ModelChoiceField(
        label=_("Layanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Semua"),
    )
    period = forms.ChoiceField(label=_("Periode"), required=False)
    source = forms.ChoiceField(
        label=_("Sumber"), required=False, choices=[("", _("Semua")), *ResponseSource.choices]
    )
    with_comment = forms.BooleanField(label=_("Hanya yang berisi saran"), required=False)

    def __init__(
        self,
        *args: Any,
        units: Any,
        services: Any,
        periods: list[SurveyPeriod],
        with_agency: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        unit_field.label_from_instance = _unit_label(with_agency)
        service_field: Any = self.fields["service"]
        service_field.queryset = services
        period_field: Any = self.fields["period"]
        period_field.choices = [("", _("Semua")), *period_choices(periods)]

    def clean_period(self) -> SurveyPeriod | None:
        code = self.cleaned_data.get("period") or ""
        return parse_period(code) if code else None
