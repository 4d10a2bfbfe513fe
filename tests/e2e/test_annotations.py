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


def test_toolbar_sits_below_the_selection_on_phones_and_above_on_desktop(
    page, live_server, sample, reader_user
):
    open_reader(page, live_server, reader_user)
    select_text(page, WHAT, "overtake Britain in steel output")
    toolbar = page.get_by_role("toolbar", name="Selection")
    expect(toolbar).to_be_visible()
    selection_box = page.evaluate(
        "() => { const r = window.getSelection().getRangeAt(0).getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom}; }"
    )
    box = toolbar.bounding_box()
    if page.viewport_size["width"] < 768:
        assert box["y"] >= selection_box["bottom"]  # clear of the phone's own menu above
    else:
        assert box["y"] + box["height"] <= selection_box["top"]
    assert page.js_errors == []


def test_note_add_show_edit_delete_and_undo(page, live_server, sample, reader_user):
    open_reader(page, live_server, reader_user)
    select_text(page, WHAT, "more, faster, better, cheaper")
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Add Note").click()
    editor = page.get_by_role("dialog", name="Note on")
    note = editor.get_by_label("Note", exact=True)
    expect(note).to_be_focused()
    note.fill("The **slogan** of 1958")
    editor.get_by_role("button", name="Save").click()
    mark = page.locator('mark[data-kind="note"]')
    expect(mark).to_have_text("more, faster, better, cheaper")
    expect(mark).not_to_have_class("is-pending")
    assert Annotation.objects.get().body == "The **slogan** of 1958"

    # Hovering (or focusing) shows the note, rendered.
    mark.hover()
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("strong")).to_have_text("slogan")

    # Click to edit.
    mark.click()
    actions = page.get_by_role("dialog", name="Note actions")
    actions.get_by_role("button", name="Edit note").click()
    expect(note).to_have_value("The **slogan** of 1958")
    note.fill("Edited: the slogan")
    editor.get_by_role("button", name="Save").click()
    expect(editor).to_be_hidden()
    page.reload()
    mark = page.locator('mark[data-kind="note"]')
    mark.focus()
    expect(page.get_by_role("tooltip")).to_have_text("Edited: the slogan")

    # Delete, then Undo brings the same annotation back.
    mark.click()
    page.get_by_role("dialog", name="Note actions").get_by_role("button", name="Delete").click()
    expect(page.locator('mark[data-kind="note"]')).to_have_count(0)
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.locator('mark[data-kind="note"]')).to_have_text("more, faster, better, cheaper")
    page.reload()
    expect(page.locator('mark[data-kind="note"]')).to_have_count(1)
    assert Annotation.objects.count() == 1
    assert page.js_errors == []


def open_notes(page):
    page.get_by_role("button", name="Notes", exact=True).click()
    panel = page.get_by_role("complementary", name="Notes")
    expect(panel).to_be_visible()
    return panel


def test_auto_quote_inserts_a_blockquote_and_marks_the_passage_blue(
    page, live_server, sample, reader_user
):
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    notes = panel.get_by_label("General notes")
    notes.fill("My notes on the Leap.")
    expect(panel.get_by_role("status")).to_have_text("Saved")
    select_text(page, WHAT, "overtake Britain in steel output")
    quote = page.locator('mark[data-kind="quote"]')
    expect(quote).to_have_text("overtake Britain in steel output")
    expect(quote).not_to_have_class("is-pending")
    annotation = Annotation.objects.get(kind="quote")
    expected = (
        "My notes on the Leap.\n\n"
        f"> overtake Britain in steel output [↩](#annotation-{annotation.pk})\n"
    )
    expect(notes).to_have_value(expected)
    # No toolbar: the selection was consumed by Auto-Quote, and only once.
    expect(page.get_by_role("toolbar", name="Selection")).to_be_hidden()
    expect(panel.get_by_role("status")).to_have_text("Saved")
    assert Annotation.objects.count() == 1

    # A second gesture makes a second quote; Undo removes it from the notes and the page.
    select_text(page, WHAT, "more, faster, better, cheaper")
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(2)
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(1)
    expect(notes).to_have_value(expected)
    expect(panel.get_by_role("status")).to_have_text("Saved")

    # Preview renders the Markdown, and the link goes back to the passage.
    panel.get_by_role("button", name="Preview").click()
    link = panel.locator(f'a[href="#annotation-{annotation.pk}"]')
    expect(link).to_be_visible()
    link.click()
    expect(page.locator(f"#annotation-{annotation.pk}")).to_have_class("is-flashing")

    page.reload()
    expect(page.locator('mark[data-kind="quote"]')).to_have_text("overtake Britain in steel output")
    panel = open_notes(page)
    expect(panel.get_by_label("General notes")).to_have_value(expected)
    assert page.js_errors == []
