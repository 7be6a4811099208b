"""Reports API: the 20 JP shortfall list and the saving of internal training per unit."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest
from kinerja.core.permissions import require
from kinerja.development.api.base import DENIED, TAGS, DevelopmentAPIView
from kinerja.development.selectors import reports as selectors


class ShortfallSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    nip = serializers.CharField()
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField(source="unit.name")
    jp = serializers.IntegerField()
    shortfall = serializers.IntegerField()


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class ShortfallView(DevelopmentAPIView):
    serializer_class = ShortfallSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("q", str),
            OpenApiParameter("unit", int),
            OpenApiParameter("everyone", bool),
        ],
        responses={200: ShortfallSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Employees in reach under 20 JP in the year (PP 11/2017), fewest first."""
        require(request.user, "development.view_reports")
        params = request.query_params
        unit = None
        if params.get("unit"):
            unit = selectors.units_in_reach(request.user).filter(pk=params["unit"]).first()
            if unit is None:
                raise Http404
        page = self.paginate_queryset(
            selectors.jp_totals(
                request.user,
                year=_year(params.get("year")),
                q=params.get("q", ""),
                unit=unit,
                short_only=params.get("everyone") not in ("1", "true"),
            )
        )
        return self.get_paginated_response(ShortfallSerializer(page, many=True).data)


class SavingRowSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField()
    items = serializers.IntegerField()
    participants = serializers.IntegerField()
    jp = serializers.IntegerField()
    internal_cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    external_cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    saving = serializers.DecimalField(max_digits=16, decimal_places=2)


class SavingsSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    rows = SavingRowSerializer(many=True)


class SavingsView(DevelopmentAPIView):
    serializer_class = SavingsSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("year", int)],
        responses={200: SavingsSerializer, 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The external cost avoided by completed internal trainings, per unit, with the total."""
        require(request.user, "development.view_savings")
        found = selectors.savings_per_unit(
            request.user, year=_year(request.query_params.get("year"))
        )
        return Response(SavingsSerializer(found).data)
