"""Catalogue API: trainings, internal trainers, and the trainer matching."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from kinerja.competency.models import Competency
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
from kinerja.development.matching import matching_trainers
from kinerja.development.models import Delivery, InternalTrainer, Training
from kinerja.development.selectors import catalogue as selectors
from kinerja.development.services import catalogue as services
from kinerja.org.models import Employee


class TrainingSerializer(serializers.ModelSerializer[Training]):
    competency_name = serializers.CharField(source="competency.name", default=None, read_only=True)

    class Meta:
        model = Training
        fields = [
            "id",
            "title",
            "delivery",
            "competency",
            "competency_name",
            "provider",
            "description",
            "cost",
            "external_equivalent_cost",
            "jp",
            "min_trainer_level",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class TrainingWriteSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    competency = serializers.IntegerField(required=False, allow_null=True, default=None)
    provider = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    cost = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal(0), default=Decimal(0)
    )
    external_equivalent_cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        required=False,
        allow_null=True,
        default=None,
    )
    jp = serializers.IntegerField(min_value=1, max_value=500)
    min_trainer_level = serializers.IntegerField(min_value=1, max_value=5, default=4)


class TrainingUpdateSerializer(TrainingWriteSerializer):
    version = serializers.IntegerField(min_value=0)
    is_active = serializers.BooleanField(default=True)


def _competency(pk: int | None) -> Competency | None:
    if pk is None:
        return None
    found = Competency.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _agency(request: AuthenticatedRequest) -> Any:
    agency = request.user.agency
    if agency is None:
        raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
    return agency


class TrainingListView(DevelopmentAPIView):
    serializer_class = TrainingSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("q", str), OpenApiParameter("delivery", str)],
        responses={200: TrainingSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The training catalogue (every member of the agency)."""
        require(request.user, "development.view_catalogue")
        page = self.paginate_queryset(
            selectors.trainings(
                q=request.query_params.get("q", ""),
                delivery=request.query_params.get("delivery", ""),
            )
        )
        return self.get_paginated_response(TrainingSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=TrainingWriteSerializer,
        responses={201: TrainingSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Add a training (agency admin)."""
        require(request.user, "development.manage_catalogue")
        agency = _agency(request)
        fields = validated(TrainingWriteSerializer, request.data)
        fields["competency"] = _competency(fields["competency"])
        created = services.create_training(agency, actor=request.user, **fields)
        return Response(TrainingSerializer(created).data, status=status.HTTP_201_CREATED)


class TrainingDetailView(DevelopmentAPIView):
    serializer_class = TrainingSerializer

    @extend_schema(tags=TAGS, responses={200: TrainingSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        return Response(TrainingSerializer(selectors.get_training_for(request.user, pk)).data)

    @extend_schema(
        tags=TAGS,
        request=TrainingUpdateSerializer,
        responses={200: TrainingSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Change a training (agency admin); send the `version` you read."""
        training = selectors.get_training_for(request.user, pk)
        require(request.user, "development.manage_catalogue", training)
        fields = validated(TrainingUpdateSerializer, request.data)
        version = fields.pop("version")
        fields["competency"] = _competency(fields["competency"])
        updated = services.update_training(
            training, actor=request.user, expected_version=version, **fields
        )
        return Response(TrainingSerializer(updated).data)


class TrainerSerializer(serializers.ModelSerializer[InternalTrainer]):
    employee_name = serializers.CharField(source="employee.name", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    unit_name = serializers.CharField(source="employee.unit.name", read_only=True)
    competency_name = serializers.CharField(source="competency.name", read_only=True)
    level = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = InternalTrainer
        fields = [
            "id",
            "employee",
            "employee_name",
            "employee_nip",
            "unit_name",
            "competency",
            "competency_name",
            "level",
            "available_from",
            "available_until",
            "availability_note",
            "is_active",
            "version",
        ]
        read_only_fields = fields


class TrainerWriteSerializer(serializers.Serializer[Any]):
    employee = serializers.IntegerField()
    competency = serializers.IntegerField()
    available_from = serializers.DateField(required=False, allow_null=True, default=None)
    available_until = serializers.DateField(required=False, allow_null=True, default=None)
    availability_note = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )


class TrainerListView(DevelopmentAPIView):
    serializer_class = TrainerSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("q", str), OpenApiParameter("competency", int)],
        responses={200: TrainerSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The internal trainers with their level (every member of the agency)."""
        require(request.user, "development.view_catalogue")
        competency = request.query_params.get("competency")
        page = self.paginate_queryset(
            selectors.trainers(
                q=request.query_params.get("q", ""),
                competency_id=int(competency) if competency and competency.isdigit() else None,
            )
        )
        return self.get_paginated_response(TrainerSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=TrainerWriteSerializer,
        responses={201: TrainerSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Register an internal trainer (agency admin); their level must be high enough."""
        require(request.user, "development.manage_catalogue")
        agency = _agency(request)
        fields = validated(TrainerWriteSerializer, request.data)
        employee = Employee.objects.filter(pk=fields.pop("employee")).first()
        competency = _competency(fields.pop("competency"))
        if employee is None or competency is None:
            raise Http404
        created = services.register_trainer(
            agency, actor=request.user, employee=employee, competency=competency, **fields
        )
        return Response(TrainerSerializer(created).data, status=status.HTTP_201_CREATED)


class MatchQuerySerializer(serializers.Serializer[Any]):
    training = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    learner = serializers.IntegerField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError(
                {"end_date": gettext_lazy("Tanggal selesai sebelum tanggal mulai.")}
            )
        return attrs


class TrainerMatchView(DevelopmentAPIView):
    serializer_class = TrainerSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("training", int, required=True),
            OpenApiParameter("start_date", str, required=True),
            OpenApiParameter("end_date", str, required=True),
            OpenApiParameter("learner", int),
        ],
        responses={200: TrainerSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The internal trainers who may teach a training on the dates: level high enough,
        available, active, never the learner (best level first)."""
        require(request.user, "development.view_catalogue")
        fields = validated(MatchQuerySerializer, request.query_params)
        training = selectors.get_training_for(request.user, fields["training"])
        found = matching_trainers(
            training,
            start=fields["start_date"],
            end=fields["end_date"],
            learner_id=fields["learner"],
        )
        return Response(TrainerSerializer(found, many=True).data)
