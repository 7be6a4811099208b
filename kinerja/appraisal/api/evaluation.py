"""Evaluation REST API: the same selectors (reads) and services (writes) as the pages.

Objects outside the caller's reach answer 404; refusals answer 400/403 with the reason; a
stale `version` answers 409 (core exception handler). A final evaluation refuses every write
with 400 and the reason.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kinerja.appraisal.models import (
    CalibrationAdjustment,
    Evaluation,
    Objection,
    ObjectionStatus,
    UnitAssessment,
)
from kinerja.appraisal.predicate import OrganisationPredicate
from kinerja.appraisal.selectors import calibration as unit_selectors
from kinerja.appraisal.selectors import evaluation as selectors
from kinerja.appraisal.selectors import objections as objection_selectors
from kinerja.appraisal.services import calibration, objections
from kinerja.appraisal.services import evaluation as services
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.planning.models import PerformancePlan, Period

TAGS = ["Evaluasi kinerja"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk di luar jangkauan).")
)
INVALID = OpenApiResponse(
    description=gettext_lazy("Data tidak valid, evaluasi sudah final, atau aturan alur kerja.")
)
STALE = OpenApiResponse(description=gettext_lazy("Data telah berubah sejak versi yang dikirim."))
VERSION_HELP = gettext_lazy(
    "Versi yang Anda baca; bila data telah berubah sejak itu, jawabannya 409."
)
RATING_HELP = gettext_lazy(
    "Di Atas Ekspektasi, Sesuai Ekspektasi atau Di Bawah Ekspektasi (label resmi)."
)


def _rating(*, required: bool = True) -> serializers.CharField:
    """A rating by its official label; the service refuses anything else with a reason."""
    if required:
        return serializers.CharField(help_text=RATING_HELP)
    return serializers.CharField(
        help_text=RATING_HELP, required=False, allow_blank=True, default=""
    )


# --- Shapes ------------------------------------------------------------------------------------


class EvaluationListItemSerializer(serializers.ModelSerializer[Evaluation]):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    period_name = serializers.CharField(source="period.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    rater_name = serializers.CharField(source="rater.full_name", read_only=True, default=None)
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    results_rating = serializers.CharField(read_only=True)
    behaviour_rating = serializers.CharField(read_only=True)
    predicate = serializers.CharField(read_only=True)
    suggested_results_rating = serializers.CharField(read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "period",
            "period_name",
            "kind",
            "subperiod",
            "employee",
            "employee_name",
            "employee_nip",
            "unit",
            "unit_name",
            "rater",
            "rater_name",
            "status",
            "results_rating",
            "behaviour_rating",
            "predicate",
            "suggested_results_rating",
            "version",
        ]


class IndicatorRowSerializer(serializers.Serializer[Any]):
    indicator = serializers.IntegerField(source="indicator.pk")
    text = serializers.CharField(source="indicator.text")
    aspect = serializers.CharField(source="indicator.aspect")
    is_main = serializers.BooleanField()
    plan = serializers.IntegerField(source="plan.pk")
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    realisation = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    achievement = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)


class EvaluationSerializer(EvaluationListItemSerializer):
    indicators = serializers.SerializerMethodField()
    suggestion_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(EvaluationListItemSerializer.Meta):
        fields = [
            *EvaluationListItemSerializer.Meta.fields,
            "plan",
            "suggestion_reasons",
            "results_note",
            "behaviour_note",
            "snapshot",
            "rated_at",
            "finalised_at",
            "indicators",
        ]

    def get_indicators(self, evaluation: Evaluation) -> list[dict[str, Any]]:
        rows = selectors.evaluation_document(evaluation).rows
        return list(IndicatorRowSerializer(rows, many=True).data)


class EvaluationFilterSerializer(serializers.Serializer[Any]):
    period = serializers.IntegerField(required=False)
    kind = serializers.CharField(required=False, help_text=gettext_lazy("periodik atau tahunan"))
    subperiod = serializers.IntegerField(required=False, min_value=0)
    status = serializers.CharField(required=False, help_text=gettext_lazy("draft, rated, final"))
    q = serializers.CharField(required=False, allow_blank=True)


class EvaluationOpenSerializer(serializers.Serializer[Any]):
    plan = serializers.IntegerField()
    subperiod = serializers.IntegerField(min_value=0, help_text=gettext_lazy("0: tahunan"))


class EvaluationVersionSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0, help_text=VERSION_HELP)


class EvaluationRateSerializer(EvaluationVersionSerializer):
    results_rating = _rating()
    behaviour_rating = _rating()
    results_note = serializers.CharField(required=False, allow_blank=True, default="")
    behaviour_note = serializers.CharField(required=False, allow_blank=True, default="")


class EvaluationReasonSerializer(EvaluationVersionSerializer):
    reason = serializers.CharField()


class EvaluationAdjustSerializer(EvaluationVersionSerializer):
    field = serializers.ChoiceField(choices=["results_rating", "behaviour_rating"])  # AdjustedField
    value = _rating()
    reason = serializers.CharField()


class AdjustmentSerializer(serializers.ModelSerializer[CalibrationAdjustment]):
    class Meta:
        model = CalibrationAdjustment
        fields = ["id", "evaluation", "field", "old_value", "new_value", "reason", "created_at"]


class UnitAssessmentSerializer(serializers.ModelSerializer[UnitAssessment]):
    kind = serializers.CharField(read_only=True)
    distribution = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()
    adjustments = serializers.SerializerMethodField()

    class Meta:
        model = UnitAssessment
        fields = [
            "id",
            "unit",
            "period",
            "kind",
            "subperiod",
            "organisation_predicate",
            "basis",
            "breach_reason",
            "breach_confirmed_at",
            "finalised_at",
            "version",
            "distribution",
            "missing",
            "adjustments",
        ]

    def get_distribution(self, assessment: UnitAssessment) -> dict[str, Any]:
        check = unit_selectors.unit_distribution(
            assessment.organisation_predicate,
            unit_selectors.unit_evaluations(
                assessment.unit, assessment.period, assessment.subperiod
            ),
        )
        return {
            "total": check.total,
            "counts": {p.value: c for p, c in check.counts.items()},
            "passes": check.passes,
            "breaches": list(check.messages),
        }

    def get_missing(self, assessment: UnitAssessment) -> list[str]:
        return unit_selectors.missing_ratings(
            assessment.unit, assessment.period, assessment.subperiod
        )

    def get_adjustments(self, assessment: UnitAssessment) -> list[dict[str, Any]]:
        return list(AdjustmentSerializer(unit_selectors.adjustments_of(assessment), many=True).data)


class UnitPredicateSetSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    period = serializers.IntegerField()
    subperiod = serializers.IntegerField(min_value=0, help_text=gettext_lazy("0: tahunan"))
    organisation_predicate = serializers.ChoiceField(
        choices=[(p.value, p.value) for p in OrganisationPredicate]
    )
    basis = serializers.CharField()
    version = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)


class ObjectionSerializer(serializers.ModelSerializer[Objection]):
    status = serializers.CharField(read_only=True)
    requested_results_rating = serializers.CharField(read_only=True)
    requested_behaviour_rating = serializers.CharField(read_only=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "evaluation",
            "reason",
            "requested_results_rating",
            "requested_behaviour_rating",
            "decide_by",
            "decider",
            "status",
            "decision",
            "decided_at",
            "old_predicate",
            "new_predicate",
            "created_at",
            "version",
        ]


class ObjectionFileSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField()
    requested_results_rating = _rating(required=False)
    requested_behaviour_rating = _rating(required=False)


class ObjectionDecideSerializer(EvaluationVersionSerializer):
    outcome = serializers.ChoiceField(
        choices=[
            ObjectionStatus.ACCEPTED.value,
            ObjectionStatus.PARTLY_ACCEPTED.value,
            ObjectionStatus.REJECTED.value,
        ]
    )
    decision = serializers.CharField()
    results_rating = _rating(required=False)
    behaviour_rating = _rating(required=False)


# --- Views -------------------------------------------------------------------------------------


class ListPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class EvaluationAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = ListPagination
    request: AuthenticatedRequest


def _validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _detail(request: AuthenticatedRequest, pk: int) -> Response:
    return Response(EvaluationSerializer(selectors.get_evaluation_for(request.user, pk)).data)


class EvaluationListView(EvaluationAPIView):
    """The evaluations the caller may see (their own, those they rate, their units')."""

    serializer_class = EvaluationListItemSerializer

    def get_queryset(self) -> QuerySet[Evaluation]:
        filters = _validated(EvaluationFilterSerializer, self.request.query_params)
        period = None
        if "period" in filters:
            period = Period.objects.filter(pk=filters["period"]).first()
            if period is None:
                return Evaluation.objects.none()
        return selectors.evaluations_visible_to(
            self.request.user,
            selectors.EvaluationFilters(
                period=period,
                kind=filters.get("kind", ""),
                subperiod=filters.get("subperiod"),
                status=filters.get("status", ""),
                q=filters.get("q", ""),
            ),
        )

    @extend_schema(
        tags=TAGS,
        parameters=[EvaluationFilterSerializer],
        responses={200: EvaluationListItemSerializer(many=True)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """List the evaluations visible to the caller."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(EvaluationListItemSerializer(page, many=True).data)


class EvaluationDetailView(EvaluationAPIView):
    serializer_class = EvaluationSerializer

    @extend_schema(tags=TAGS, responses={200: EvaluationSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One evaluation with its indicators, achievement and the suggested results rating."""
        return _detail(request, pk)


class EvaluationOpenView(EvaluationAPIView):
    serializer_class = EvaluationOpenSerializer

    @extend_schema(
        tags=TAGS,
        request=EvaluationOpenSerializer,
        responses={201: EvaluationSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """The rater opens the periodic (1..n) or annual (0) evaluation of an SKP they rate."""
        fields = _validated(EvaluationOpenSerializer, request.data)
        plan = PerformancePlan.objects.select_related("period").filter(pk=fields["plan"]).first()
        if plan is None or not request.user.has_perm("planning.view_plan", plan):
            raise Http404
        evaluation = services.open_evaluation(
            plan, actor=request.user, subperiod=fields["subperiod"]
        )
        return Response(
            EvaluationSerializer(selectors.get_evaluation_for(request.user, evaluation.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class EvaluationRateView(EvaluationAPIView):
    serializer_class = EvaluationRateSerializer

    @extend_schema(
        tags=TAGS,
        request=EvaluationRateSerializer,
        responses={
            200: EvaluationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The rater sets both ratings; the predicate follows the matrix."""
        evaluation = selectors.get_evaluation_for(request.user, pk)
        fields = _validated(EvaluationRateSerializer, request.data)
        services.rate_evaluation(
            evaluation,
            actor=request.user,
            expected_version=fields["version"],
            results_rating=fields["results_rating"],
            behaviour_rating=fields["behaviour_rating"],
            results_note=fields["results_note"],
            behaviour_note=fields["behaviour_note"],
        )
        return _detail(request, pk)


class EvaluationReopenView(EvaluationAPIView):
    serializer_class = EvaluationReasonSerializer

    @extend_schema(
        tags=TAGS,
        request=EvaluationReasonSerializer,
        responses={
            200: EvaluationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """An agency admin reopens a final evaluation, with a reason."""
        evaluation = selectors.get_evaluation_for(request.user, pk)
        fields = _validated(EvaluationReasonSerializer, request.data)
        services.reopen_evaluation(
            evaluation,
            actor=request.user,
            expected_version=fields["version"],
            reason=fields["reason"],
        )
        return _detail(request, pk)


class EvaluationAdjustView(EvaluationAPIView):
    serializer_class = EvaluationAdjustSerializer

    @extend_schema(
        tags=TAGS,
        request=EvaluationAdjustSerializer,
        responses={
            200: EvaluationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The head adjusts one rating in the calibration session, with a reason."""
        evaluation = selectors.get_evaluation_for(request.user, pk)
        fields = _validated(EvaluationAdjustSerializer, request.data)
        calibration.adjust_rating(
            evaluation,
            actor=request.user,
            expected_version=fields["version"],
            field=fields["field"],
            value=fields["value"],
            reason=fields["reason"],
        )
        return _detail(request, pk)


class ObjectionFileView(EvaluationAPIView):
    serializer_class = ObjectionFileSerializer

    @extend_schema(
        tags=TAGS,
        request=ObjectionFileSerializer,
        responses={201: ObjectionSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The employee objects to their final evaluation within the deadline."""
        evaluation = selectors.get_evaluation_for(request.user, pk)
        fields = _validated(ObjectionFileSerializer, request.data)
        objection = objections.file_objection(evaluation, actor=request.user, **fields)
        return Response(ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)


class UnitAssessmentSetView(EvaluationAPIView):
    serializer_class = UnitPredicateSetSerializer

    @extend_schema(
        tags=TAGS,
        request=UnitPredicateSetSerializer,
        responses={
            200: UnitAssessmentSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """The head above sets the unit's organisation predicate for a sub-period or the year."""
        fields = _validated(UnitPredicateSetSerializer, request.data)
        unit = unit_selectors.get_unit_for(request.user, fields["unit"])
        period = Period.objects.filter(pk=fields["period"]).first()
        if period is None:
            raise Http404
        assessment = calibration.set_organisation_predicate(
            unit,
            actor=request.user,
            period=period,
            subperiod=fields["subperiod"],
            organisation_predicate=fields["organisation_predicate"],
            basis=fields["basis"],
            expected_version=fields["version"],
        )
        return Response(
            UnitAssessmentSerializer(
                unit_selectors.get_assessment_for(request.user, assessment.pk)
            ).data
        )


class UnitAssessmentDetailView(EvaluationAPIView):
    serializer_class = UnitAssessmentSerializer

    @extend_schema(tags=TAGS, responses={200: UnitAssessmentSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The unit's organisation predicate with the distribution check and who is missing."""
        assessment = unit_selectors.get_assessment_for(request.user, pk)
        return Response(UnitAssessmentSerializer(assessment).data)


class UnitAssessmentConfirmView(EvaluationAPIView):
    serializer_class = EvaluationReasonSerializer

    @extend_schema(
        tags=TAGS,
        request=EvaluationReasonSerializer,
        responses={
            200: UnitAssessmentSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The head confirms a breach of the distribution pattern with a written reason."""
        assessment = unit_selectors.get_assessment_for(request.user, pk)
        fields = _validated(EvaluationReasonSerializer, request.data)
        calibration.confirm_breach(
            assessment,
            actor=request.user,
            expected_version=fields["version"],
            reason=fields["reason"],
        )
        return Response(
            UnitAssessmentSerializer(unit_selectors.get_assessment_for(request.user, pk)).data
        )


class UnitAssessmentFinaliseView(EvaluationAPIView):
    serializer_class = EvaluationVersionSerializer

    @extend_schema(
        tags=TAGS,
        request=EvaluationVersionSerializer,
        responses={
            200: UnitAssessmentSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Finalise the unit: every evaluation of the unit becomes final."""
        assessment = unit_selectors.get_assessment_for(request.user, pk)
        fields = _validated(EvaluationVersionSerializer, request.data)
        calibration.finalise_unit(
            assessment, actor=request.user, expected_version=fields["version"]
        )
        return Response(
            UnitAssessmentSerializer(unit_selectors.get_assessment_for(request.user, pk)).data
        )


class ObjectionListView(EvaluationAPIView):
    serializer_class = ObjectionSerializer

    @extend_schema(tags=TAGS, responses={200: ObjectionSerializer(many=True)})
    def get(self, request: AuthenticatedRequest) -> Response:
        """The objections the caller filed, decides or oversees."""
        page = self.paginate_queryset(objection_selectors.objections_visible_to(request.user))
        return self.get_paginated_response(ObjectionSerializer(page, many=True).data)


class ObjectionDetailView(EvaluationAPIView):
    serializer_class = ObjectionSerializer

    @extend_schema(tags=TAGS, responses={200: ObjectionSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One objection."""
        return Response(
            ObjectionSerializer(objection_selectors.get_objection_for(request.user, pk)).data
        )


class ObjectionDecideView(EvaluationAPIView):
    serializer_class = ObjectionDecideSerializer

    @extend_schema(
        tags=TAGS,
        request=ObjectionDecideSerializer,
        responses={200: ObjectionSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The rater's superior accepts, partly accepts or rejects the objection."""
        objection = objection_selectors.get_objection_for(request.user, pk)
        fields = _validated(ObjectionDecideSerializer, request.data)
        decided = objections.decide_objection(
            objection,
            actor=request.user,
            expected_version=fields["version"],
            outcome=fields["outcome"],
            decision=fields["decision"],
            results_rating=fields["results_rating"],
            behaviour_rating=fields["behaviour_rating"],
        )
        return Response(ObjectionSerializer(decided).data)
