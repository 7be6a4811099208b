"""Plans, recommendations and records API: an employee's development, the plan workflow
(create, add items, propose, agree, return, complete with the certificate), recommendations
(list, refresh, dismiss)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest
from kinerja.core.exceptions import PermissionDenied
from kinerja.core.permissions import require
from kinerja.development.api.base import (
    DENIED,
    INVALID,
    NOT_FOUND,
    STALE,
    TAGS,
    DevelopmentAPIView,
    validated,
)
from kinerja.development.models import (
    DevelopmentPlan,
    DevelopmentRecord,
    InternalTrainer,
    PlanItem,
    Recommendation,
    Training,
)
from kinerja.development.selectors import people as selectors
from kinerja.development.services import plans as services
from kinerja.development.services import recommendations

MAX_CERTIFICATE = 5 * 1024 * 1024


class DevelopmentRecommendationSerializer(serializers.ModelSerializer[Recommendation]):
    employee_name = serializers.CharField(source="employee.name", read_only=True)
    suggested_training_title = serializers.CharField(
        source="suggested_training.title", default=None, read_only=True
    )

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "employee",
            "employee_name",
            "year",
            "reason",
            "reason_text",
            "source_key",
            "competency",
            "suggested_training",
            "suggested_training_title",
            "status",
            "dismiss_reason",
            "version",
        ]
        read_only_fields = fields


class RecordSerializer(serializers.ModelSerializer[DevelopmentRecord]):
    has_certificate = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentRecord
        fields = [
            "id",
            "employee",
            "year",
            "title",
            "jp",
            "completed_on",
            "training",
            "plan_item",
            "has_certificate",
        ]
        read_only_fields = fields

    def get_has_certificate(self, record: DevelopmentRecord) -> bool:
        return bool(record.certificate)


class ItemSerializer(serializers.ModelSerializer[PlanItem]):
    training_title = serializers.CharField(source="training.title", read_only=True)
    delivery = serializers.CharField(source="training.delivery", read_only=True)
    trainer_name = serializers.CharField(
        source="trainer.employee.name", default=None, read_only=True
    )
    completed_on = serializers.SerializerMethodField()

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "training",
            "training_title",
            "delivery",
            "trainer",
            "trainer_name",
            "recommendation",
            "start_date",
            "end_date",
            "jp",
            "cost",
            "completed_on",
        ]
        read_only_fields = fields

    def get_completed_on(self, item: PlanItem) -> dt.date | None:
        record = getattr(item, "record", None)
        return record.completed_on if record else None


class DevelopmentPlanSerializer(serializers.ModelSerializer[DevelopmentPlan]):
    employee_name = serializers.CharField(source="employee.name", read_only=True)

    class Meta:
        model = DevelopmentPlan
        fields = [
            "id",
            "employee",
            "employee_name",
            "year",
            "status",
            "return_note",
            "proposed_at",
            "agreed_at",
            "version",
        ]
        read_only_fields = fields


class PlanDetailSerializer(DevelopmentPlanSerializer):
    items = serializers.SerializerMethodField()

    class Meta(DevelopmentPlanSerializer.Meta):
        fields = [*DevelopmentPlanSerializer.Meta.fields, "items"]
        read_only_fields = fields

    def get_items(self, plan: DevelopmentPlan) -> list[dict[str, Any]]:
        return list(ItemSerializer(selectors.plan_items(plan), many=True).data)


class DevelopmentSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField(source="employee.pk")
    year = serializers.IntegerField(source="standing.year")
    jp_total = serializers.IntegerField(source="standing.total")
    jp_shortfall = serializers.IntegerField(source="standing.shortfall")
    recommendations = DevelopmentRecommendationSerializer(many=True)
    plan = DevelopmentPlanSerializer(allow_null=True)
    records = RecordSerializer(many=True)


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


class EmployeeDevelopmentView(DevelopmentAPIView):
    serializer_class = DevelopmentSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("year", int)],
        responses={200: DevelopmentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """An employee's JP of the year, recommendations, plan and records."""
        employee = selectors.get_employee_for(request.user, pk)
        found = selectors.development_of(employee, _year(request.query_params.get("year")))
        return Response(DevelopmentSerializer(found).data)


class YearSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class RefreshedSerializer(serializers.Serializer[Any]):
    created = serializers.IntegerField()


class RecommendationListView(DevelopmentAPIView):
    serializer_class = DevelopmentRecommendationSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("status", str),
            OpenApiParameter("reason", str),
            OpenApiParameter("year", int),
        ],
        responses={200: DevelopmentRecommendationSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Recommendations of the employees in reach."""
        require(request.user, "development.view_reports")
        params = request.query_params
        page = self.paginate_queryset(
            selectors.recommendations_visible_to(
                request.user,
                q=params.get("q", ""),
                status=params.get("status", ""),
                reason=params.get("reason", ""),
                year=_year(params["year"]) if params.get("year") else None,
            )
        )
        return self.get_paginated_response(
            DevelopmentRecommendationSerializer(page, many=True).data
        )


class RecommendationRefreshView(DevelopmentAPIView):
    serializer_class = RefreshedSerializer

    @extend_schema(
        tags=TAGS,
        request=YearSerializer,
        responses={200: RefreshedSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Refresh the recommendations of the agency (admin) or the direct team (supervisor)."""
        require(request.user, "development.view_reports")
        agency = request.user.agency
        if agency is None:
            raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
        year = validated(YearSerializer, request.data)["year"]
        created = recommendations.refresh_recommendations(agency, actor=request.user, year=year)
        return Response({"created": created})


class DismissSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=300)


