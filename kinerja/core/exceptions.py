"""Domain errors that services raise and views/API map to clear messages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

__all__ = ["PermissionDenied", "StaleEdit", "ValidationError", "check_version"]


class StaleEdit(ValidationError):  # noqa: N818 (named as the message it carries)
    """The record changed since the user opened it (optimistic concurrency)."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Data ini telah diubah oleh pengguna lain sejak Anda membukanya. "
                "Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi."
            ),
            code="stale",
        )


def check_version(current: int, expected: int | None) -> None:
    """Refuse an edit based on an outdated version of the record."""
    if expected is not None and current != expected:
        raise StaleEdit()
