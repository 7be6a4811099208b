"""Vacancies API: the vacant positions, the merit ranking of candidates with the reasons, and
the requirements the agency admin sets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.career.api.ledger import DENIED, INVALID, NOT_FOUND, CareerAPIView, validated
from kinerja.career.selectors import vacancies as selectors
from kinerja.career.services.vacancies import set_vacancy_requirement
from kinerja.core.api import AuthenticatedRequest
from kinerja.core.permissions import require
from kinerja.org.models import Position

TAGS = ["Karier: jabatan lowong dan merit"]


class VacancySerializer(serializers.ModelSerializer[Position]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    acting_name = serializers.CharField(read_only=True, allow_null=True)
    acting_kind = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Position
        fields = ["id", "name", "kind", "level", "unit", "unit_name", "acting_name", "acting_kind"]
        read_only_fields = fields


class TermsSerializer(serializers.Serializer[Any]):
    min_rank = serializers.CharField()
    min_credit = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    level = serializers.CharField(allow_null=True)
    lower_level = serializers.CharField(allow_null=True)
    is_derived = serializers.BooleanField()
    competency_total = serializers.IntegerField()


class CriterionSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    met = serializers.BooleanField(allow_null=True)
    detail = serializers.CharField()


class CandidateSerializer(serializers.Serializer[Any]):
    place = serializers.IntegerField()
    employee = serializers.IntegerField(source="employee_id")
    name = serializers.CharField()
    nip = serializers.CharField()
    rank = serializers.CharField()
    position = serializers.CharField(source="position_name")
    unit = serializers.CharField(source="unit_name")
    score = serializers.DecimalField(source="merit.score", max_digits=5, decimal_places=2)
    eligible = serializers.BooleanField(source="merit.eligible")
    criteria = CriterionSerializer(source="merit.criteria", many=True)


class RankingSerializer(serializers.Serializer[Any]):
    position = VacancySerializer()
    terms = TermsSerializer()
    candidates = CandidateSerializer(many=True)


class VacancyRequirementSerializer(serializers.Serializer[Any]):
    min_rank = serializers.CharField(required=False, default="", allow_blank=True)
    min_credit = serializers.DecimalField(
        max_digits=8, decimal_places=2, required=False, allow_null=True, default=None
    )
    note = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class VacancyListView(CareerAPIView):
    serializer_class = VacancySerializer

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("q", str), OpenApiParameter("kind", str)],
        responses={200: VacancySerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Active positions without a definitive holder (acting officials shown)."""
        require(request.user, "career.list_vacancies")
        rows = selectors.vacant_positions(
            request.user,
            q=request.query_params.get("q", "").strip(),
            kind=request.query_params.get("kind", ""),
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(VacancySerializer(page, many=True).data)


def _ranking(position: Position) -> dict[str, Any]:
    terms = selectors.vacancy_terms(position)
    return dict(
        RankingSerializer(
            {"position": position, "terms": terms, "candidates": selectors.ranking(position, terms)}
        ).data
    )


class RankingView(CareerAPIView):
    serializer_class = RankingSerializer

    @extend_schema(tags=TAGS, responses={200: RankingSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Candidates for a vacant position ranked by merit, with met/not met per criterion."""
        position = selectors.get_vacancy_for(request.user, pk)
        return Response(_ranking(position))


class VacancyRequirementView(CareerAPIView):
    serializer_class = VacancyRequirementSerializer

    @extend_schema(
        tags=TAGS,
        request=VacancyRequirementSerializer,
        responses={200: RankingSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The agency admin sets the minimum golongan / angka kredit of the position."""
        position = selectors.get_vacancy_for(request.user, pk)
        fields = validated(VacancyRequirementSerializer, request.data)
        set_vacancy_requirement(
            position,
            actor=request.user,
            min_rank=fields["min_rank"],
            min_credit=Decimal(fields["min_credit"]) if fields["min_credit"] is not None else None,
            note=fields["note"],
            expected_version=fields["version"],
        )
        return Response(_ranking(position))
