"""Execution REST API: realisations, evidence, feedback and dialogues of a plan.

The same selectors (reads, 404 outside the caller's reach) and services (writes: permission,
open sub-period, final evaluation lock, version check → 409, audit) as the HTML pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kinerja.appraisal import evidence as sniffing
from kinerja.appraisal.models import (
    Dialogue,
    DialogueStatus,
    Evidence,
    EvidenceKind,
    Feedback,
    Realisation,
)
from kinerja.appraisal.selectors import execution as selectors
from kinerja.appraisal.services import execution as services
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.http import stored_file_response
from kinerja.planning.berakhlak import CORE_VALUE_CHOICES
from kinerja.planning.models import Indicator, PerformancePlan
from kinerja.planning.selectors import get_plan_for

TAGS = ["Pelaksanaan kinerja"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(description=gettext_lazy("Tidak ditemukan atau di luar jangkauan."))
INVALID = OpenApiResponse(
    description=gettext_lazy(
        "Data tidak valid, periode belum dimulai, evaluasi sudah final, atau berkas ditolak."
    )
)
STALE = OpenApiResponse(description=gettext_lazy("Realisasi telah berubah sejak versi dikirim."))
SUBPERIOD = OpenApiParameter("subperiod", int, description=gettext_lazy("Periode ke (opsional)"))


# --- Shapes ------------------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "url",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "description",
            "created_at",
            "download_url",
        ]

    def get_download_url(self, evidence: Evidence) -> str | None:
        if evidence.kind != EvidenceKind.FILE:
            return None
        return reverse("api-evidence-detail", args=[evidence.pk])


class RealisationSerializer(serializers.ModelSerializer[Realisation]):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Realisation
        fields = [
            "id",
            "plan",
            "indicator",
            "subperiod",
            "value",
            "text",
            "note",
            "version",
            "created_at",
            "updated_at",
            "evidence",
        ]


class RealisationInputSerializer(serializers.Serializer[None]):
    indicator = serializers.IntegerField()
    subperiod = serializers.IntegerField(min_value=1, max_value=12)
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    version = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Versi realisasi yang Anda baca (0: belum ada); beda → 409."),
    )


class RealisationUpdateSerializer(serializers.Serializer[None]):
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    text = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    version = serializers.IntegerField(min_value=1)


class EvidenceInputSerializer(serializers.Serializer[None]):
    file = serializers.FileField(required=False)
    url = serializers.CharField(required=False, max_length=500)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=255
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("file" in attrs) == ("url" in attrs):
            raise serializers.ValidationError(_("Kirim satu berkas (file) atau satu tautan (url)."))
        return attrs


class FeedbackSerializer(serializers.ModelSerializer[Feedback]):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = Feedback
        fields = [
            "id",
            "plan",
            "subperiod",
            "indicator",
            "value",
            "text",
            "author_name",
            "created_at",
        ]

    def get_author_name(self, feedback: Feedback) -> str:
        author = feedback.author
        return (author.get_full_name() or author.username) if author else ""


class FeedbackInputSerializer(serializers.Serializer[None]):
    subperiod = serializers.IntegerField(min_value=1, max_value=12)
    indicator = serializers.IntegerField(required=False, allow_null=True)
    value = serializers.ChoiceField(choices=CORE_VALUE_CHOICES, required=False, allow_blank=True)
    text = serializers.CharField(max_length=4000)


class DialogueSerializer(serializers.ModelSerializer[Dialogue]):
    class Meta:
        model = Dialogue
        fields = [
            "id",
            "plan",
            "subperiod",
            "held_on",
            "status",
            "explanation",
            "cause",
            "follow_up",
            "created_at",
        ]


class DialogueInputSerializer(serializers.Serializer[None]):
    subperiod = serializers.IntegerField(min_value=1, max_value=12)
    held_on = serializers.DateField()
    status = serializers.ChoiceField(choices=DialogueStatus.choices)
    explanation = serializers.CharField(max_length=4000)
    cause = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    follow_up = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


# --- Views -------------------------------------------------------------------------------------


class ListPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ExecutionAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = ListPagination
    request: AuthenticatedRequest


def _validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _subperiod_filter(request: AuthenticatedRequest) -> int | None:
    raw = request.query_params.get("subperiod")
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({"subperiod": _("Periode ke harus berupa angka.")}) from None


def _indicator_of(plan: PerformancePlan, indicator_pk: int) -> Indicator:
    indicator = (
        Indicator.objects.select_related("result")
        .filter(pk=indicator_pk, result__plan=plan)
        .first()
    )
    if indicator is None:
        raise ValidationError({"indicator": _("Indikator ini bukan bagian dari SKP tersebut.")})
    return indicator


def _with_evidence(queryset: QuerySet[Realisation]) -> QuerySet[Realisation]:
    return queryset.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id"))
    )


class RealisationListView(ExecutionAPIView):
    """Realisations of one plan; the plan's employee records them."""

    serializer_class = RealisationSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[SUBPERIOD],
        responses={200: RealisationSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """List a plan's realisations (optionally of one sub-period)."""
        plan = get_plan_for(request.user, pk)
        rows = Realisation.objects.filter(plan=plan).order_by("subperiod", "indicator_id")
        number = _subperiod_filter(request)
        if number is not None:
            rows = rows.filter(subperiod=number)
        page = self.paginate_queryset(_with_evidence(rows))
        return self.get_paginated_response(RealisationSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=RealisationInputSerializer,
        responses={
            201: RealisationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Record (or correct) an indicator's realisation for a started sub-period."""
        plan = get_plan_for(request.user, pk)
        fields = _validated(RealisationInputSerializer, request.data)
        indicator = _indicator_of(plan, fields["indicator"])
        existed = Realisation.objects.filter(
            indicator=indicator, subperiod=fields["subperiod"]
        ).exists()
        realisation = services.record_realisation(
            plan,
            actor=request.user,
            indicator=indicator,
            subperiod=fields["subperiod"],
            value=fields.get("value"),
            text=fields.get("text", ""),
            note=fields.get("note", ""),
            expected_version=fields.get("version"),
        )
        fresh = _with_evidence(Realisation.objects.filter(pk=realisation.pk)).get()
        return Response(
            RealisationSerializer(fresh).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class RealisationDetailView(ExecutionAPIView):
    serializer_class = RealisationSerializer

    @extend_schema(tags=TAGS, responses={200: RealisationSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One realisation with its evidence."""
        realisation = selectors.get_realisation_for(request.user, pk)
        fresh = _with_evidence(Realisation.objects.filter(pk=realisation.pk)).get()
        return Response(RealisationSerializer(fresh).data)

    @extend_schema(
        tags=TAGS,
        request=RealisationUpdateSerializer,
        responses={
            200: RealisationSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Correct a realisation while its sub-period is open (send the version you read)."""
        realisation = selectors.get_realisation_for(request.user, pk)
        fields = _validated(RealisationUpdateSerializer, request.data)
        services.record_realisation(
            realisation.plan,
            actor=request.user,
            indicator=realisation.indicator,
            subperiod=realisation.subperiod,
            value=fields.get("value", realisation.value),
            text=fields.get("text", realisation.text),
            note=fields.get("note", realisation.note),
            expected_version=fields["version"],
        )
        fresh = _with_evidence(Realisation.objects.filter(pk=realisation.pk)).get()
        return Response(RealisationSerializer(fresh).data)


class EvidenceListView(ExecutionAPIView):
    serializer_class = EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(tags=TAGS, responses={200: EvidenceSerializer(many=True), 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The evidence of one realisation."""
        realisation = selectors.get_realisation_for(request.user, pk)
        page = self.paginate_queryset(realisation.evidence.order_by("created_at", "id"))
        return self.get_paginated_response(EvidenceSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": EvidenceInputSerializer},
        responses={201: EvidenceSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Attach a file (checked by its content) or an http(s) link to a realisation."""
        realisation = selectors.get_realisation_for(request.user, pk)
        fields = _validated(EvidenceInputSerializer, request.data)
        if "file" in fields:
            evidence = services.add_evidence_file(
                realisation,
                actor=request.user,
                upload=fields["file"],
                description=fields["description"],
            )
        else:
            evidence = services.add_evidence_link(
                realisation,
                actor=request.user,
                url=fields["url"],
                description=fields["description"],
            )
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceDetailView(ExecutionAPIView):
    serializer_class = EvidenceSerializer

    @extend_schema(
        tags=TAGS,
        responses={(200, "application/octet-stream"): bytes, 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> FileResponse:
        """Download an evidence file (as an attachment, with its sniffed content type)."""
        evidence = selectors.get_evidence_for(request.user, pk)
        if evidence.kind != EvidenceKind.FILE:
            raise Http404
        return stored_file_response(
            evidence.file,
            filename=sniffing.download_name(evidence.original_name, evidence.content_type),
            content_type=evidence.content_type,
        )

    @extend_schema(tags=TAGS, responses={204: None, 400: INVALID, 403: DENIED, 404: NOT_FOUND})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Remove evidence while its sub-period is open."""
        evidence = selectors.get_evidence_for(request.user, pk)
        services.delete_evidence(evidence, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FeedbackListView(ExecutionAPIView):
    serializer_class = FeedbackSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[SUBPERIOD],
        responses={200: FeedbackSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The continuous feedback given on a plan."""
        plan = get_plan_for(request.user, pk)
        rows = Feedback.objects.filter(plan=plan).select_related("author")
        number = _subperiod_filter(request)
        if number is not None:
            rows = rows.filter(subperiod=number)
        page = self.paginate_queryset(rows.order_by("subperiod", "created_at", "id"))
        return self.get_paginated_response(FeedbackSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=FeedbackInputSerializer,
        responses={201: FeedbackSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The rater gives feedback on one indicator or one BerAKHLAK value."""
        plan = get_plan_for(request.user, pk)
        fields = _validated(FeedbackInputSerializer, request.data)
        indicator_pk = fields.get("indicator")
        feedback = services.give_feedback(
            plan,
            actor=request.user,
            subperiod=fields["subperiod"],
            text=fields["text"],
            indicator=_indicator_of(plan, indicator_pk) if indicator_pk else None,
            value=fields.get("value") or "",
        )
        return Response(FeedbackSerializer(feedback).data, status=status.HTTP_201_CREATED)


class DialogueListView(ExecutionAPIView):
    serializer_class = DialogueSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[SUBPERIOD],
        responses={200: DialogueSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The performance dialogues recorded on a plan."""
        plan = get_plan_for(request.user, pk)
        rows = Dialogue.objects.filter(plan=plan)
        number = _subperiod_filter(request)
        if number is not None:
            rows = rows.filter(subperiod=number)
        page = self.paginate_queryset(rows.order_by("subperiod", "-held_on", "-id"))
        return self.get_paginated_response(DialogueSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=DialogueInputSerializer,
        responses={201: DialogueSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The rater records a performance dialogue."""
        plan = get_plan_for(request.user, pk)
        fields = _validated(DialogueInputSerializer, request.data)
        dialogue = services.record_dialogue(plan, actor=request.user, **fields)
        return Response(DialogueSerializer(dialogue).data, status=status.HTTP_201_CREATED)
