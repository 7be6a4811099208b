"""Complaint REST API: staff endpoints on the same selectors and services as the pages, and the
public endpoints (no account) to file a complaint, read its status by ticket code and rate it.

Staff: objects outside the caller's reach answer 404; refusals 400/403 with the reason; a stale
`version` 409. Public: rate-limited per client (429), unknown tickets 404, bad payloads 400 with
the reason per field; the status carries no personal data.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.citizen.deadlines import ComplaintClass
from kinerja.citizen.models import Channel, Complaint, ComplaintStatus, Service
from kinerja.citizen.selectors import complaints as selectors
from kinerja.citizen.services import complaints as services
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.permissions import require
from kinerja.core.ratelimit import Limit, client_of, hit
from kinerja.core.tenancy import tenant_scope
from kinerja.org.models import Employee, Unit

TAGS = ["Pengaduan"]
PUBLIC_TAGS = ["Pengaduan (publik)"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk di luar jangkauan).")
)
INVALID = OpenApiResponse(
    description=gettext_lazy("Data tidak valid atau pengaduan sudah ditutup.")
)
STALE = OpenApiResponse(description=gettext_lazy("Data telah berubah sejak versi yang dikirim."))
LIMITED = OpenApiResponse(description=gettext_lazy("Terlalu banyak permintaan dari alamat ini."))
VERSION_HELP = gettext_lazy(
    "Versi yang Anda baca; bila data telah berubah sejak itu, jawabannya 409."
)

PUBLIC_SUBMIT_LIMIT = Limit("api-complaint-submit", 10, 600)
PUBLIC_LOOKUP_LIMIT = Limit("api-complaint-status", 30, 600)
PUBLIC_RATE_LIMIT = Limit("api-complaint-rate", 10, 600)


# --- Shapes ------------------------------------------------------------------------------------


class ComplaintListItemSerializer(serializers.ModelSerializer[Complaint]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    assigned_to_name = serializers.CharField(
        source="assigned_to.full_name", read_only=True, default=None
    )
    is_overdue = serializers.BooleanField(read_only=True)
    is_due_soon = serializers.BooleanField(read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "ticket_code",
            "external_id",
            "channel",
            "unit",
            "unit_name",
            "service",
            "subject",
            "complaint_class",
            "status",
            "received_at",
            "first_response_due",
            "first_responded_at",
            "resolution_due",
            "resolved_at",
            "resolved_on_time",
            "assigned_to",
            "assigned_to_name",
            "escalated_to",
            "escalated_at",
            "is_overdue",
            "is_due_soon",
            "version",
        ]


class ComplaintSerializer(ComplaintListItemSerializer):
    class Meta(ComplaintListItemSerializer.Meta):
        fields = [
            *ComplaintListItemSerializer.Meta.fields,
            "category",
            "complainant_name",
            "complainant_contact",
            "description",
            "response",
            "resolution",
            "rating",
            "rating_comment",
            "rated_at",
        ]


class ComplaintFilterSerializer(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, allow_blank=True)
    status = serializers.CharField(
        required=False,
        help_text=gettext_lazy(
            "diterima, diproses, selesai, ditolak, atau terbuka (belum selesai)"
        ),
    )
    unit = serializers.IntegerField(required=False)
    complaint_class = serializers.ChoiceField(choices=ComplaintClass.choices, required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    overdue = serializers.BooleanField(required=False, default=False)
    mine = serializers.BooleanField(required=False, default=False)
    received_from = serializers.DateField(required=False)
    received_to = serializers.DateField(required=False)

    def validate_status(self, value: str) -> str:
        if value not in {selectors.OPEN, *ComplaintStatus.values}:
            raise serializers.ValidationError(
                _("Pilih diterima, diproses, selesai, ditolak, atau terbuka.")
            )
        return value


class ComplaintVersionSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0, help_text=VERSION_HELP)


class ComplaintAssignSerializer(ComplaintVersionSerializer):
    assignee = serializers.IntegerField(help_text=gettext_lazy("ID pegawai unit pengaduan."))


class ComplaintClassifySerializer(ComplaintVersionSerializer):
    complaint_class = serializers.ChoiceField(choices=ComplaintClass.choices)
    reason = serializers.CharField()


class ComplaintRespondSerializer(ComplaintVersionSerializer):
    response = serializers.CharField()


class ComplaintResolveSerializer(ComplaintVersionSerializer):
    resolution = serializers.CharField()


class ComplaintRejectSerializer(ComplaintVersionSerializer):
    reason = serializers.CharField()


class PublicComplaintSerializer(serializers.Serializer[Any]):
    agency = serializers.SlugField(help_text=gettext_lazy("Kode instansi, mis. palembang."))
    unit = serializers.IntegerField()
    service = serializers.IntegerField(required=False, allow_null=True, default=None)
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000)
    complainant_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=120
    )
    complainant_contact = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=120
    )
    website = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Jangan diisi (penangkal robot)."),
    )


class PublicStatusSerializer(serializers.Serializer[Any]):
    """What anyone holding the ticket code may read: no name, no contact, no complaint text."""

    ticket_code = serializers.CharField()
    subject = serializers.CharField()
    unit_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    received_at = serializers.DateTimeField()
    first_response_due = serializers.DateField()
    first_responded_at = serializers.DateTimeField(allow_null=True)
    resolution_due = serializers.DateField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    response = serializers.CharField()
    resolution = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True)
    can_rate = serializers.BooleanField()


class PublicRatingSerializer(serializers.Serializer[Any]):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


def _validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- Staff -------------------------------------------------------------------------------------


class ListPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ComplaintAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = ListPagination
    request: AuthenticatedRequest


def _detail(request: AuthenticatedRequest, pk: int) -> Response:
    return Response(ComplaintSerializer(selectors.get_complaint_for(request.user, pk)).data)


class ComplaintListView(ComplaintAPIView):
    """The complaints visible to the caller, newest first."""

    serializer_class = ComplaintListItemSerializer

    def get_queryset(self) -> QuerySet[Complaint]:
        require(self.request.user, "citizen.list_complaints")
        fields = _validated(ComplaintFilterSerializer, self.request.query_params)
        unit = None
        if "unit" in fields:
            unit = Unit.objects.filter(pk=fields["unit"]).first()
            if unit is None:
                return Complaint.objects.none()
        return selectors.complaints_visible_to(
            self.request.user,
            selectors.ComplaintFilters(
                q=fields.get("q", ""),
                status=fields.get("status", ""),
                unit=unit,
                complaint_class=fields.get("complaint_class", ""),
                channel=fields.get("channel", ""),
                overdue=fields["overdue"],
                mine=fields["mine"],
                received_from=fields.get("received_from"),
                received_to=fields.get("received_to"),
            ),
        )

    @extend_schema(
        tags=TAGS,
        parameters=[ComplaintFilterSerializer],
        responses={200: ComplaintListItemSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """List complaints (filters: status, unit, class, channel, overdue, mine, dates)."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ComplaintListItemSerializer(page, many=True).data)


