"""Discussion API: the thread list (search, filter), opening a thread, one thread with its
replies, and replying. Hidden content comes back as the moderator's reason only, except to its
author and the moderator; a locked thread refuses replies with 400 and the reason."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from kinerja.core.api import AuthenticatedRequest
from kinerja.core.exceptions import PermissionDenied
from kinerja.core.models import User
from kinerja.core.permissions import require
from kinerja.forum.api.announcements import DENIED, INVALID, NOT_FOUND, TAGS, ForumAPIView
from kinerja.forum.models import Announcement, Post, Thread
from kinerja.forum.selectors import threads as selectors
from kinerja.forum.services import threads as services

HIDDEN = gettext_lazy("Disembunyikan oleh moderator: %(reason)s")


def _shows(item: Thread | Post, user: User) -> bool:
    return not item.is_hidden or item.author_id == user.pk or user.has_perm("forum.moderate", item)


class _Moderated(serializers.ModelSerializer[Any]):
    author_name = serializers.SerializerMethodField()
    hidden_note = serializers.SerializerMethodField()

    def _user(self) -> User:
        user: User = self.context["request"].user
        return user

    def get_author_name(self, item: Any) -> str:
        return str(item.author) if item.author else ""

    def get_hidden_note(self, item: Any) -> str:
        return str(HIDDEN % {"reason": item.hidden_reason}) if item.is_hidden else ""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not _shows(instance, self._user()):
            for field in ("title", "body"):
                if field in data:
                    data[field] = ""
        return data


class PostSerializer(_Moderated):
    class Meta:
        model = Post
        fields = [
            "id",
            "author",
            "author_name",
            "body",
            "is_leader_answer",
            "is_hidden",
            "hidden_note",
            "created_at",
        ]
        read_only_fields = fields


class ThreadSerializer(_Moderated):
    class Meta:
        model = Thread
        fields = [
            "id",
            "title",
            "body",
            "author",
            "author_name",
            "announcement",
            "is_answered",
            "is_locked",
            "is_hidden",
            "hidden_note",
            "reply_count",
            "created_at",
            "last_activity_at",
            "version",
        ]
        read_only_fields = fields


class ThreadDetailSerializer(ThreadSerializer):
    posts = serializers.SerializerMethodField()

    class Meta(ThreadSerializer.Meta):
        fields = [*ThreadSerializer.Meta.fields, "posts"]
        read_only_fields = fields

    def get_posts(self, thread: Thread) -> list[dict[str, Any]]:
        return list(
            PostSerializer(selectors.posts_of(thread), many=True, context=self.context).data
        )


class ThreadCreateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=10_000)
    announcement = serializers.IntegerField(required=False, allow_null=True)


class ReplySerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=10_000)


def validated(serializer_class: type[Any], payload: Any) -> dict[str, Any]:
    serializer = serializer_class(data=payload)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ThreadListView(ForumAPIView):
    serializer_class = ThreadSerializer

    @extend_schema(
        tags=TAGS,
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy("kata kunci")),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=["belum-terjawab", "terjawab", "saya"],
                description=gettext_lazy("saringan"),
            ),
        ],
        responses={200: ThreadSerializer(many=True), 403: DENIED},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """The agency's threads, latest activity first."""
        require(request.user, "forum.view_forum")
        threads = selectors.threads_visible_to(
            request.user,
            q=request.query_params.get("q", ""),
            status=request.query_params.get("status", ""),
        )
        page = self.paginate_queryset(threads)
        return self.get_paginated_response(
            ThreadSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(
        tags=TAGS,
        request=ThreadCreateSerializer,
        responses={201: ThreadDetailSerializer, 400: INVALID, 403: DENIED},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Open a thread, optionally about an announcement I may read."""
        require(request.user, "forum.start_thread")
        agency = request.user.agency
        if agency is None:
            raise PermissionDenied(gettext_lazy("Akun ini tidak terikat pada instansi mana pun."))
        fields = validated(ThreadCreateSerializer, request.data)
        about = None
        if fields.get("announcement"):
            about = Announcement.objects.filter(pk=fields["announcement"]).first()
            if about is None:
                raise Http404
        thread = services.start_thread(
            agency,
            actor=request.user,
            title=fields["title"],
            body=fields["body"],
            announcement=about,
        )
        return Response(
            ThreadDetailSerializer(thread, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ThreadDetailView(ForumAPIView):
    serializer_class = ThreadDetailSerializer

    @extend_schema(tags=TAGS, responses={200: ThreadDetailSerializer, 404: NOT_FOUND})
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        """One thread with its replies in order."""
        thread = selectors.get_thread_for(request.user, pk)
        return Response(ThreadDetailSerializer(thread, context={"request": request}).data)


class ThreadReplyView(ForumAPIView):
    serializer_class = PostSerializer

    @extend_schema(
        tags=TAGS,
        request=ReplySerializer,
        responses={201: PostSerializer, 400: INVALID, 403: DENIED, 404: NOT_FOUND},
    )
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Reply to a thread (a head's or the agency admin's reply is a leader's answer)."""
        thread = selectors.get_thread_for(request.user, pk)
        fields = validated(ReplySerializer, request.data)
        post = services.reply(thread, actor=request.user, body=fields["body"])
        return Response(
            PostSerializer(post, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
