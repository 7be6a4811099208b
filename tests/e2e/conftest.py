"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Outside CI a machine without Chromium skips these tests with the reason printed; in CI
(`CI=true`) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = os.path.exists(CHROMIUM)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls from the
# test itself (fixtures) are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not HAS_CHROMIUM and IN_CI:
        pytest.fail("Debian's chromium is not installed; CI must run the browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="id-ID", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, username: str, password: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("NIP atau nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/akun/masuk/" not in url)


skip_without_browser = pytest.mark.skipif(
    not HAS_CHROMIUM and not IN_CI,
    reason="Debian's chromium is not installed (make test installs it when run as root)",
)
