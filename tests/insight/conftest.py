"""Insight fixtures: the planning period of the home agency."""

from tests.planning.conftest import period  # noqa: F401  (fixture)
