"""Notifications REST API (under /api/v1/notifications/): the caller's own, and marking read.

The same reads and writes as the inbox pages (kinerja.core.notifications); anybody else's
notification answers 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kinerja.core import notifications
from kinerja.core.api import AuthenticatedRequest, TenantScopeMixin
from kinerja.core.models import Notification

TAGS = ["Notifikasi"]
NOT_FOUND = OpenApiResponse(description=gettext_lazy("Notifikasi tidak ditemukan."))


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    url = serializers.SerializerMethodField(help_text=gettext_lazy("Path di situs ini."))
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "code", "text", "url", "is_read", "created_at", "read_at"]
        read_only_fields = fields

    def get_url(self, notification: Notification) -> str:
        return notifications.local_path(notification.url)

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class MarkedSerializer(serializers.Serializer[dict[str, int]]):
    marked = serializers.IntegerField()


class NotificationPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class NotificationAPIView(TenantScopeMixin, generics.GenericAPIView):  # type: ignore[type-arg]
    pagination_class = NotificationPagination
    serializer_class: type[serializers.BaseSerializer[Any]] = NotificationSerializer
    request: AuthenticatedRequest


class NotificationListView(NotificationAPIView):
    def get_queryset(self) -> QuerySet[Notification]:
        unread = self.request.query_params.get("unread", "").lower() in {"1", "true"}
        return notifications.inbox_of(self.request.user, unread_only=unread)

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("unread", bool, description=gettext_lazy("Hanya yang belum dibaca."))
        ],
        responses={200: NotificationSerializer(many=True)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The caller's notifications, newest first."""
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(NotificationSerializer(page, many=True).data)


class NotificationReadView(NotificationAPIView):
    @extend_schema(tags=TAGS, request=None, responses={200: NotificationSerializer, 404: NOT_FOUND})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Mark one of the caller's notifications as read."""
        notification = notifications.get_notification_for(request.user, pk)
        notification = notifications.mark_read(notification, actor=request.user)
        return Response(NotificationSerializer(notification).data)


class NotificationReadAllView(NotificationAPIView):
    serializer_class = MarkedSerializer

    @extend_schema(tags=TAGS, request=None, responses={200: MarkedSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        """Mark every unread notification of the caller as read; answers how many."""
        return Response({"marked": notifications.mark_all_read(request.user, actor=request.user)})


urlpatterns = [
    path("", NotificationListView.as_view(), name="api-notification-list"),
    path("read-all/", NotificationReadAllView.as_view(), name="api-notification-read-all"),
    path("<int:pk>/read/", NotificationReadView.as_view(), name="api-notification-read"),
]
