"""Organisation forms: shapes only; the business rules live in `services`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.org.models import (
    ActingKind,
    Employee,
    EmployeeType,
    ImportKind,
    Position,
    PositionKind,
    PositionLevel,
    Sex,
    Unit,
    UnitKind,
)
from kinerja.org.nip import compact
from kinerja.org.ranks import RANK_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        return f"{'— ' * obj.depth}{obj.name}"


def unit_field(label: Any, *, required: bool = True, empty_label: Any = None) -> UnitChoiceField:
    return UnitChoiceField(
        queryset=Unit.objects.none(),
        label=label,
        required=required,
        empty_label=empty_label or _("— pilih unit —"),
    )


def set_choices(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    """Give a model-choice field of `form` its (tenant-scoped) queryset."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def positions_of(unit_id: object) -> QuerySet[Position]:
    """The active positions of the unit chosen in a form (none before a unit is chosen)."""
    if isinstance(unit_id, Unit):
        unit_id = unit_id.pk
    if not str(unit_id or "").isdigit():
        return Position.objects.none()
    return Position.objects.filter(unit_id=int(str(unit_id)), is_active=True).order_by("name")


class SupervisorField(forms.CharField):
    """The supervisor, typed as a NIP (a select of thousands of people would not be usable)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("NIP atasan langsung"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Kosongkan bila tidak ada atasan (mis. kepala instansi)."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Employee | None:  # type: ignore[override]
        text = compact(super().clean(value) or "")
        if not text:
            return None
        supervisor = Employee.objects.filter(nip=text).first()
        if supervisor is None:
            raise forms.ValidationError(
                _("Tidak ada pegawai dengan NIP %(nip)s di instansi ini."), params={"nip": text}
            )
        return supervisor


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False)
    unit = unit_field(_("Unit kerja"), required=False, empty_label=_("Semua unit"))
    rank = forms.ChoiceField(
        label=_("Golongan"), required=False, choices=[("", _("Semua golongan")), *RANK_CHOICES]
    )
    employee_type = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("PNS & PPPK")), *EmployeeType.choices]
    )
    position_kind = forms.ChoiceField(
        label=_("Jenis jabatan"),
        required=False,
        choices=[("", _("Semua jabatan")), *PositionKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Aktif")), ("inactive", _("Nonaktif")), ("all", _("Semua"))],
    )

    # Above this many units the filter offers the top-level units (and the chosen one): a
    # select of thousands of options would make the page slow and unusable.
    FULL_TREE_LIMIT = 300

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units.count() > self.FULL_TREE_LIMIT:
            chosen = self.data.get("unit")
            shallow = Q(depth=0)
            if str(chosen or "").isdigit():
                shallow |= Q(pk=int(str(chosen)))
            units = units.filter(shallow)
        set_choices(self, "unit", units)


class EmployeeForm(forms.Form):
    employee_type = forms.ChoiceField(label=_("Jenis pegawai"), choices=EmployeeType.choices)
    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=30,
        help_text=_("18 digit, boleh dengan spasi: 19860926 201505 1 001"),
    )
    front_title = forms.CharField(label=_("Gelar depan"), required=False, max_length=40)
    name = forms.CharField(label=_("Nama lengkap (tanpa gelar)"), max_length=150)
    back_title = forms.CharField(label=_("Gelar belakang"), required=False, max_length=60)
    birth_place = forms.CharField(label=_("Tempat lahir"), required=False, max_length=80)
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DATE)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices)
    rank = forms.ChoiceField(
        label=_("Golongan/ruang"), required=False, choices=[("", "—"), *RANK_CHOICES]
    )
    rank_since = forms.DateField(label=_("TMT golongan"), required=False, widget=DATE)
    unit = unit_field(_("Unit kerja"))
    position: forms.ModelChoiceField[Position] = forms.ModelChoiceField(
        queryset=Position.objects.none(), label=_("Jabatan"), required=False
    )
    position_since = forms.DateField(label=_("TMT jabatan"), required=False, widget=DATE)
    supervisor = SupervisorField()
    education = forms.CharField(label=_("Pendidikan terakhir"), required=False, max_length=40)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Telepon"), required=False, max_length=20)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", units)
        set_choices(
            self, "position", positions_of(self.data.get("unit") or self.initial.get("unit"))
        )
        if editing:
            # A move to another unit or position is a transfer: it keeps the history.
            for name in ("unit", "position", "position_since"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Diubah melalui menu Mutasi.")
        self.fields["unit"].widget.attrs.update(
            {
                "hx-get": "/organisasi/jabatan/pilihan/",
                "hx-target": "#id_position",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )

    @classmethod
    def initial_from(cls, employee: Employee) -> dict[str, Any]:
        initial = {
            name: getattr(employee, name)
            for name in (
                "employee_type",
                "nip",
                "front_title",
                "name",
                "back_title",
                "birth_place",
                "birth_date",
                "sex",
                "rank",
                "rank_since",
                "position_since",
                "education",
                "email",
                "phone",
                "version",
            )
        }
        initial.update(
            unit=employee.unit_id,
            position=employee.position_id,
            supervisor=employee.supervisor.nip if employee.supervisor else "",
        )
        return initial

    def service_fields(self) -> dict[str, Any]:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "version" and not self.fields[name].disabled
        }


class TransferForm(forms.Form):
    unit = unit_field(_("Unit kerja tujuan"))
    position: forms.ModelChoiceField[Position] = forms.ModelChoiceField(
        queryset=Position.objects.none(), label=_("Jabatan baru"), required=False
    )
    supervisor = SupervisorField(label=_("NIP atasan baru"))
    effective_date = forms.DateField(
        label=_("Berlaku mulai (TMT)"), widget=DATE, initial=timezone.localdate
    )
    note = forms.CharField(label=_("Nomor SK / keterangan"), required=False, max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", units)
        set_choices(self, "position", positions_of(self.data.get("unit")))
        self.fields["unit"].widget.attrs.update(
            {
                "hx-get": "/organisasi/jabatan/pilihan/",
                "hx-target": "#id_position",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=200,
        help_text=_("Mis. pensiun, pindah instansi, meninggal dunia."),
    )
    since = forms.DateField(label=_("Nonaktif sejak"), widget=DATE, initial=timezone.localdate)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Nama unit"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=UnitKind.choices)
    code = forms.CharField(label=_("Kode"), required=False, max_length=40)
    parent = unit_field(_("Unit induk"), required=False)
    address = forms.CharField(label=_("Alamat"), required=False, max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "parent", units)


class PositionForm(forms.Form):
    name = forms.CharField(label=_("Nama jabatan"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis jabatan"), choices=PositionKind.choices)
    level = forms.ChoiceField(
        label=_("Jenjang"),
        required=False,
        choices=[("", "—"), *PositionLevel.choices],
        help_text=_("Wajib untuk JPT dan jabatan fungsional."),
    )
    grade = forms.IntegerField(label=_("Kelas jabatan"), required=False, min_value=1, max_value=17)
    unit = unit_field(_("Unit kerja"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "unit", units)


class ActingForm(forms.Form):
    acting_employee = SupervisorField(label=_("NIP pejabat Plt./Plh."), required=True, help_text="")
    kind = forms.ChoiceField(label=_("Jenis"), choices=ActingKind.choices)
    start_date = forms.DateField(label=_("Mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Selesai"), widget=DATE)
    decree_number = forms.CharField(label=_("Nomor surat perintah"), required=False, max_length=100)


ACCEPTED_TYPES = (
    ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class ImportUploadForm(forms.Form):
    """The kind of data and the file; what the file holds is checked by `importing`."""

    kind = forms.ChoiceField(
        label=_("Jenis data"), choices=ImportKind.choices, initial=ImportKind.EMPLOYEES
    )
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx) atau CSV"),
        allow_empty_file=True,  # an empty file gets the importer's own message
        widget=forms.FileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
