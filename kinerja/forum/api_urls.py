"""REST API of the forum area under /api/v1/forum/."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.forum.api import announcements, threads

urlpatterns: list[URLPattern] = [
    path(
        "announcements/",
        announcements.AnnouncementListView.as_view(),
        name="api-forum-announcement-list",
    ),
    path(
        "announcements/<int:pk>/",
        announcements.AnnouncementDetailView.as_view(),
        name="api-forum-announcement-detail",
    ),
    path(
        "announcements/<int:pk>/confirm/",
        announcements.AnnouncementConfirmView.as_view(),
        name="api-forum-announcement-confirm",
    ),
    path(
        "announcements/<int:pk>/unread/",
        announcements.UnreadListView.as_view(),
        name="api-forum-announcement-unread",
    ),
    path("threads/", threads.ThreadListView.as_view(), name="api-forum-thread-list"),
    path("threads/<int:pk>/", threads.ThreadDetailView.as_view(), name="api-forum-thread-detail"),
    path(
        "threads/<int:pk>/replies/",
        threads.ThreadReplyView.as_view(),
        name="api-forum-thread-reply",
    ),
]
