from __future__ import annotations

import time

from playwright.sync_api import expect

from reader.models import ReadingProgress
from tests.e2e.conftest import login, run_axe


def _wait_for(predicate, timeout: float = 8.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_reading_position_and_read_sections_survive_a_reload(
    desktop_page, live_server, sample, reader_user, settings
):
    # A fast reading pace makes every section's reading time the 2 s floor of the rule.
    settings.READMARK_WORDS_PER_MINUTE = 100_000
    page = desktop_page
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/articles/great-leap-forward/")
    expect(page.get_by_role("region", name="Reading position")).to_be_hidden()

    page.evaluate("document.getElementById('lessons').scrollIntoView({block: 'start'})")
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc.get_by_role("link", name="Lessons")).to_have_class("is-read", timeout=6000)
    progress = _wait_for(
        lambda: next(
            (
                row
                for row in ReadingProgress.objects.filter(user=reader_user)
                if "lessons" in row.sections_read and row.anchor
            ),
            None,
        )
    )
    assert progress.anchor == "lessons"
    assert "key-takeaways" not in progress.sections_read  # scrolled past, never read

    # The library shows the article's progress.
    page.goto(live_server.url + "/")
    expect(page.get_by_text("of 9 sections read")).to_be_visible()

    # Back in the article: an offer, not a jump.
    page.get_by_role("link", name="The Great Leap Forward").click()
    offer = page.get_by_role("region", name="Reading position")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("Lessons")
    expect(page.locator("#lessons")).not_to_be_in_viewport()
    expect(toc.get_by_role("link", name="Lessons (read)")).to_have_class("is-read")
    offer.get_by_role("button", name="Continue where you left off").click()
    expect(page.locator("#lessons")).to_be_in_viewport()
    expect(page.locator("#heading-lessons")).to_be_focused()
    expect(offer).to_be_hidden()
    assert page.js_errors == []

    # A reload keeps the place (the browser's own restoration or our offer).
    page.reload()
    resume = page.get_by_role("button", name="Continue where you left off")
    if resume.is_visible():
        resume.click()
    expect(page.locator("#lessons")).to_be_in_viewport()
    assert page.js_errors == []


def test_resume_offer_and_read_marks_are_accessible(axe_page, live_server, sample, reader_user):
    ReadingProgress.objects.create(
        user=reader_user,
        article=sample,
        anchor="lessons",
        fraction=0.3,
        sections_read=["key-takeaways", "what-it-was"],
    )
    page = axe_page
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/articles/great-leap-forward/")
    expect(page.get_by_role("button", name="Continue where you left off")).to_be_visible()
    toc = page.get_by_role("navigation", name="Table of contents")
    expect(toc.get_by_role("link", name="Key takeaways (read)")).to_be_visible()
    assert run_axe(page) == []
    page.goto(live_server.url + "/")
    expect(page.get_by_text("2 of 9 sections read")).to_be_visible()
    assert run_axe(page) == []
    assert page.js_errors == []