class ComplaintDetailView(ComplaintAPIView):
    serializer_class = ComplaintSerializer

    @extend_schema(tags=TAGS, responses={200: ComplaintSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One complaint, with the complainant's details (staff only)."""
        return _detail(request, pk)


def _action(summary: str, serializer_class: type[Any]) -> Any:
    return extend_schema(
        tags=TAGS,
        summary=summary,
        request=serializer_class,
        responses={200: ComplaintSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND, 409: STALE},
    )


class ComplaintAssignView(ComplaintAPIView):
    serializer_class = ComplaintAssignSerializer

    @_action("Tugaskan pengaduan kepada pegawai unitnya", ComplaintAssignSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        complaint = selectors.get_complaint_for(request.user, pk)
        fields = _validated(ComplaintAssignSerializer, request.data)
        assignee = Employee.objects.select_related("unit").filter(pk=fields["assignee"]).first()
        if assignee is None:
            raise ValidationError({"assignee": _("Pegawai tidak ditemukan.")})
        services.assign_complaint(
            complaint, actor=request.user, expected_version=fields["version"], assignee=assignee
        )
        return _detail(request, pk)


class ComplaintClassifyView(ComplaintAPIView):
    serializer_class = ComplaintClassifySerializer

    @_action(
        "Ubah klasifikasi (batas dihitung ulang dari tanggal diterima)", ComplaintClassifySerializer
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        complaint = selectors.get_complaint_for(request.user, pk)
        fields = _validated(ComplaintClassifySerializer, request.data)
        services.classify_complaint(
            complaint,
            actor=request.user,
            expected_version=fields["version"],
            complaint_class=fields["complaint_class"],
            reason=fields["reason"],
        )
        return _detail(request, pk)


class ComplaintRespondView(ComplaintAPIView):
    serializer_class = ComplaintRespondSerializer

    @_action("Tanggapan pertama", ComplaintRespondSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        complaint = selectors.get_complaint_for(request.user, pk)
        fields = _validated(ComplaintRespondSerializer, request.data)
        services.respond_to_complaint(
            complaint,
            actor=request.user,
            expected_version=fields["version"],
            response=fields["response"],
        )
        return _detail(request, pk)


class ComplaintResolveView(ComplaintAPIView):
    serializer_class = ComplaintResolveSerializer

    @_action("Selesaikan pengaduan", ComplaintResolveSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        complaint = selectors.get_complaint_for(request.user, pk)
        fields = _validated(ComplaintResolveSerializer, request.data)
        services.resolve_complaint(
            complaint,
            actor=request.user,
            expected_version=fields["version"],
            resolution=fields["resolution"],
        )
        return _detail(request, pk)


class ComplaintRejectView(ComplaintAPIView):
    serializer_class = ComplaintRejectSerializer

    @_action("Tutup: tidak dapat ditindaklanjuti", ComplaintRejectSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        complaint = selectors.get_complaint_for(request.user, pk)
        fields = _validated(ComplaintRejectSerializer, request.data)
        services.reject_complaint(
            complaint,
            actor=request.user,
            expected_version=fields["version"],
            reason=fields["reason"],
        )
        return _detail(request, pk)


# --- Public ------------------------------------------------------------------------------------


class PublicAPIView(APIView):
    """No account, no session: nothing to authenticate, nothing to forge (no CSRF)."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    def limit(self, request: Request, limit: Limit) -> None:
        if not hit(limit, client_of(request._request)):
            raise exceptions.Throttled(
                detail=_("Terlalu banyak permintaan. Coba lagi sebentar lagi.")
            )


def _public_status(ticket: str) -> dict[str, Any]:
    found = selectors.public_status(ticket)
    if found is None:
        raise Http404
    return dict(PublicStatusSerializer(found).data)


class PublicComplaintCreateView(PublicAPIView):
    serializer_class = PublicComplaintSerializer

    @extend_schema(
        tags=PUBLIC_TAGS,
        request=PublicComplaintSerializer,
        responses={201: PublicStatusSerializer, 400: INVALID, 404: NOT_FOUND, 429: LIMITED},
    )
    def post(self, request: Request) -> Response:
        """File a complaint to a unit of an agency; the answer carries the ticket code."""
        self.limit(request, PUBLIC_SUBMIT_LIMIT)
        fields = _validated(PublicComplaintSerializer, request.data)
        if fields["website"]:
            raise ValidationError(_("Formulir tidak dapat diterima."))
        agency = selectors.public_agency(fields["agency"])
        with tenant_scope(agency):
            unit = Unit.objects.filter(pk=fields["unit"], is_active=True).first()
            if unit is None:
                raise ValidationError({"unit": _("Unit tidak ditemukan di instansi ini.")})
            service = None
            if fields["service"] is not None:
                service = (
                    Service.objects.select_related("unit")
                    .filter(pk=fields["service"], is_active=True)
                    .first()
                )
                if service is None:
                    raise ValidationError({"service": _("Layanan tidak ditemukan.")})
            complaint = services.register_complaint(
                unit,
                actor=None,
                channel=Channel.WEB,
                subject=fields["subject"],
                description=fields["description"],
                service=service,
                complainant_name=fields["complainant_name"],
                complainant_contact=fields["complainant_contact"],
            )
        return Response(_public_status(complaint.ticket_code), status=status.HTTP_201_CREATED)


class PublicComplaintStatusView(PublicAPIView):
    serializer_class = PublicStatusSerializer

    @extend_schema(
        tags=PUBLIC_TAGS, responses={200: PublicStatusSerializer, 404: NOT_FOUND, 429: LIMITED}
    )
    def get(self, request: Request, ticket: str) -> Response:
        """The status of a complaint by its ticket code (no personal data)."""
        self.limit(request, PUBLIC_LOOKUP_LIMIT)
        return Response(_public_status(ticket))


class PublicComplaintRateView(PublicAPIView):
    serializer_class = PublicRatingSerializer

    @extend_schema(
        tags=PUBLIC_TAGS,
        request=PublicRatingSerializer,
        responses={200: PublicStatusSerializer, 400: INVALID, 404: NOT_FOUND, 429: LIMITED},
    )
    def post(self, request: Request, ticket: str) -> Response:
        """The complainant rates the resolution (1–5), once, after it is resolved."""
        self.limit(request, PUBLIC_RATE_LIMIT)
        complaint = selectors.complaint_by_ticket(ticket)
        if complaint is None:
            raise Http404
        fields = _validated(PublicRatingSerializer, request.data)
        with tenant_scope(complaint.agency_id):
            services.rate_complaint(
                complaint, actor=None, rating=fields["rating"], comment=fields["comment"]
            )
        return Response(_public_status(complaint.ticket_code))
