"""The notification inbox under /notifikasi/."""

from __future__ import annotations

from django.urls import path

from kinerja.core import notification_views as views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("dibaca-semua/", views.notification_mark_all_read, name="mark-all-read"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/dibaca/", views.notification_mark_read, name="mark-read"),
]
