"""URL × persona rules of the forum area, merged into tests/core/test_permission_matrix.py."""

from __future__ import annotations

from tests.matrix import Rule

RULES: dict[str, Rule] = {}
