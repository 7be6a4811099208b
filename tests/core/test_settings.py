"""Settings helpers reject malformed values; production settings pass the deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kinerja.settings import env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_refuses_an_unknown_word(monkeypatch):
    monkeypatch.setenv("KINERJA_FLAG", "mungkin")
    with pytest.raises(ImproperlyConfigured, match="must be true or false"):
        env_bool("KINERJA_FLAG")
    monkeypatch.setenv("KINERJA_FLAG", "Yes")
    assert env_bool("KINERJA_FLAG") is True


def test_env_int_refuses_text_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("KINERJA_NUMBER", "dua")
    with pytest.raises(ImproperlyConfigured, match="must be an integer"):
        env_int("KINERJA_NUMBER", 1)
    monkeypatch.setenv("KINERJA_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("KINERJA_NUMBER", 1, minimum=1)


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {  # the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process: not for deploy
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "true",
        "REQUIRE_SECRET_KEY": "true",
        "SECRET_KEY": "k" * 20 + "Zq9!x" * 10,
        "ALLOWED_HOSTS": "kinerja.example.go.id",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
