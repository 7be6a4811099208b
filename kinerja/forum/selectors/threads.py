"""Reads of the discussion forum: the thread list with its filters, one thread (the access
choke point) with its replies, and the search over threads, replies and announcements.

Hidden content stays listed (as "Disembunyikan oleh moderator: <alasan>") but is never matched
by a search, except for its author and the moderator, so a search cannot reveal what was hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from kinerja.core.models import User
from kinerja.forum.models import Announcement, Post, Thread
from kinerja.forum.selectors.announcements import addressed_to, managed_by

PAGE_SIZES = (25, 50)


def page_size(requested: str | None) -> int:
    """25 or 50 rows a page, as the user chose; 25 otherwise."""
    return int(requested) if requested in {str(size) for size in PAGE_SIZES} else PAGE_SIZES[0]


class ThreadFilter:
    ALL = ""
    OPEN = "belum-terjawab"
    ANSWERED = "terjawab"
    MINE = "saya"


def _visible_text(user: User) -> Q:
    """Hidden threads match only for their author and the moderator."""
    if user.has_perm("forum.moderate"):
        return Q()
    return Q(is_hidden=False) | Q(author_id=user.pk)


def threads_visible_to(user: User, *, q: str = "", status: str = "") -> QuerySet[Thread]:
    """The agency's threads (the tenant scope), latest activity first, with authors joined;
    searched in titles and questions, filtered by answered / unanswered / mine."""
    if not user.has_perm("forum.view_forum"):
        return Thread.objects.none()
    threads = Thread.objects.select_related("author", "announcement").order_by(
        "-last_activity_at", "-id"
    )
    term = q.strip()
    if term:
        threads = threads.filter(Q(title__icontains=term) | Q(body__icontains=term)).filter(
            _visible_text(user)
        )
    if status == ThreadFilter.OPEN:
        threads = threads.filter(is_answered=False)
    elif status == ThreadFilter.ANSWERED:
        threads = threads.filter(is_answered=True)
    elif status == ThreadFilter.MINE:
        threads = threads.filter(author_id=user.pk)
    return threads


def get_thread_for(user: User, pk: int) -> Thread:
    """One thread of the user's agency; anything else is 404."""
    found = (
        Thread.objects.select_related("author", "announcement", "hidden_by").filter(pk=pk).first()
    )
    if found is None or not user.has_perm("forum.reply", found):
        raise Http404
    return found


def get_post_for(user: User, pk: int) -> Post:
    found = Post.objects.select_related("thread").filter(pk=pk).first()
    if found is None or not user.has_perm("forum.reply", found.thread):
        raise Http404
    return found


def posts_of(thread: Thread) -> QuerySet[Post]:
    """The replies of a thread in order, with their authors (one query)."""
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "hidden_by")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class SearchResults:
    threads: list[Thread]
    posts: list[Post]
    announcements: list[Announcement]

    @property
    def count(self) -> int:
        return len(self.threads) + len(self.posts) + len(self.announcements)


SEARCH_LIMIT = 25


def search(user: User, q: str) -> SearchResults:
    """Threads, replies and announcements whose title or text holds `q` (case-insensitive;
    a trigram index serves it on PostgreSQL), the first SEARCH_LIMIT of each, newest first."""
    term = q.strip()
    if len(term) < 2 or not user.has_perm("forum.view_forum"):
        return SearchResults([], [], [])
    threads = list(threads_visible_to(user, q=term)[:SEARCH_LIMIT])
    posts = Post.objects.filter(body__icontains=term).select_related("thread", "author")
    if not user.has_perm("forum.moderate"):
        posts = posts.filter(Q(is_hidden=False) | Q(author_id=user.pk)).filter(
            thread__is_hidden=False
        )
    readable = Q(pk__in=addressed_to(user).values("pk"))
    if user.has_perm("forum.publish_announcements"):
        readable |= Q(pk__in=managed_by(user).values("pk"))
    announcements = (
        Announcement.objects.filter(readable)
        .filter(Q(title__icontains=term) | Q(body__icontains=term))
        .order_by("-created_at", "-id")
    )
    return SearchResults(
        threads=threads,
        posts=list(posts.order_by("-created_at", "-id")[:SEARCH_LIMIT]),
        announcements=list(announcements[:SEARCH_LIMIT]),
    )
