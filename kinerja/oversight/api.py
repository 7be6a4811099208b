"""Oversight API under /api/v1/oversight/: audits, their findings, recommendations and
follow-ups. The same selectors and services as the pages: objects of another agency answer 404,
refusals 400/403 with the reason, a stale `version` 409."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.exceptions import PermissionDenied
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.org.models import Employee, Unit
from kinerja.oversight import selectors, services
from kinerja.oversight.models import Audit, FieldVisit, Finding, FollowUp, Recommendation

TAGS = ["Pengawasan internal"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk data instansi lain).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid atau aturan pemeriksaan."))
STALE = OpenApiResponse(description=gettext_lazy("Data telah berubah sejak versi yang dikirim."))


class AuditVisitSerializer(serializers.ModelSerializer[FieldVisit]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = FieldVisit
        fields = ["id", "unit", "unit_name", "inspector", "visited_on", "notes"]
        read_only_fields = fields


class AuditSerializer(serializers.ModelSerializer[Audit]):
    units = serializers.PrimaryKeyRelatedField[Unit](many=True, read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=gettext_lazy("direncanakan, pelaksanaan, pelaporan, selesai")
    )

    class Meta:
        model = Audit
        fields = [
            "id",
            "title",
            "letter_number",
            "objectives",
            "scope",
            "planned_start",
            "planned_end",
            "status",
            "units",
            "lead",
            "status_changed_at",
            "version",
        ]
        read_only_fields = fields


class AuditDetailSerializer(AuditSerializer):
    team = serializers.PrimaryKeyRelatedField[User](many=True, read_only=True)
    visits = AuditVisitSerializer(many=True, read_only=True)

    class Meta(AuditSerializer.Meta):
        fields = [*AuditSerializer.Meta.fields, "team", "visits"]
        read_only_fields = fields


class AuditCreateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    letter_number = serializers.CharField(max_length=100)
    objectives = serializers.CharField()
    scope = serializers.CharField(required=False, allow_blank=True, default="")
    planned_start = serializers.DateField()
    planned_end = serializers.DateField()
    units = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    team = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    lead = serializers.IntegerField()


class AuditStatusChangeSerializer(serializers.Serializer[Any]):
    target = serializers.CharField(help_text=gettext_lazy("pelaksanaan, pelaporan atau selesai"))
    version = serializers.IntegerField(min_value=0)


class AuditRecommendationSerializer(serializers.ModelSerializer[Recommendation]):
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    status = serializers.CharField(
        read_only=True, help_text=gettext_lazy("terbuka, proses, selesai, tidak_dapat")
    )
    finding_number = serializers.IntegerField(source="finding.number", read_only=True)
    audit = serializers.IntegerField(source="finding.audit_id", read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "audit",
            "finding",
            "finding_number",
            "text",
            "owner",
            "owner_name",
            "due_date",
            "status",
            "closing_reason",
            "finished_at",
            "version",
        ]
        read_only_fields = fields


class AuditFindingSerializer(serializers.ModelSerializer[Finding]):
    recommendations = AuditRecommendationSerializer(many=True, read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id",
            "number",
            "unit",
            "unit_name",
            "title",
            "category",
            "condition",
            "criteria",
            "cause",
            "effect",
            "recommendations",
        ]
        read_only_fields = fields


class AuditFindingCreateSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    category = serializers.CharField()
    condition = serializers.CharField()
    criteria = serializers.CharField()
    cause = serializers.CharField()
    effect = serializers.CharField()


class AuditRecommendationCreateSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    owner = serializers.IntegerField(help_text=gettext_lazy("ID pegawai penanggung jawab"))
    due_date = serializers.DateField()


class AuditFollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    class Meta:
        model = FollowUp
        fields = [
            "id",
            "text",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "submitted_by",
            "created_at",
            "status",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "version",
        ]
        read_only_fields = fields


class AuditFollowUpSubmitSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    file = serializers.FileField(help_text=gettext_lazy("Berkas bukti (PDF, gambar, dokumen)"))


class FollowUpReviewSerializer(serializers.Serializer[Any]):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=0)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class OversightAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = Pagination
    request: AuthenticatedRequest


def validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _audit_detail(audit: Audit) -> dict[str, Any]:
    audit = Audit.objects.prefetch_related("units", "team", "visits__unit").get(pk=audit.pk)
    return dict(AuditDetailSerializer(audit).data)


class AuditListView(OversightAPIView):
    serializer_class = AuditSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("q", str, description=gettext_lazy("Cari judul atau nomor surat")),
            OpenApiParameter("status", str, description=gettext_lazy("Status pemeriksaan")),
        ],
        responses={200: AuditSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The audits the user may read (team, agency admin, heads of audited units)."""
        require(request.user, "oversight.list_audits")
        audits = selectors.audits_visible_to(
            request.user,
            q=request.query_params.get("q", ""),
            status=request.query_params.get("status", ""),
        )
        page = self.paginate_queryset(audits)
        return self.get_paginated_response(AuditSerializer(page, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=AuditCreateSerializer,
        responses={201: AuditDetailSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """An inspector plans an audit (the planner must be on the team)."""
        require(request.user, "oversight.create_audit")
        agency = request.user.agency
        if agency is None:
            raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
        fields = validated(AuditCreateSerializer, request.data)
        units = list(Unit.objects.filter(pk__in=fields["units"]))
        team = list(User.objects.filter(pk__in=fields["team"], agency=agency))
        lead = User.objects.filter(pk=fields["lead"], agency=agency).first()
        if (
            lead is None
            or len(units) != len(set(fields["units"]))
            or len(team) != len(set(fields["team"]))
        ):
            raise Http404
        created = services.create_audit(
            agency,
            actor=request.user,
            title=fields["title"],
            letter_number=fields["letter_number"],
            objectives=fields["objectives"],
            scope=fields["scope"],
            planned_start=fields["planned_start"],
            planned_end=fields["planned_end"],
            units=units,
            team=team,
            lead=lead,
        )
        return Response(_audit_detail(created), status=status.HTTP_201_CREATED)


class AuditDetailView(OversightAPIView):
    serializer_class = AuditDetailSerializer

    @extend_schema(tags=TAGS, responses={200: AuditDetailSerializer, 403: DENIED, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One audit with its units, team and field visits."""
        return Response(_audit_detail(selectors.get_audit_for(request.user, pk)))


class AuditStatusView(OversightAPIView):
    serializer_class = AuditStatusChangeSerializer

    @extend_schema(
        tags=TAGS,
        request=AuditStatusChangeSerializer,
        responses={
            200: AuditDetailSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The lead moves the audit to its next stage."""
        audit = selectors.get_audit_for(request.user, pk)
        fields = validated(AuditStatusChangeSerializer, request.data)
        changed = services.change_audit_status(
            audit, actor=request.user, target=fields["target"], expected_version=fields["version"]
        )
        return Response(_audit_detail(changed))


class FindingListView(OversightAPIView):
    serializer_class = AuditFindingSerializer

    @extend_schema(tags=TAGS, responses={200: AuditFindingSerializer(many=True), 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The audit's findings the user may see, each with its recommendations."""
        audit = selectors.get_audit_for(request.user, pk)
        findings = selectors.findings_visible_in(audit, request.user)
        return Response(AuditFindingSerializer(findings, many=True).data)

    @extend_schema(
        tags=TAGS,
        request=AuditFindingCreateSerializer,
        responses={201: AuditFindingSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """A team member records a finding (kondisi, kriteria, sebab, akibat)."""
        audit = selectors.get_audit_for(request.user, pk)
        fields = validated(AuditFindingCreateSerializer, request.data)
        unit = Unit.objects.filter(pk=fields.pop("unit")).first()
        if unit is None:
            raise Http404
        finding = services.add_finding(audit, actor=request.user, unit=unit, **fields)
        return Response(AuditFindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class FindingRecommendationsView(OversightAPIView):
    serializer_class = AuditRecommendationSerializer

    @extend_schema(
        tags=TAGS,
        request=AuditRecommendationCreateSerializer,
        responses={201: AuditRecommendationSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """A team member sets a recommendation on a finding."""
        finding = selectors.get_finding_for(request.user, pk)
        fields = validated(AuditRecommendationCreateSerializer, request.data)
        owner = Employee.objects.filter(pk=fields["owner"]).first()
        if owner is None:
            raise Http404
        created = services.add_recommendation(
            finding,
            actor=request.user,
            text=fields["text"],
            owner=owner,
            due_date=fields["due_date"],
        )
        return Response(AuditRecommendationSerializer(created).data, status=status.HTTP_201_CREATED)


class RecommendationListView(OversightAPIView):
    serializer_class = AuditRecommendationSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter(
                "view",
                str,
                description=gettext_lazy("mine (default): milik saya; overdue: yang terlambat"),
            )
        ],
        responses={200: AuditRecommendationSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The user's own recommendations, or (view=overdue) the overdue ones they may read."""
        if request.query_params.get("view") == "overdue":
            require(request.user, "oversight.list_overdue")
            found = selectors.overdue_recommendations(request.user, today=timezone.localdate())
        else:
            require(request.user, "oversight.view_own_recommendations")
            found = selectors.recommendations_of_owner(request.user)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(AuditRecommendationSerializer(page, many=True).data)


class RecommendationDetailView(OversightAPIView):
    serializer_class = AuditRecommendationSerializer

    @extend_schema(
        tags=TAGS, responses={200: AuditRecommendationSerializer, 403: DENIED, 404: NOT_FOUND}
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One recommendation (team, agency admin, heads of its unit, its owner)."""
        return Response(
            AuditRecommendationSerializer(selectors.get_recommendation_for(request.user, pk)).data
        )


class FollowUpListView(OversightAPIView):
    serializer_class = AuditFollowUpSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(tags=TAGS, responses={200: AuditFollowUpSerializer(many=True), 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The follow-ups of a recommendation, oldest first."""
        recommendation = selectors.get_recommendation_for(request.user, pk)
        return Response(
            AuditFollowUpSerializer(selectors.follow_ups_of(recommendation), many=True).data
        )

    @extend_schema(
        tags=TAGS,
        request={"multipart/form-data": AuditFollowUpSubmitSerializer},
        responses={201: AuditFollowUpSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """The owner submits a follow-up with its evidence file (checked by its content)."""
        recommendation = selectors.get_recommendation_for(request.user, pk)
        fields = validated(AuditFollowUpSubmitSerializer, request.data)
        created = services.submit_follow_up(
            recommendation, actor=request.user, text=fields["text"], upload=fields["file"]
        )
        return Response(AuditFollowUpSerializer(created).data, status=status.HTTP_201_CREATED)


class FollowUpReviewView(OversightAPIView):
    serializer_class = FollowUpReviewSerializer

    @extend_schema(
        tags=TAGS,
        request=FollowUpReviewSerializer,
        responses={
            200: AuditFollowUpSerializer,
            400: INVALID,
            403: DENIED,
            404: NOT_FOUND,
            409: STALE,
        },
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """A team member accepts (the recommendation is completed) or rejects with a note."""
        follow_up = selectors.get_follow_up_for(request.user, pk)
        fields = validated(FollowUpReviewSerializer, request.data)
        reviewed = services.review_follow_up(
            follow_up,
            actor=request.user,
            accept=fields["accept"],
            note=fields["note"],
            expected_version=fields["version"],
        )
        return Response(AuditFollowUpSerializer(reviewed).data)
