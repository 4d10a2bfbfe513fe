"""Browser tests in real Chromium (Debian's /usr/bin/chromium) driven by Playwright.

On failure a screenshot goes to test-results/ and the page's console errors are printed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; our ORM calls in tests are still
# synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("READMARK_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser: Browser, viewport: dict, request, **context_options) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, **context_options)
    context.set_default_timeout(8000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console.{message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.js_errors = errors  # type: ignore[attr-defined]
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        RESULTS.mkdir(exist_ok=True)
        name = request.node.name.replace("/", "_")[:120]
        try:
            page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
        except Exception as error:  # the page may already be gone
            print(f"screenshot failed: {error}")
        print("\n".join(errors) or "no page errors")
    _close_quietly(context)


def _close_quietly(context) -> None:
    """Close a browser context without letting it talk to the server afterwards.

    Leaving a page fires pagehide, and our pages save on pagehide (reading position, notes).
    Such a request would reach the live server after the test's database is gone: refuse
    every request first, leave the page, and give requests already in flight a moment.
    """
    try:
        context.route("**/*", lambda route: route.abort())
        for open_page in context.pages:
            open_page.goto("about:blank")
        if context.pages:
            context.pages[0].wait_for_timeout(150)
    except Exception as error:  # a crashed page must not hide the test's own result
        print(f"closing the browser context: {error}")
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def viewport(request) -> dict:
    return DESKTOP if request.param == "desktop" else PHONE


@pytest.fixture
def page(browser, viewport, request) -> Iterator[Page]:
    yield from _new_page(browser, viewport, request)


@pytest.fixture
def desktop_page(browser, request) -> Iterator[Page]:
    yield from _new_page(browser, DESKTOP, request)


@pytest.fixture
def axe_page(browser, request) -> Iterator[Page]:
    # axe is injected as a script; CSP (rightly) forbids that, so this context bypasses it.
    yield from _new_page(browser, DESKTOP, request, bypass_csp=True)


def login(page: Page, live_server, user) -> None:
    """Log the browser in by handing it a real session cookie (faster than the form)."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def run_axe(page: Page) -> list[dict]:
    """Serious and critical accessibility violations on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def sample(transactional_db):
    from tests.conftest import import_sample

    return import_sample()


@pytest.fixture
def reader_user(transactional_db):
    return get_user_model().objects.create_user("rita", password="correct-horse-battery-staple")
