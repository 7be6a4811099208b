"""The demo (`manage.py load_demo`) loaded once per test module, rolled back afterwards.

Evidence files go to a temporary MEDIA_ROOT. Import `demo` into a test module to use it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory) -> Path:
    """Where the demo's evidence files are stored."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_media) -> Iterator[str]:
    media = demo_media
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, demo_media, db, unscoped, settings) -> str:
    """The output of `load_demo`; the data and its files (MEDIA_ROOT) stay for the test."""
    settings.MEDIA_ROOT = str(demo_media)
    return demo_output
