"""Fixtures of the oversight tests (see `builders` for the standard audit)."""

from __future__ import annotations

import pytest

from tests.oversight.builders import Setup, make_setup


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Evidence files go to a throwaway directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def setup(world, unscoped) -> Setup:
    return make_setup(world)
