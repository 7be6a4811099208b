"""Organisation API shapes: what goes in and comes out. Business rules live in `services`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_choice_field
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import Direction, extend_schema_field
from rest_framework import serializers

from kinerja.core.models import Role
from kinerja.org.models import (
    Employee,
    EmployeeType,
    Position,
    PositionKind,
    PositionLevel,
    Sex,
    Unit,
    UnitKind,
)
from kinerja.org.ranks import RANK_CHOICES

VERSION_HELP = _("Versi data yang Anda baca; bila data telah berubah sejak itu, jawabannya 409.")


@extend_schema_field(OpenApiTypes.INT)
class TenantPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An id looked up in the agency the write goes to; any other id is simply not found.

    The request's tenant scope already hides other agencies' rows; the `agency_id` in the
    serializer context also pins the lookup for superusers, who run unscoped.
    """

    def __init__(
        self,
        model: type[models.Model],
        *,
        not_found: str | Promise,
        active_only: bool = False,
        **kwargs: Any,
    ) -> None:
        self.model = model
        self.active_only = active_only
        kwargs["error_messages"] = {
            "does_not_exist": not_found,
            "incorrect_type": _("Isikan ID berupa angka."),
        }
        super().__init__(**kwargs)

    def get_queryset(self) -> models.QuerySet[Any]:
        rows = self.model.objects.all()  # type: ignore[attr-defined]
        agency_id = self.context.get("agency_id")
        if agency_id is not None:
            rows = rows.filter(agency_id=agency_id)
        return rows.filter(is_active=True) if self.active_only else rows


class TextChoicesField(serializers.ChoiceField):
    """A choice among a model's `TextChoices`, documented as the enum named after that class."""

    def __init__(self, choices_class: type[models.TextChoices], **kwargs: Any) -> None:
        self.choices_class = choices_class
        super().__init__(choices=choices_class.choices, **kwargs)


class TextChoicesFieldSchema(OpenApiSerializerFieldExtension):
    """`UnitKindEnum`, `PositionKindEnum`, `RoleEnum`: named by class, not by field name.

    Units and positions both call their kind `kind`, which drf-spectacular's enum naming (by
    field name) cannot tell apart.
    """

    target_class = TextChoicesField

    def get_name(self) -> str:
        return f"{self.target.choices_class.__name__}Enum"

    def map_serializer_field(self, auto_schema: AutoSchema, direction: Direction) -> dict[str, Any]:
        schema = build_choice_field(self.target)
        schema.pop("x-spec-enum-id", None)
        return schema


def unit_id_field(**kwargs: Any) -> TenantPrimaryKeyField:
    return TenantPrimaryKeyField(Unit, not_found=_("Unit tidak ditemukan."), **kwargs)


def position_id_field(**kwargs: Any) -> TenantPrimaryKeyField:
    return TenantPrimaryKeyField(Position, not_found=_("Jabatan tidak ditemukan."), **kwargs)


def employee_id_field(**kwargs: Any) -> TenantPrimaryKeyField:
    return TenantPrimaryKeyField(Employee, not_found=_("Pegawai tidak ditemukan."), **kwargs)


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


def require_version(attrs: dict[str, Any]) -> dict[str, Any]:
    """A partial update still must say which version it edits (optimistic concurrency)."""
    if "version" not in attrs:
        raise serializers.ValidationError({"version": [_("Versi data wajib dikirim.")]})
    return attrs


# --- Output --------------------------------------------------------------------------------


class NamedRefSerializer(serializers.Serializer):
    """A related agency, unit or position: its id and name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PositionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = TextChoicesField(PositionKind, read_only=True)


class EmployeeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)


class EmployeeSerializer(serializers.ModelSerializer):
    nip_display = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    rank_name = serializers.CharField(read_only=True)
    unit = NamedRefSerializer(read_only=True)
    position = PositionRefSerializer(read_only=True, allow_null=True)
    supervisor = EmployeeRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "nip",
            "nip_display",
            "employee_type",
            "name",
            "front_title",
            "back_title",
            "full_name",
            "sex",
            "birth_place",
            "birth_date",
            "rank",
            "rank_name",
            "rank_since",
            "unit",
            "position",
            "position_since",
            "supervisor",
            "education",
            "email",
            "phone",
            "is_active",
            "inactive_reason",
            "inactive_since",
            "version",
        ]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):
    kind = TextChoicesField(UnitKind, read_only=True)
    agency = NamedRefSerializer(read_only=True)
    parent = NamedRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "agency",
            "name",
            "kind",
            "code",
            "parent",
            "depth",
            "address",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class UnitListItemSerializer(UnitSerializer):
    active_employees = serializers.IntegerField(read_only=True)

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "active_employees"]
        read_only_fields = fields


class PositionSerializer(serializers.ModelSerializer):
    kind = TextChoicesField(PositionKind, read_only=True)
    unit = NamedRefSerializer(read_only=True)
    superior = NamedRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "name",
            "kind",
            "level",
            "grade",
            "unit",
            "superior",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class PositionListItemSerializer(PositionSerializer):
    holder_count = serializers.IntegerField(read_only=True)

    class Meta(PositionSerializer.Meta):
        fields = [*PositionSerializer.Meta.fields, "holder_count"]
        read_only_fields = fields


class ChartPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)
    rank = serializers.CharField(read_only=True)
    position = PositionRefSerializer(read_only=True, allow_null=True)


class ChartUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = TextChoicesField(UnitKind, read_only=True)


class ChartChildSerializer(serializers.Serializer):
    unit = ChartUnitSerializer(read_only=True)
    leaders = ChartPersonSerializer(many=True, read_only=True)
    headcount = serializers.IntegerField(read_only=True)


class ChartSerializer(ChartChildSerializer):
    """The org chart of a unit: its leaders and people, and each child unit's leaders."""

    people = ChartPersonSerializer(many=True, read_only=True)
    children = ChartChildSerializer(many=True, read_only=True)


