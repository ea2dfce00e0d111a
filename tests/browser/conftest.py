"""Playwright on Debian's Chromium: a `browser` for the session and a fresh `page` per test.

Browsers are never downloaded: the tests use /usr/bin/chromium. Where it is missing they are
skipped with the reason, except in CI (CI=true), where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Chromium for the whole test process: launching it is the slowest step of a browser test.

    Playwright's sync API keeps an asyncio loop running in this thread while it lives, and
    Django refuses ORM calls in a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE
    is set. That permission is given here for the rest of the process, which runs browser
    tests only: tests/conftest.py puts them last. Each test still gets a context of its own
    (`page`), so no cookie or storage passes from one test to the next.
    """
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; browser tests must run in CI.")
        pytest.skip(f"{reason}; browser tests run in CI.")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as monkeypatch, sync_playwright() as playwright:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While Playwright's loop runs, Django keeps this thread's connections in a context of
        # their own, which nothing closes later: left open, one would hold the test database
        # and make its teardown fail on PostgreSQL.
        connections.close_all()


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(browser, browser_context_options):
    """A page whose console errors (CSP violations among them) are kept in `page.errors`."""
    context = browser.new_context(**browser_context_options)
    page = context.new_page()
    page.errors = []
    page.on(
        "console",
        lambda message: page.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
