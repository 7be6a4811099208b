"""Oversight forms: they check the shape of the input; the services check the business rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.appraisal.evidence import ACCEPTED_LABEL
from kinerja.core.models import User
from kinerja.org.models import Employee, Unit
from kinerja.oversight.models import AuditStatus, FindingCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionForm(forms.Form):
    """The version of the record the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class SingleUnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class InspectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        employee = getattr(obj, "employee", None)
        return employee.full_name if employee is not None else (obj.get_full_name() or obj.username)


class LeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        employee = getattr(obj, "employee", None)
        return employee.full_name if employee is not None else (obj.get_full_name() or obj.username)


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        position = obj.position.name if obj.position_id else _("tanpa jabatan")
        return f"{obj.full_name} · {position} · {obj.unit.name}"


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari judul atau nomor surat tugas"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *AuditStatus.choices]
    )


class AuditForm(forms.Form):
    title = forms.CharField(label=_("Judul pemeriksaan"), max_length=200)
    letter_number = forms.CharField(
        label=_("Nomor surat tugas"),
        max_length=100,
        help_text=_("Contoh: 700/123/ST/Inspektorat/2026"),
    )
    objectives = forms.CharField(
        label=_("Tujuan pemeriksaan"), widget=forms.Textarea(attrs={"rows": 3})
    )
    scope = forms.CharField(
        label=_("Ruang lingkup"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    planned_start = forms.DateField(label=_("Rencana mulai"), widget=DATE)
    planned_end = forms.DateField(label=_("Rencana selesai"), widget=DATE)
    units = UnitChoiceField(
        label=_("Unit yang diperiksa"),
        queryset=Unit.objects.none(),
        help_text=_("Setiap unit diperiksa bersama unit di bawahnya."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    team = InspectorChoiceField(
        label=_("Tim pemeriksa"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    lead = LeadChoiceField(label=_("Ketua tim"), queryset=User.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], inspectors: QuerySet[User], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["team"].queryset = inspectors  # type: ignore[attr-defined]
        self.fields["lead"].queryset = inspectors  # type: ignore[attr-defined]


class VisitForm(forms.Form):
    unit = SingleUnitField(label=_("Unit yang dikunjungi"), queryset=Unit.objects.none())
    visited_on = forms.DateField(label=_("Tanggal kunjungan"), widget=DATE)
    notes = forms.CharField(label=_("Catatan lapangan"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class FindingForm(forms.Form):
    unit = SingleUnitField(label=_("Unit"), queryset=Unit.objects.none())
    category = forms.ChoiceField(label=_("Kategori"), choices=FindingCategory.choices)
    title = forms.CharField(label=_("Judul temuan"), max_length=200)
    condition = forms.CharField(
        label=_("Kondisi"),
        help_text=_("Apa yang ditemukan di lapangan."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    criteria = forms.CharField(
        label=_("Kriteria"),
        help_text=_("Ketentuan atau standar yang seharusnya dipenuhi."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cause = forms.CharField(
        label=_("Sebab"),
        help_text=_("Mengapa kondisi berbeda dari kriteria."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    effect = forms.CharField(
        label=_("Akibat"),
        help_text=_("Dampak bagi layanan, kinerja atau keuangan."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Rekomendasi"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = OwnerChoiceField(
        label=_("Penanggung jawab"),
        queryset=Employee.objects.none(),
        help_text=_("Biasanya kepala unit yang diperiksa."),
    )
    due_date = forms.DateField(label=_("Batas waktu"), widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, owners: QuerySet[Employee], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class NotApplicableForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan tidak dapat ditindaklanjuti"), widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("Uraian tindak lanjut"), widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("Berkas bukti"),
        help_text=_("Jenis yang diterima: %(types)s.") % {"types": ACCEPTED_LABEL},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("accept", _("Terima")), ("reject", _("Tolak"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Catatan tinjauan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila ditolak."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StatusForm(forms.Form):
    target = forms.ChoiceField(choices=AuditStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
