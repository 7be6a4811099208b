"""Development forms: they check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.competency.models import Competency
from kinerja.development.models import (
    Delivery,
    InternalTrainer,
    PlanStatus,
    ReasonKind,
    Recommendation,
    RecommendationStatus,
    Training,
)
from kinerja.development.money import rupiah
from kinerja.org.models import Employee, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD = 5 * 1024 * 1024


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label=_("Tahun"), min_value=2000, max_value=2100, required=False, **kwargs)


class TrainingForm(forms.ModelForm):  # type: ignore[type-arg]
    competency = forms.ModelChoiceField(
        label=_("Kompetensi yang dikembangkan"),
        queryset=Competency.objects.none(),
        required=False,
        help_text=_("Wajib untuk pelatihan internal: pengajarnya dicocokkan dari kompetensi ini."),
    )

    class Meta:
        model = Training
        fields = [
            "title",
            "delivery",
            "competency",
            "provider",
            "jp",
            "cost",
            "external_equivalent_cost",
            "min_trainer_level",
            "description",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        competency = self.fields["competency"]
        assert isinstance(competency, forms.ModelChoiceField)
        competency.queryset = Competency.objects.filter(is_active=True).order_by("name")


class TrainerForm(forms.Form):
    nip = forms.CharField(label=_("NIP pegawai"), max_length=18)
    competency = forms.ModelChoiceField(label=_("Kompetensi"), queryset=Competency.objects.none())
    available_from = forms.DateField(label=_("Tersedia mulai"), required=False, widget=DATE)
    available_until = forms.DateField(label=_("Tersedia sampai"), required=False, widget=DATE)
    availability_note = forms.CharField(
        label=_("Keterangan ketersediaan"),
        required=False,
        max_length=255,
        help_text=_("Misalnya: Selasa dan Kamis siang, di luar jam layanan."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        competency = self.fields["competency"]
        assert isinstance(competency, forms.ModelChoiceField)
        competency.queryset = Competency.objects.filter(is_active=True).order_by("name")

    def clean_nip(self) -> Employee:
        nip = "".join(self.cleaned_data["nip"].split())
        employee = Employee.objects.filter(nip=nip, is_active=True).first()
        if employee is None:
            raise forms.ValidationError(_("Tidak ada pegawai aktif dengan NIP ini."))
        return employee


class TrainerEditForm(VersionForm):
    available_from = forms.DateField(label=_("Tersedia mulai"), required=False, widget=DATE)
    available_until = forms.DateField(label=_("Tersedia sampai"), required=False, widget=DATE)
    availability_note = forms.CharField(
        label=_("Keterangan ketersediaan"), required=False, max_length=255
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False)


def _choice_label(training: Training) -> str:
    label = f"{training.title} — {training.jp} JP, {rupiah(training.cost)}"
    if training.saving:
        return label + " " + str(_("(hemat %(amount)s)") % {"amount": rupiah(training.saving)})
    return label


class ItemStepForm(forms.Form):
    """Step 1 of adding a training: which one, and when (a GET form)."""

    # Radio buttons, internal first: their labels wrap on a phone and show the saving.
    training = forms.TypedChoiceField(label=_("Pelatihan"), coerce=int, widget=forms.RadioSelect)
    start_date = forms.DateField(label=_("Mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Selesai"), widget=DATE)
    recommendation = forms.ModelChoiceField(
        label=_("Menjawab rekomendasi"),
        queryset=Recommendation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=_("Tidak terkait rekomendasi"),
    )

    def __init__(
        self,
        *args: Any,
        trainings: QuerySet[Training],
        recommendations: QuerySet[Recommendation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.trainings = {training.pk: training for training in trainings}
        internal = [(pk, _choice_label(t)) for pk, t in self.trainings.items() if t.is_internal]
        external = [(pk, _choice_label(t)) for pk, t in self.trainings.items() if not t.is_internal]
        training = self.fields["training"]
        recommendation = self.fields["recommendation"]
        assert isinstance(training, forms.TypedChoiceField)
        assert isinstance(recommendation, forms.ModelChoiceField)
        training.choices = [
            (_("Internal (lebih hemat)"), internal),
            (_("Eksternal"), external),
        ]
        recommendation.queryset = recommendations

    def clean_training(self) -> Training:
        return self.trainings[self.cleaned_data["training"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai sebelum tanggal mulai."))
        return data


class TrainerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.employee.name} — {obj.employee.unit.name} (level {obj.level})"


class ItemForm(ItemStepForm):
    """Step 2: the same, with the matching internal trainer to pick."""

    trainer = TrainerChoiceField(
        label=_("Pengajar internal"),
        queryset=InternalTrainer.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args: Any, trainers: QuerySet[InternalTrainer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainer = self.fields["trainer"]
        assert isinstance(trainer, forms.ModelChoiceField)
        trainer.queryset = trainers


class ReturnForm(VersionForm):
    note = forms.CharField(
        label=_("Catatan untuk pegawai"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    certificate = forms.FileField(
        label=_("Sertifikat (PDF, PNG atau JPEG, paling besar 5 MB)"), required=False
    )

    def clean_certificate(self) -> Any:
        upload = self.cleaned_data.get("certificate")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Berkas lebih dari 5 MB."))
        return upload


class RecordForm(CompleteForm):
    title = forms.CharField(label=_("Kegiatan pengembangan"), max_length=200)
    jp = forms.IntegerField(label=_("JP"), min_value=1, max_value=500)

    field_order = ["title", "jp", "completed_on", "certificate"]


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Alasan diabaikan"), max_length=300)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    delivery = forms.ChoiceField(
        label=_("Penyelenggaraan"),
        required=False,
        choices=[("", _("Semua")), *Delivery.choices],
    )


class TrainerFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    competency = forms.ModelChoiceField(
        label=_("Kompetensi"), required=False, queryset=Competency.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        competency = self.fields["competency"]
        assert isinstance(competency, forms.ModelChoiceField)
        competency.queryset = Competency.objects.order_by("name")


class RecommendationFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *RecommendationStatus.choices]
    )
    reason = forms.ChoiceField(
        label=_("Dasar"), required=False, choices=[("", _("Semua")), *ReasonKind.choices]
    )
    year = YearField()


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *PlanStatus.choices]
    )
    year = YearField()


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class JpFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    unit = UnitChoiceField(label=_("Unit kerja"), required=False, queryset=Unit.objects.none())
    year = YearField()
    everyone = forms.BooleanField(label=_("Tampilkan juga yang sudah memenuhi"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = units

    def year_or_current(self) -> int:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return int(data.get("year") or timezone.localdate().year)


class YearForm(forms.Form):
    year = YearField()

    def year_or_current(self) -> int:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return int(data.get("year") or timezone.localdate().year)