class RoleSerializer(serializers.Serializer):
    code = TextChoicesField(Role, read_only=True)
    name = serializers.CharField(read_only=True)


class MeSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    agency = NamedRefSerializer(read_only=True, allow_null=True)
    roles = RoleSerializer(many=True, read_only=True)
    employee = EmployeeSerializer(read_only=True, allow_null=True)
    subordinate_count = serializers.IntegerField(read_only=True)


# --- Filters (query parameters) ------------------------------------------------------------


class EmployeeFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text=_("Cari nama atau awal NIP.")
    )
    unit = unit_id_field(required=False, allow_null=True)
    include_subunits = serializers.BooleanField(default=True)
    rank = serializers.ChoiceField(choices=RANK_CHOICES, required=False, allow_blank=True)
    employee_type = serializers.ChoiceField(
        choices=EmployeeType.choices, required=False, allow_blank=True
    )
    position_kind = serializers.ChoiceField(
        choices=PositionKind.choices, required=False, allow_blank=True
    )
    status = serializers.ChoiceField(
        choices=[("active", _("Aktif")), ("inactive", _("Nonaktif")), ("all", _("Semua"))],
        required=False,
        default="active",
    )


class UnitFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text=_("Cari nama unit.")
    )


class PositionFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text=_("Cari nama jabatan.")
    )
    unit = unit_id_field(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=PositionKind.choices, required=False, allow_blank=True)


# --- Input ---------------------------------------------------------------------------------


class EmployeePersonnelSerializer(serializers.Serializer):
    """The fields both adding and editing an employee accept."""

    employee_type = serializers.ChoiceField(choices=EmployeeType.choices, default=EmployeeType.PNS)
    nip = serializers.CharField(max_length=30, help_text=_("18 digit, boleh dengan spasi."))
    name = serializers.CharField(max_length=150)
    front_title = serializers.CharField(max_length=40, required=False, allow_blank=True)
    back_title = serializers.CharField(max_length=60, required=False, allow_blank=True)
    birth_place = serializers.CharField(max_length=80, required=False, allow_blank=True)
    birth_date = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    rank = serializers.ChoiceField(choices=RANK_CHOICES, required=False, allow_blank=True)
    rank_since = serializers.DateField(required=False, allow_null=True)
    position_since = serializers.DateField(required=False, allow_null=True)
    supervisor = employee_id_field(required=False, allow_null=True)
    education = serializers.CharField(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)


class EmployeeCreateSerializer(EmployeePersonnelSerializer):
    unit = unit_id_field(active_only=True)
    position = position_id_field(active_only=True, required=False, allow_null=True)


class EmployeeUpdateSerializer(EmployeePersonnelSerializer):
    """Personnel data; the unit and position change only through a transfer."""

    version = version_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        moved = sorted({"unit", "position"} & set(self.initial_data))
        if moved:
            message = _("Unit kerja dan jabatan diubah melalui mutasi (transfer).")
            raise serializers.ValidationError({name: [message] for name in moved})
        return require_version(attrs)


class EmployeeTransferSerializer(serializers.Serializer):
    unit = unit_id_field(active_only=True)
    position = position_id_field(active_only=True, required=False, allow_null=True, default=None)
    supervisor = employee_id_field(required=False, allow_null=True, default=None)
    effective_date = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    version = version_field()


class EmployeeDeactivateSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=200, help_text=_("Mis. pensiun, pindah instansi, meninggal dunia.")
    )
    since = serializers.DateField()
    version = version_field()


class VersionSerializer(serializers.Serializer):
    version = version_field()


class UnitCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = TextChoicesField(UnitKind)
    code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    # A declared field named `parent` replaces DRF's `Field.parent` only for the type checker.
    parent = unit_id_field(active_only=True, required=False, allow_null=True)  # type: ignore[assignment]
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)


class UnitUpdateSerializer(UnitCreateSerializer):
    version = version_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return require_version(attrs)


class PositionCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = TextChoicesField(PositionKind)
    level = serializers.ChoiceField(
        choices=PositionLevel.choices,
        required=False,
        allow_blank=True,
        help_text=_("Wajib untuk JPT dan jabatan fungsional."),
    )
    grade = serializers.IntegerField(min_value=1, max_value=17, required=False, allow_null=True)
    unit = unit_id_field(active_only=True)
    superior = position_id_field(required=False, allow_null=True)


class PositionUpdateSerializer(PositionCreateSerializer):
    version = version_field()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return require_version(attrs)


# --- Token ---------------------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, help_text=_("NIP atau nama pengguna."))
    password = serializers.CharField(
        max_length=128, write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
