"""The demo (`manage.py load_demo`) loaded once per test worker for all the demo tests, which
run one after another, then rolled back.

Loading the five regions takes most of a minute; a dozen modules test it. `tests/conftest.py`
keeps the demo tests together (one xdist scope, run last) and calls `release_demo` after
the last of them, so the transaction holding the demo never outlives them and no other test
sees its rows. Evidence files go to a temporary MEDIA_ROOT. Import `demo` into a test module
to use it.
"""

from __future__ import annotations

import io
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_FIXTURE = "demo_output"


class _Loaded:
    """The open transaction holding the demo, and what load_demo printed."""

    stack: ExitStack | None = None
    output: str = ""


def release_demo() -> None:
    """Roll the demo back (after the last demo test of this worker)."""
    stack = _Loaded.stack
    if stack is None:
        return
    _Loaded.stack = None
    transaction.set_rollback(True)
    stack.close()


@pytest.fixture(scope="session")
def demo_media(_media_root) -> Path:
    """Where the demo's evidence files are stored: the tests' media root (tests/conftest.py)."""
    return Path(_media_root)


@pytest.fixture
def demo_output(django_db_setup, django_db_blocker, demo_media) -> str:
    if _Loaded.stack is None:
        stack = ExitStack()
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(
            override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=str(demo_media))
        )
        stack.enter_context(transaction.atomic())
        out = io.StringIO()
        try:
            call_command("load_demo", stdout=out)
        except BaseException:
            transaction.set_rollback(True)
            stack.close()
            raise
        _Loaded.stack, _Loaded.output = stack, out.getvalue()
    return _Loaded.output


@pytest.fixture
def demo(demo_output, demo_media, db, unscoped, settings) -> str:
    """The output of `load_demo`; the data and its files (MEDIA_ROOT) stay for the test."""
    settings.MEDIA_ROOT = str(demo_media)
    return demo_output
