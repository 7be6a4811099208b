"""The unread-announcement badge of the side menu (one bounded query per page)."""

from __future__ import annotations

from typing import Any

from django import template

from kinerja.forum.selectors.announcements import BADGE_LIMIT, unread_badge_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_announcements(context: dict[str, Any]) -> str:
    """ "" for none, the count, or "99+" beyond the limit."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    count = unread_badge_count(user)
    if not count:
        return ""
    return f"{BADGE_LIMIT}+" if count > BADGE_LIMIT else str(count)
