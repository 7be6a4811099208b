"""Dictionary API: the agency's competencies with their five level descriptions; the
competency standard of a position (read and set by the agency admin)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.competency.api.common import (
    DENIED,
    INVALID,
    NOT_FOUND,
    TAGS,
    CompetencyAPIView,
    validated,
)
from kinerja.competency.models import Competency, CompetencyKind, PositionRequirement
from kinerja.competency.selectors.dictionary import (
    DictionaryFilters,
    competency_list,
    get_competency_for,
    get_position_for,
)
from kinerja.competency.services.requirements import set_position_requirements
from kinerja.core.api import AuthenticatedRequest
from kinerja.core.permissions import require


class CompetencySerializer(serializers.ModelSerializer[Competency]):
    kind = serializers.ChoiceField(choices=CompetencyKind.choices, read_only=True)
    level_descriptions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Competency
        fields = [
            "id",
            "code",
            "kind",
            "name",
            "description",
            "level_descriptions",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class PositionRequirementSerializer(serializers.Serializer[Any]):
    competency = serializers.IntegerField()
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    level = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)


class PositionRequirementsSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(read_only=True)
    requirements = PositionRequirementSerializer(many=True)


class DictionaryListView(CompetencyAPIView):
    serializer_class = CompetencySerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="nama, kode atau definisi"),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=CompetencyKind.values),
            OpenApiParameter("status", OpenApiTypes.STR, enum=["active", "inactive", "all"]),
        ],
        responses={200: CompetencySerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The agency's dictionary (everyone in the agency)."""
        require(request.user, "competency.view_dictionary")
        status = request.query_params.get("status", "active")
        filters = DictionaryFilters(
            q=request.query_params.get("q", "")[:100],
            kind=request.query_params.get("kind", ""),
            status=status if status in ("active", "inactive", "all") else "active",
        )
        page = self.paginate_queryset(competency_list(request.user, filters))
        return self.get_paginated_response(CompetencySerializer(page, many=True).data)


class DictionaryDetailView(CompetencyAPIView):
    serializer_class = CompetencySerializer

    @extend_schema(tags=TAGS, responses={200: CompetencySerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One entry of the dictionary."""
        return Response(CompetencySerializer(get_competency_for(request.user, pk)).data)


def _requirements(position_id: int) -> dict[str, Any]:
    rows = (
        PositionRequirement.objects.filter(position_id=position_id)
        .select_related("competency")
        .order_by("competency__kind", "competency__name")
    )
    return {
        "position": position_id,
        "requirements": [
            {
                "competency": row.competency_id,
                "code": row.competency.code,
                "name": row.competency.name,
                "level": row.level,
            }
            for row in rows
        ],
    }


class PositionRequirementsView(CompetencyAPIView):
    serializer_class = PositionRequirementsSerializer

    @extend_schema(tags=TAGS, responses={200: PositionRequirementsSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The competency standard of a position (agency admin)."""
        position = get_position_for(request.user, pk)
        return Response(_requirements(position.pk))

    @extend_schema(
        tags=TAGS,
        request=PositionRequirementsSerializer,
        responses={200: PositionRequirementsSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Set levels of the competencies listed (`level: null` removes one); others stay."""
        position = get_position_for(request.user, pk)
        fields = validated(PositionRequirementsSerializer, request.data)
        levels = {row["competency"]: row["level"] for row in fields["requirements"]}
        if Competency.objects.filter(pk__in=list(levels)).count() != len(levels):
            raise Http404
        set_position_requirements(position, actor=request.user, levels=levels)
        return Response(_requirements(position.pk))
