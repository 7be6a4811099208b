"""Employees' competencies API: current levels (read; set by the supervisor or agency admin
through the same service as the page), gaps per employee, and the gap report of a unit."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.competency.api.common import (
    DENIED,
    INVALID,
    NOT_FOUND,
    STALE,
    TAGS,
    CompetencyAPIView,
    validated,
)
from kinerja.competency.models import Competency, LevelSource
from kinerja.competency.selectors.profiles import (
    competency_gaps,
    get_profile_employee,
    profile_of,
)
from kinerja.competency.selectors.reports import get_report_unit, unit_report
from kinerja.competency.services.levels import set_employee_level
from kinerja.core.api import AuthenticatedRequest
from kinerja.core.permissions import require


class CompetencyLevelSerializer(serializers.Serializer[Any]):
    competency = serializers.IntegerField(source="competency_id")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    required = serializers.IntegerField(allow_null=True)  # type: ignore[assignment]
    current = serializers.IntegerField(allow_null=True)
    shortfall = serializers.IntegerField()
    source = serializers.CharField()  # type: ignore[assignment]
    assessed_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)


class CompetencyLevelsSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField()
    required = CompetencyLevelSerializer(many=True)  # type: ignore[assignment]
    other = CompetencyLevelSerializer(many=True)


class CompetencySetLevelSerializer(serializers.Serializer[Any]):
    competency = serializers.IntegerField()
    level = serializers.IntegerField()
    assessed_on = serializers.DateField(required=False)
    source = serializers.ChoiceField(choices=LevelSource.choices, default=LevelSource.SUPERVISOR)  # type: ignore[assignment]
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class CompetencyGapSerializer(serializers.Serializer[Any]):
    competency = serializers.IntegerField(source="competency_id")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    required = serializers.IntegerField()  # type: ignore[assignment]
    current = serializers.IntegerField(
        allow_null=True, help_text="null: belum dinilai (dihitung 0)"
    )
    gap = serializers.IntegerField(help_text="standar − saat ini (belum dinilai = 0)")
    shortfall = serializers.IntegerField(help_text="kesenjangan positif saja")


class CompetencyGapsSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField()
    gaps = CompetencyGapSerializer(many=True)


class CompetencyUnitGapRowSerializer(serializers.Serializer[Any]):
    competency = serializers.IntegerField(source="competency.pk")
    code = serializers.CharField(source="competency.code")
    name = serializers.CharField(source="competency.name")
    required = serializers.IntegerField()  # type: ignore[assignment]
    assessed = serializers.IntegerField()
    below = serializers.IntegerField()
    mean_shortfall = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class CompetencyUnitTotalsSerializer(serializers.Serializer[Any]):
    employees = serializers.IntegerField()
    required = serializers.IntegerField()  # type: ignore[assignment]
    assessed = serializers.IntegerField()
    below = serializers.IntegerField()
    mean_shortfall = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class CompetencyUnitGapsSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField(source="unit.pk")
    name = serializers.CharField(source="unit.name")
    totals = CompetencyUnitTotalsSerializer()
    competencies = CompetencyUnitGapRowSerializer(many=True, source="rows")


def _levels(employee_pk: int, request: AuthenticatedRequest) -> Response:
    employee = get_profile_employee(request.user, employee_pk)
    found = profile_of(employee)
    return Response(
        {
            "employee": employee.pk,
            "required": CompetencyLevelSerializer(found.required, many=True).data,
            "other": CompetencyLevelSerializer(found.other, many=True).data,
        }
    )


class EmployeeLevelsView(CompetencyAPIView):
    serializer_class = CompetencyLevelsSerializer

    @extend_schema(tags=TAGS, responses={200: CompetencyLevelsSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Required vs current levels (the employee, supervisor, head, admin, inspector)."""
        return _levels(pk, request)

    @extend_schema(
        tags=TAGS,
        request=CompetencySetLevelSerializer,
        responses={
            200: CompetencyLevelsSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Set one current level (the direct supervisor, or the agency admin); audited."""
        employee = get_profile_employee(request.user, pk)
        require(request.user, "competency.set_level", employee)
        fields = validated(CompetencySetLevelSerializer, request.data)
        competency = Competency.objects.filter(pk=fields["competency"]).first()
        if competency is None:
            raise Http404
        set_employee_level(
            employee,
            actor=request.user,
            competency=competency,
            level=fields["level"],
            assessed_on=fields.get("assessed_on"),
            source=fields["source"],
            note=fields["note"],
            expected_version=fields["version"],
        )
        return _levels(pk, request)


class EmployeeGapsView(CompetencyAPIView):
    serializer_class = CompetencyGapsSerializer

    @extend_schema(tags=TAGS, responses={200: CompetencyGapsSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The employee's gap per required competency."""
        employee = get_profile_employee(request.user, pk)
        gaps = competency_gaps([employee.pk])[employee.pk]
        return Response(
            {"employee": employee.pk, "gaps": CompetencyGapSerializer(gaps, many=True).data}
        )


class UnitGapsView(CompetencyAPIView):
    serializer_class = CompetencyUnitGapsSerializer

    @extend_schema(tags=TAGS, responses={200: CompetencyUnitGapsSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Per competency for the unit's subtree (heads of it, agency admin, inspector)."""
        unit = get_report_unit(request.user, pk)
        return Response(CompetencyUnitGapsSerializer(unit_report(unit)).data)
