"""Highlights, notes, quotes and the Notes panel in real Chromium, at desktop and phone sizes."""

from __future__ import annotations

from playwright.sync_api import expect

from annotations.models import Annotation
from tests.e2e.annotation_helpers import select_text
from tests.e2e.conftest import login

URL = "/articles/great-leap-forward/"
WHAT = "what-it-was"


def open_reader(page, live_server, user):
    login(page, live_server, user)
    page.goto(live_server.url + URL)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_highlight_is_saved_and_shown_after_reload(page, live_server, sample, reader_user):
    open_reader(page, live_server, reader_user)
    select_text(page, WHAT, "overtake Britain in steel output")
    toolbar = page.get_by_role("toolbar", name="Selection")
    expect(toolbar).to_be_visible()
    toolbar.get_by_role("button", name="Highlight").click()
    mark = page.locator('mark[data-kind="highlight"]')
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("overtake Britain in steel output")
    expect(mark).not_to_have_class("is-pending")
    saved = Annotation.objects.get()
    assert saved.quote == "overtake Britain in steel output" and saved.kind == "highlight"
    page.reload()
    expect(page.locator('mark[data-kind="highlight"]')).to_have_text(
        "overtake Britain in steel output"
    )
    assert page.js_errors == []
