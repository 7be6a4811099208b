"""Complaint forms (staff and public): they check the shape of the input; the services check
the business rules (limits, who may do what, open or closed)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.citizen.deadlines import ComplaintClass, DayCounting
from kinerja.citizen.models import Channel, ComplaintStatus, Service
from kinerja.citizen.selectors.complaints import OPEN
from kinerja.org.models import Employee, Unit

TEXT = forms.Textarea(attrs={"rows": 4})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DESK_CHANNELS = [
    (c.value, c.label) for c in (Channel.DESK, Channel.PHONE, Channel.LETTER, Channel.WEB)
]


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Units in tree order, indented by depth."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.tree_prefix}{obj.name}"


class ServiceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.unit.name})"


class EmployeeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        position = f", {obj.position.name}" if obj.position_id else ""
        return f"{obj.full_name}{position} · {obj.unit.name}"


class VersionForm(forms.Form):
    """The version of the complaint the user read (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


# --- Staff -------------------------------------------------------------------------------------


class ComplaintFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari tiket, judul atau nomor LAPOR"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), (OPEN, _("Belum selesai")), *ComplaintStatus.choices],
        required=False,
    )
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("Semua unit")
    )
    complaint_class = forms.ChoiceField(
        label=_("Klasifikasi"),
        choices=[("", _("Semua klasifikasi")), *ComplaintClass.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Saluran"), choices=[("", _("Semua saluran")), *Channel.choices], required=False
    )
    received_from = forms.DateField(label=_("Diterima dari"), required=False, widget=DATE)
    received_to = forms.DateField(label=_("Sampai"), required=False, widget=DATE)
    overdue = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)
    mine = forms.BooleanField(label=_("Pengaduan saya"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class DeskComplaintForm(forms.Form):
    """A complaint received at the desk, by phone or by letter."""

    unit = UnitChoiceField(
        label=_("Unit yang diadukan"),
        queryset=Unit.objects.none(),
        empty_label=_("— pilih unit —"),
    )
    service = ServiceChoiceField(
        label=_("Layanan"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("— tidak terkait layanan tertentu —"),
    )
    channel = forms.ChoiceField(label=_("Saluran"), choices=DESK_CHANNELS, initial=Channel.DESK)
    complaint_class = forms.ChoiceField(
        label=_("Klasifikasi"), choices=ComplaintClass.choices, initial=ComplaintClass.INFORMATION
    )
    received_at = forms.DateTimeField(
        label=_("Diterima"),
        required=False,
        help_text=_(
            "Kosongkan bila diterima sekarang; isi bila diterima lebih awal "
            "(mis. surat yang tiba kemarin)."
        ),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    complainant_name = forms.CharField(label=_("Nama pelapor"), required=False, max_length=120)
    complainant_contact = forms.CharField(
        label=_("Kontak pelapor (telepon/email)"), required=False, max_length=120
    )
    subject = forms.CharField(label=_("Judul"), max_length=200)
    description = forms.CharField(label=_("Isi pengaduan"), widget=TEXT, max_length=5000)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], services: QuerySet[Service], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["service"].queryset = services  # type: ignore[attr-defined]


class AssignForm(VersionForm):
    assignee = EmployeeChoiceField(
        label=_("Tugaskan kepada"),
        queryset=Employee.objects.none(),
        empty_label=_("— pilih pegawai —"),
    )

    def __init__(self, *args: Any, employees: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = employees  # type: ignore[attr-defined]


class ClassifyForm(VersionForm):
    complaint_class = forms.ChoiceField(label=_("Klasifikasi baru"), choices=ComplaintClass.choices)
    reason = forms.CharField(label=_("Alasan perubahan"), widget=forms.TextInput)


class RespondForm(VersionForm):
    response = forms.CharField(
        label=_("Tanggapan untuk pelapor"),
        widget=TEXT,
        help_text=_("Terlihat oleh pelapor di halaman status tiket."),
    )


class ResolveForm(VersionForm):
    resolution = forms.CharField(
        label=_("Penyelesaian"),
        widget=TEXT,
        help_text=_("Apa yang sudah dilakukan. Terlihat oleh pelapor di halaman status tiket."),
    )


class RejectForm(VersionForm):
    reason = forms.CharField(
        label=_("Alasan tidak dapat ditindaklanjuti"),
        widget=TEXT,
        help_text=_("Terlihat oleh pelapor di halaman status tiket."),
    )


class ComplaintImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas ekspor SP4N-LAPOR! (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    unit = UnitChoiceField(
        label=_("Unit tujuan"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— dari kolom Unit di berkas —"),
        help_text=_(
            "Dipakai untuk baris yang kolom Unit-nya kosong, atau bila berkas tanpa kolom Unit."
        ),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    name = forms.CharField(label=_("Keterangan"), max_length=120)


class HolidayImportForm(forms.Form):
    lines = forms.CharField(
        label=_("Daftar tanggal"),
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "2026-08-17 Hari Kemerdekaan"}),
        help_text=_(
            "Satu tanggal per baris, diikuti keterangannya: 2026-08-17 Hari Kemerdekaan, "
            "atau 17/08/2026; Hari Kemerdekaan."
        ),
    )


class CitizenSettingsForm(forms.Form):
    day_counting = forms.ChoiceField(
        label=_("Batas waktu pengaduan dihitung dalam"),
        choices=DayCounting.choices,
        widget=forms.RadioSelect,
    )


# --- Public ------------------------------------------------------------------------------------


class PublicComplaintForm(forms.Form):
    """The citizen's complaint; name and contact optional (anonymous complaints are allowed).

    `website` is a honeypot: hidden from people, filled in by bots.
    """

    unit = forms.TypedChoiceField(label=_("Unit/kantor yang diadukan"), coerce=int)
    service = forms.TypedChoiceField(
        label=_("Layanan (bila ada)"), coerce=int, required=False, empty_value=None
    )
    subject = forms.CharField(label=_("Judul pengaduan"), max_length=200)
    description = forms.CharField(
        label=_("Isi pengaduan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Ceritakan apa yang terjadi, kapan dan di mana."),
    )
    complainant_name = forms.CharField(
        label=_("Nama (boleh dikosongkan)"), required=False, max_length=120
    )
    complainant_contact = forms.CharField(
        label=_("Nomor HP atau email (boleh dikosongkan)"),
        required=False,
        max_length=120,
        help_text=_("Hanya untuk petugas bila perlu menghubungi Anda; tidak pernah ditampilkan."),
    )
    website = forms.CharField(label=_("Jangan diisi"), required=False)

    def __init__(
        self, *args: Any, units: list[Unit], services: list[Service], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ChoiceField)
        unit_field.choices = [
            ("", _("— pilih unit —")),
            *((unit.pk, f"{'— ' * unit.depth}{unit.name}") for unit in units),
        ]
        service_field = self.fields["service"]
        assert isinstance(service_field, forms.ChoiceField)
        service_field.choices = [
            ("", _("— tidak terkait layanan tertentu —")),
            *((service.pk, f"{service.name} ({service.unit.name})") for service in services),
        ]

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Formulir tidak dapat diterima."))
        return ""


class StatusLookupForm(forms.Form):
    tiket = forms.CharField(
        label=_("Kode tiket"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "placeholder": "ADU-XXXXXXXX",
                "autocomplete": "off",
                "autocapitalize": "characters",
            }
        ),
    )


class RatingForm(forms.Form):
    tiket = forms.CharField(widget=forms.HiddenInput, max_length=20)
    rating = forms.TypedChoiceField(
        label=_("Seberapa puas Anda dengan penyelesaiannya?"),
        coerce=int,
        choices=[
            (5, _("5 — Sangat puas")),
            (4, _("4 — Puas")),
            (3, _("3 — Cukup")),
            (2, _("2 — Kurang puas")),
            (1, _("1 — Tidak puas")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Komentar (boleh dikosongkan)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