class RecommendationDismissView(DevelopmentAPIView):
    serializer_class = DevelopmentRecommendationSerializer

    @extend_schema(
        tags=TAGS,
        request=DismissSerializer,
        responses={
            200: DevelopmentRecommendationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Set a recommendation aside with the reason (supervisor, agency admin)."""
        found = selectors.get_recommendation_for(request.user, pk)
        reason = validated(DismissSerializer, request.data)["reason"]
        dismissed = recommendations.dismiss_recommendation(found, actor=request.user, reason=reason)
        return Response(DevelopmentRecommendationSerializer(dismissed).data)


class PlanCreateSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class PlanListView(DevelopmentAPIView):
    serializer_class = DevelopmentPlanSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("status", str),
            OpenApiParameter("year", int),
        ],
        responses={200: DevelopmentPlanSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Plans of the employees in reach."""
        require(request.user, "development.view_reports")
        params = request.query_params
        page = self.paginate_queryset(
            selectors.plans_visible_to(
                request.user,
                q=params.get("q", ""),
                status=params.get("status", ""),
                year=_year(params["year"]) if params.get("year") else None,
            )
        )
        return self.get_paginated_response(DevelopmentPlanSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=PlanCreateSerializer,
        responses={201: PlanDetailSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Start an employee's plan for a year (the employee, the supervisor, the admin)."""
        fields = validated(PlanCreateSerializer, request.data)
        employee = selectors.get_employee_for(request.user, fields["employee"])
        plan = services.create_plan(employee, actor=request.user, year=fields["year"])
        return Response(PlanDetailSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanDetailView(DevelopmentAPIView):
    serializer_class = PlanDetailSerializer

    @extend_schema(tags=TAGS, responses={200: PlanDetailSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(PlanDetailSerializer(selectors.get_plan_for(request.user, pk)).data)


class ItemCreateSerializer(serializers.Serializer[Any]):
    training = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    trainer = serializers.IntegerField(required=False, allow_null=True, default=None)
    recommendation = serializers.IntegerField(required=False, allow_null=True, default=None)


def _found(model: Any, pk: int | None) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


class PlanItemsView(DevelopmentAPIView):
    serializer_class = ItemSerializer

    @extend_schema(
        tags=TAGS,
        request=ItemCreateSerializer,
        responses={201: ItemSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Add a training to a draft plan; an internal one needs a matching `trainer`."""
        plan = selectors.get_plan_for(request.user, pk)
        fields = validated(ItemCreateSerializer, request.data)
        item = services.add_item(
            plan,
            actor=request.user,
            training=_found(Training, fields["training"]),
            start_date=fields["start_date"],
            end_date=fields["end_date"],
            trainer=_found(InternalTrainer, fields["trainer"]),
            recommendation=_found(Recommendation, fields["recommendation"]),
        )
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)


class DevelopmentPlanVersionSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0)


class ReturnSerializer(DevelopmentPlanVersionSerializer):
    note = serializers.CharField(max_length=2000)


class PlanProposeView(DevelopmentAPIView):
    serializer_class = PlanDetailSerializer

    @extend_schema(
        tags=TAGS,
        request=DevelopmentPlanVersionSerializer,
        responses={
            200: PlanDetailSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Send the draft plan to the direct supervisor."""
        plan = selectors.get_plan_for(request.user, pk)
        version = validated(DevelopmentPlanVersionSerializer, request.data)["version"]
        done = services.propose_plan(plan, actor=request.user, expected_version=version)
        return Response(PlanDetailSerializer(done).data)


class PlanAgreeView(DevelopmentAPIView):
    serializer_class = PlanDetailSerializer

    @extend_schema(
        tags=TAGS,
        request=DevelopmentPlanVersionSerializer,
        responses={
            200: PlanDetailSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The direct supervisor agrees the proposed plan."""
        plan = selectors.get_plan_for(request.user, pk)
        version = validated(DevelopmentPlanVersionSerializer, request.data)["version"]
        done = services.agree_plan(plan, actor=request.user, expected_version=version)
        return Response(PlanDetailSerializer(done).data)


class PlanReturnView(DevelopmentAPIView):
    serializer_class = PlanDetailSerializer

    @extend_schema(
        tags=TAGS,
        request=ReturnSerializer,
        responses={
            200: PlanDetailSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The direct supervisor returns the proposed plan with a note."""
        plan = selectors.get_plan_for(request.user, pk)
        fields = validated(ReturnSerializer, request.data)
        done = services.return_plan(
            plan, actor=request.user, expected_version=fields["version"], note=fields["note"]
        )
        return Response(PlanDetailSerializer(done).data)


class ItemCompleteSerializer(serializers.Serializer[Any]):
    completed_on = serializers.DateField()
    certificate = serializers.FileField(required=False, allow_null=True, default=None)

    def validate_certificate(self, upload: Any) -> Any:
        if upload is not None and upload.size > MAX_CERTIFICATE:
            raise serializers.ValidationError(gettext_lazy("Berkas lebih dari 5 MB."))
        return upload


class ItemCompleteView(DevelopmentAPIView):
    serializer_class = RecordSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": ItemCompleteSerializer},
        responses={201: RecordSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Record completion of an agreed plan's training, with the certificate (PDF/PNG/JPEG)."""
        item = selectors.get_item_for(request.user, pk)
        fields = validated(ItemCompleteSerializer, request.data)
        upload = fields["certificate"]
        record = services.complete_item(
            item,
            actor=request.user,
            completed_on=fields["completed_on"],
            certificate=upload.read() if upload else None,
            certificate_name=upload.name if upload else "",
        )
        return Response(RecordSerializer(record).data, status=status.HTTP_201_CREATED)
