"""Pages of the forum area under /forum/: announcements with read confirmation, and the
discussion forum."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.forum.views import announcements, threads

app_name = "forum"
urlpatterns: list[URLPattern] = [
    path("pengumuman/", announcements.announcement_list, name="announcement-list"),
    path("pengumuman/baru/", announcements.announcement_create, name="announcement-create"),
    path("pengumuman/<int:pk>/", announcements.announcement_detail, name="announcement-detail"),
    path("pengumuman/<int:pk>/ubah/", announcements.announcement_edit, name="announcement-edit"),
    path(
        "pengumuman/<int:pk>/terbitkan/",
        announcements.announcement_publish,
        name="announcement-publish",
    ),
    path(
        "pengumuman/<int:pk>/tarik/",
        announcements.announcement_withdraw,
        name="announcement-withdraw",
    ),
    path(
        "pengumuman/<int:pk>/konfirmasi/",
        announcements.announcement_confirm,
        name="announcement-confirm",
    ),
    path(
        "pengumuman/<int:pk>/belum-membaca/",
        announcements.announcement_readers,
        name="announcement-readers",
    ),
    path("diskusi/", threads.thread_list, name="thread-list"),
    path("diskusi/baru/", threads.thread_create, name="thread-create"),
    path("diskusi/<int:pk>/", threads.thread_detail, name="thread-detail"),
    path("diskusi/<int:pk>/balas/", threads.thread_reply, name="thread-reply"),
    path("diskusi/<int:pk>/terjawab/", threads.thread_answered, name="thread-answered"),
    path("diskusi/<int:pk>/kunci/", threads.thread_lock, name="thread-lock"),
    path("diskusi/<int:pk>/sembunyikan/", threads.thread_hide, name="thread-hide"),
    path("diskusi/<int:pk>/tampilkan/", threads.thread_restore, name="thread-restore"),
    path("balasan/<int:pk>/sembunyikan/", threads.post_hide, name="post-hide"),
    path("balasan/<int:pk>/tampilkan/", threads.post_restore, name="post-restore"),
    path("cari/", threads.search, name="search"),
]
