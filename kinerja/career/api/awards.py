"""Awards and sanction path API: the recommendations with their evidence, the admin's decision,
and the employees on the sanction path with their trail."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from kinerja.career.api.ledger import DENIED, INVALID, NOT_FOUND, CareerAPIView, validated
from kinerja.career.models import AwardDecision
from kinerja.career.selectors import awards as selectors
from kinerja.career.selectors.credits import get_employee_for
from kinerja.career.services.awards import decide_award
from kinerja.core.api import AuthenticatedRequest
from kinerja.core.permissions import require

TAGS = ["Karier: penghargaan dan sanksi"]
SEARCH = OpenApiParameter("q", str, description="nama atau NIP")


class AwardEvidenceSerializer(serializers.Serializer[Any]):
    evaluation = serializers.IntegerField(source="evaluation_id")
    predicate = serializers.CharField()
    period = serializers.CharField(source="period_name")
    label = serializers.CharField()  # type: ignore[assignment]
    finalised_at = serializers.DateTimeField(allow_null=True)


class TalentSerializer(serializers.Serializer[Any]):
    box = serializers.IntegerField()
    performance = serializers.CharField()
    potential = serializers.CharField()
    computed_at = serializers.DateTimeField()
    basis = serializers.JSONField()


class DecisionSerializer(serializers.ModelSerializer[AwardDecision]):
    class Meta:
        model = AwardDecision
        fields = ["id", "basis_key", "outcome", "award", "note", "version", "updated_at"]
        read_only_fields = fields


class CareerEmployeeRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    nip = serializers.CharField()
    name = serializers.CharField(source="full_name")
    unit = serializers.CharField(source="unit.name")


class AwardRecommendationSerializer(serializers.Serializer[Any]):
    employee = CareerEmployeeRefSerializer()
    basis = serializers.CharField(help_text="predikat, talenta atau keduanya")
    basis_key = serializers.CharField()
    latest = AwardEvidenceSerializer(allow_null=True)
    talent = TalentSerializer(allow_null=True)
    decision = DecisionSerializer(allow_null=True)


class SanctionSerializer(serializers.Serializer[Any]):
    employee = CareerEmployeeRefSerializer()
    reason = serializers.CharField(source="finding.reason")
    reason_label = serializers.CharField()
    trail = AwardEvidenceSerializer(many=True)
    follow_up = serializers.CharField()


class DecideSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=AwardDecision.Outcome.choices)
    award = serializers.CharField(max_length=150, required=False, default="", allow_blank=True)
    note = serializers.CharField(required=False, default="", allow_blank=True)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class AwardListView(CareerAPIView):
    serializer_class = AwardRecommendationSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[SEARCH],
        responses={200: AwardRecommendationSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Award recommendations (latest final predicate Sangat Baik and/or box 9)."""
        require(request.user, "career.view_awards")
        found = selectors.recommendations(request.user, q=request.query_params.get("q", "").strip())
        page: list[Any] | None = self.paginate_queryset(found)  # type: ignore[arg-type]
        return self.get_paginated_response(AwardRecommendationSerializer(page, many=True).data)


class AwardDecisionView(CareerAPIView):
    serializer_class = DecideSerializer

    @extend_schema(
        tags=TAGS,
        request=DecideSerializer,
        responses={200: AwardRecommendationSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, employee_pk: int) -> Response:
        """The agency admin records the decision on the employee's current recommendation."""
        employee = get_employee_for(request.user, employee_pk, perm="career.decide_award")
        recommendation = selectors.recommendation_for(request.user, employee)
        if recommendation is None:
            raise Http404
        fields = validated(DecideSerializer, request.data)
        recommendation.decision = decide_award(
            employee,
            actor=request.user,
            basis_key=recommendation.basis_key,
            outcome=fields["outcome"],
            award=fields["award"],
            note=fields["note"],
            expected_version=fields["version"],
        )
        return Response(AwardRecommendationSerializer(recommendation).data)


class SanctionListView(CareerAPIView):
    serializer_class = SanctionSerializer

    @extend_schema(
        tags=TAGS, parameters=[SEARCH], responses={200: SanctionSerializer(many=True), 403: DENIED}
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Employees on the sanction path, each with the predicates that put them there."""
        require(request.user, "career.view_awards")
        cases = selectors.sanction_cases(request.user, q=request.query_params.get("q", "").strip())
        page: list[Any] | None = self.paginate_queryset(cases)  # type: ignore[arg-type]
        return self.get_paginated_response(SanctionSerializer(page, many=True).data)
