"""Announcements API: the list (addressed to me / managed by me), one announcement, confirming
reading it, and who has not read it (for those who manage it). The same selectors and services
as the pages; objects outside reach answer 404, refusals 400/403 with the reason."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.exceptions import PermissionDenied
from kinerja.forum.models import Announcement, ReadConfirmation
from kinerja.forum.selectors import announcements as selectors
from kinerja.forum.services import announcements as services
from kinerja.org.models import Employee, Unit

TAGS = ["Sosialisasi dan forum"]
DENIED = OpenApiResponse(description=gettext_lazy("Tidak berwenang."))
NOT_FOUND = OpenApiResponse(
    description=gettext_lazy("Tidak ditemukan (termasuk di luar jangkauan).")
)
INVALID = OpenApiResponse(description=gettext_lazy("Data tidak valid atau aturan pengumuman."))


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200


class ForumAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = Pagination
    request: AuthenticatedRequest


class AudienceUnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "name"]
        read_only_fields = fields


class AnnouncementSerializer(serializers.ModelSerializer[Announcement]):
    status = serializers.CharField(
        read_only=True, help_text=gettext_lazy("draft, published, withdrawn")
    )
    units = AudienceUnitSerializer(many=True, read_only=True)
    is_confirmed = serializers.SerializerMethodField(
        help_text=gettext_lazy("Apakah saya sudah mengonfirmasi (daftar 'untuk saya').")
    )

    class Meta:
        model = Announcement
        fields = [
            "id",
            "title",
            "body",
            "status",
            "whole_agency",
            "units",
            "requires_confirmation",
            "published_at",
            "withdrawn_at",
            "withdrawal_reason",
            "is_confirmed",
            "version",
        ]
        read_only_fields = fields

    def get_is_confirmed(self, announcement: Announcement) -> bool | None:
        value = getattr(announcement, "is_confirmed", None)
        return None if value is None else bool(value)


class ReadingSerializer(serializers.Serializer[Any]):
    read = serializers.IntegerField()
    total = serializers.IntegerField()
    unread = serializers.IntegerField()
    percent = serializers.IntegerField()


class ConfirmationSerializer(serializers.ModelSerializer[ReadConfirmation]):
    class Meta:
        model = ReadConfirmation
        fields = ["announcement", "employee", "confirmed_at"]
        read_only_fields = fields


class UnreadEmployeeSerializer(serializers.ModelSerializer[Employee]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Employee
        fields = ["id", "nip", "full_name", "unit", "unit_name"]
        read_only_fields = fields


SCOPE = OpenApiParameter(
    "scope",
    OpenApiTypes.STR,
    enum=["mine", "managed"],
    description=gettext_lazy("mine: ditujukan kepada saya (bawaan); managed: yang saya kelola"),
)


class AnnouncementListView(ForumAPIView):
    serializer_class = AnnouncementSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[SCOPE],
        responses={200: AnnouncementSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Announcements addressed to me, newest first (`scope=managed`: those I manage)."""
        if request.query_params.get("scope") == "managed":
            if not request.user.has_perm("forum.publish_announcements"):
                raise PermissionDenied(
                    gettext_lazy("Hanya admin instansi dan kepala unit yang mengelola pengumuman.")
                )
            announcements = selectors.managed_by(request.user)
        else:
            announcements = selectors.addressed_to(request.user)
        page = self.paginate_queryset(selectors.with_audience(announcements))
        return self.get_paginated_response(AnnouncementSerializer(page, many=True).data)


class AnnouncementDetailView(ForumAPIView):
    serializer_class = AnnouncementSerializer

    @extend_schema(tags=TAGS, responses={200: AnnouncementSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One announcement I may read."""
        announcement = selectors.get_announcement_for(request.user, pk)
        announcement.is_confirmed = selectors.is_confirmed_by(announcement, request.user)  # type: ignore[attr-defined]
        return Response(AnnouncementSerializer(announcement).data)


class AnnouncementConfirmView(ForumAPIView):
    serializer_class = ConfirmationSerializer

    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: ConfirmationSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Confirm having read a published announcement addressed to me (again: no change)."""
        announcement = selectors.get_announcement_for(request.user, pk)
        confirmation = services.confirm_read(announcement, actor=request.user)
        return Response(ConfirmationSerializer(confirmation).data, status=status.HTTP_200_OK)


class UnreadListView(ForumAPIView):
    serializer_class = UnreadEmployeeSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.INT, description=gettext_lazy("ID unit")),
            OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy("nama atau NIP")),
        ],
        responses={200: UnreadEmployeeSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Who of the audience has not confirmed yet, with `reading` (N of M) beside the page."""
        announcement = selectors.get_announcement_for(
            request.user, pk, perm="forum.manage_announcement"
        )
        unit_id = request.query_params.get("unit", "")
        unit = (
            selectors.audience_units(announcement).filter(pk=int(unit_id)).first()
            if unit_id.isdigit()
            else None
        )
        unread = selectors.unread_employees(
            announcement, unit=unit, q=request.query_params.get("q", "")
        )
        page = self.paginate_queryset(unread)
        response = self.get_paginated_response(UnreadEmployeeSerializer(page, many=True).data)
        response.data["reading"] = ReadingSerializer(selectors.reading_of(announcement)).data
        return response
