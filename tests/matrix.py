"""The vocabulary of the URL × persona matrix (tests/core/test_permission_matrix.py).

Each area keeps its own table in `tests/<area>/url_rules*.py` as `RULES: dict[str, Rule]`;
the matrix test merges them, so a new page is classified next to its own tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import PERSONAS, World

ANON = "anon"
ALL = [ANON, *PERSONAS]


@dataclass
class Rule:
    """Expected GET status per persona; `kwargs` picks the object(s) from the test world."""

    expected: dict[str, int]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    other_agency_kwargs: Callable[[World], dict[str, Any]] | None = None
    method: str = "get"


def statuses(default: int, anon: int = 302, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table[ANON] = anon
    table.update(overrides)
    return table


def only(
    allowed: tuple[str, ...], *, ok: int = 200, denied: int = 403, anon: int = 302, **overrides: int
) -> dict[str, int]:
    table = {persona: (ok if persona in allowed else denied) for persona in PERSONAS}
    table[ANON] = anon
    table.update(overrides)
    return table


ADMINS = ("admin_bkpsdm", "superuser", "admin_agensi_lain")
