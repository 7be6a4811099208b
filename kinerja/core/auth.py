"""Sign-in with a NIP (18 digits, spaces allowed) or a username."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from kinerja.core.models import User


def normalise_login(raw: str) -> str:
    """A NIP typed with spaces becomes its 18 digits; anything else is kept as typed."""
    compact = "".join(raw.split())
    return compact if compact.isdigit() else raw.strip()


class NipOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        login = normalise_login(username)
        user = None
        if login.isdigit() and len(login) == 18:
            user = User.objects.filter(employee__nip=login).first()
        if user is None:
            user = User.objects.filter(username__iexact=login).first()
        if user is None:
            User().set_password(password)  # equalise timing with a real check
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
