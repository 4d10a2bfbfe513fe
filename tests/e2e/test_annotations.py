"""Highlights, notes, quotes and the Notes panel in real Chromium, at desktop and phone sizes."""

from __future__ import annotations

from playwright.sync_api import expect

from annotations.models import Annotation
from tests.e2e.annotation_helpers import mark_texts, select_text
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


def article_free(page, panel, *, free: bool = True):
    """On phones the Notes sheet covers the article: minimise it to select, expand it after."""
    if page.viewport_size["width"] >= 768:
        return
    panel.get_by_role("button", name="Minimise" if free else "Expand").click()


def test_auto_quote_inserts_a_blockquote_and_marks_the_passage_blue(
    page, live_server, sample, reader_user
):
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    notes = panel.get_by_label("General notes")
    notes.fill("My notes on the Leap.")
    expect(panel.get_by_role("status")).to_have_text("Saved")
    article_free(page, panel)
    select_text(page, WHAT, "overtake Britain in steel output")
    quote = page.locator('mark[data-kind="quote"]')
    expect(quote).to_have_text("overtake Britain in steel output")
    expect(quote).not_to_have_class("is-pending")
    annotation = Annotation.objects.get(kind="quote")
    expected = f"My notes on the Leap.\n\n> overtake Britain in steel output [^q{annotation.pk}]\n"
    article_free(page, panel, free=False)
    expect(notes).to_have_value(expected)
    # No toolbar: the selection was consumed by Auto-Quote, and only once.
    expect(page.get_by_role("toolbar", name="Selection")).to_be_hidden()
    expect(panel.get_by_role("status")).to_have_text("Saved")
    assert Annotation.objects.count() == 1

    # A second gesture makes a second quote; Undo removes it from the notes and the page.
    article_free(page, panel)
    select_text(page, WHAT, "more, faster, better, cheaper")
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(2)
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(1)
    article_free(page, panel, free=False)
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
    panel = page.get_by_role("complementary", name="Notes")  # still open: its state is kept
    article_free(page, panel, free=False)
    expect(panel.get_by_label("General notes")).to_have_value(expected)
    assert page.js_errors == []


def make_annotation(user, article, anchor: str, phrase: str, kind="highlight", body=""):
    from annotations.services import annotation_create
    from tests.annotations.helpers import section_of, selectors_for

    section = section_of(article, anchor)
    return annotation_create(
        owner=user,
        article=article,
        section_anchor=anchor,
        kind=kind,
        selectors=selectors_for(section, phrase),
        body=body,
    )


def test_overlapping_marks_render_nested_and_survive_deleting_one(
    page, live_server, sample, reader_user
):
    make_annotation(reader_user, sample, WHAT, "slow, Soviet-style investment")
    open_reader(page, live_server, reader_user)
    # A note that starts inside the highlight and runs past it, across an inline boundary.
    select_text(page, WHAT, "Soviet-style investment, it would push farming")
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Add Note").click()
    page.get_by_role("dialog", name="Note on").get_by_label("Note", exact=True).fill("overlap")
    page.get_by_role("button", name="Save").click()
    expect(page.locator('mark[data-kind="note"]:not(.is-pending)')).not_to_have_count(0)
    assert mark_texts(page, "highlight") == ["slow, Soviet-style investment"]
    assert mark_texts(page, "note") == ["Soviet-style investment, it would push farming"]
    assert page.locator("mark mark").count() >= 1  # the overlap nests
    # Each is one Tab stop with a visible focus ring.
    marks = page.locator('mark[tabindex="0"]')
    expect(marks).to_have_count(2)
    marks.first.focus()
    outline = marks.first.evaluate("m => getComputedStyle(m).outlineStyle")
    assert outline != "none"
    # Deleting the highlight leaves the note whole.
    page.keyboard.press("Delete")
    expect(page.locator('mark[data-kind="highlight"]')).to_have_count(0)
    assert mark_texts(page, "note") == ["Soviet-style investment, it would push farming"]
    page.reload()
    assert mark_texts(page, "note") == ["Soviet-style investment, it would push farming"]
    expect(page.locator('mark[data-kind="highlight"]')).to_have_count(0)
    assert page.js_errors == []


def test_selection_across_list_items_makes_valid_marks(page, live_server, sample, reader_user):
    open_reader(page, live_server, reader_user)
    phrase = "central cause of famine.\nThe famine of 1959–1961"
    select_text(page, "key-takeaways", phrase)
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Highlight").click()
    expect(page.locator('mark[data-kind="highlight"]:not(.is-pending)')).not_to_have_count(0)
    # No <mark> directly inside the <ul>: only text inside the list items is wrapped.
    assert page.locator("ul > mark").count() == 0
    saved = Annotation.objects.get()
    assert saved.quote.startswith("central cause of famine.") and saved.quote.endswith("1959–1961")
    page.reload()
    expect(page.locator('mark[data-kind="highlight"]')).to_have_count(2)


def test_visitor_selecting_text_is_asked_to_log_in(page, live_server, sample):
    page.goto(live_server.url + URL)
    select_text(page, WHAT, "overtake Britain in steel output")
    prompt = page.get_by_role("dialog", name="Log in to use study tools")
    expect(prompt).to_be_visible()
    link = prompt.get_by_role("link", name="Log in")
    assert "/accounts/login/?next=/articles/great-leap-forward/" in link.get_attribute("href")
    expect(page.get_by_role("toolbar", name="Selection")).to_have_count(0)
    assert page.locator("mark").count() == 0
    assert page.js_errors == []


def test_a_second_reader_sees_none_of_the_first_readers_work(
    page, live_server, sample, reader_user
):
    from annotations.services import notebook_save
    from tests.conftest import make_user

    make_annotation(reader_user, sample, WHAT, "overtake Britain", kind="note", body="secret")
    notebook_save(owner=reader_user, article=sample, body="rita's notes", expected_version=0)
    second = make_user("sam")
    open_reader(page, live_server, second)
    expect(page.locator("article h2").first).to_be_visible()
    assert page.locator("mark").count() == 0
    panel = open_notes(page)
    expect(panel.get_by_label("General notes")).to_have_value("")
    assert "secret" not in page.content()


def test_profile_lists_saved_passages_and_jumps_back(page, live_server, sample, reader_user):
    lessons = make_annotation(
        reader_user, sample, "lessons", "planners lose sight of reality", kind="quote"
    )
    note = make_annotation(
        reader_user, sample, WHAT, "overtake Britain", kind="note", body="a *bold* claim"
    )
    make_annotation(reader_user, sample, "key-takeaways", "backyard furnaces")
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/accounts/profile/")
    saved = page.get_by_role("region", name="Saved in your profile")
    expect(saved.get_by_role("heading", name="The Great Leap Forward")).to_be_visible()
    # Reading order: sections as in the article, not as created.
    sections = saved.locator(".saved-section").all_inner_texts()
    assert sections == ["Key takeaways", "What it was", "Lessons"]
    expect(saved.locator(".saved-note em")).to_have_text("bold")
    # Search narrows to one's own notes and quotes.
    saved.get_by_label("Search your notes and quotes").fill("bold claim")
    saved.get_by_role("button", name="Search").click()
    expect(saved.locator(".saved-item")).to_have_count(1)
    saved.get_by_role("link", name="Clear search").click()
    expect(saved.locator(".saved-item")).to_have_count(3)
    # Jump back: the reader scrolls to the passage, focuses and flashes it.
    saved.get_by_role("link", name="“planners lose sight of reality”").click()
    page.wait_for_url(f"**/articles/great-leap-forward/#annotation-{lessons.pk}")
    target = page.locator(f"#annotation-{lessons.pk}")
    expect(target).to_have_class("is-flashing")
    expect(target).to_be_focused()
    expect(target).to_be_in_viewport()
    assert note.pk != lessons.pk
    assert page.js_errors == []


EDITED_LUSHAN = "Peng Dehuai, then defence minister, wrote to Mao privately."


def test_orphans_after_a_reimport_are_listed_reattached_or_deleted(
    page, live_server, sample, reader_user
):
    from reader.services import article_import
    from tests.conftest import CONTENT

    anchor = "agricultural-failures-and-causes-of-famine"
    lushan = "At the Lushan Conference in 1959"
    lost = make_annotation(reader_user, sample, anchor, lushan, kind="note", body="lost note")
    also_lost = make_annotation(reader_user, sample, anchor, "His purge made honest reporting")
    kept = make_annotation(reader_user, sample, WHAT, "overtake Britain")
    source = (CONTENT / "great-leap-forward.md").read_text()
    sentence = (
        "At the Lushan Conference in 1959, Defence Minister Peng Dehuai criticized the "
        "campaign in a letter to Mao. His purge made honest reporting even more dangerous."
    )
    assert sentence in source
    article_import(data=source.replace(sentence, EDITED_LUSHAN).encode(), name="glf.md")

    login(page, live_server, reader_user)
    page.goto(live_server.url + "/accounts/profile/")
    orphans = page.get_by_role("region", name="Passages to re-attach")
    expect(orphans.locator(".saved-item")).to_have_count(2)
    expect(orphans).to_contain_text(lushan)

    page.goto(live_server.url + URL)
    assert mark_texts(page) == ["overtake Britain"]
    panel = open_notes(page)
    listed = panel.get_by_role("region", name="Passages to re-attach")
    expect(listed.get_by_role("listitem")).to_have_count(2)
    expect(listed).to_contain_text("lost note")
    # Re-attach: press the button, then select the new passage (Auto-Quote waits meanwhile).
    item = listed.get_by_role("listitem").filter(has_text=lushan)
    item.get_by_role("button", name="Re-attach").click()
    expect(listed.get_by_text("Now select the passage in the article.")).to_be_visible()
    article_free(page, panel)
    select_text(page, anchor, "wrote to Mao privately")
    article_free(page, panel, free=False)
    expect(listed.get_by_role("listitem")).to_have_count(1)
    expect(page.locator(f'mark[data-annotation-id="{lost.pk}"]')).to_have_text(
        "wrote to Mao privately"
    )
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(0)
    # Delete the other orphan.
    listed.get_by_role("button", name="Delete").click()
    expect(listed).to_be_hidden()
    page.reload()
    assert sorted(mark_texts(page)) == ["overtake Britain", "wrote to Mao privately"]
    assert Annotation.objects.filter(pk=also_lost.pk).count() == 0
    assert Annotation.objects.get(pk=lost.pk).state == "anchored"
    assert Annotation.objects.get(pk=kept.pk).state == "anchored"
    assert page.js_errors == []


def test_keyboard_shortcut_highlights_and_marks_are_reachable_by_tab(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    open_reader(page, live_server, reader_user)
    toolbar = page.get_by_role("toolbar", name="Selection")
    select_text(page, WHAT, "overtake Britain")
    expect(toolbar.get_by_role("button", name="Highlight")).to_have_attribute(
        "aria-keyshortcuts", "H"
    )
    # Extend the selection from the keyboard, then press H.
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    expect(toolbar).to_be_visible()
    page.keyboard.press("h")
    expect(page.locator('mark[data-kind="highlight"]:not(.is-pending)')).to_have_text(
        "overtake Britain in"
    )
    # Tab from the section's button reaches the paragraph, then the mark in it; Enter opens its
    # actions; Escape returns.
    page.get_by_role("button", name="Generate Flashcards for What it was").focus()
    page.keyboard.press("Tab")
    expect(page.locator(f'[data-section-body="{WHAT}"] p').first).to_be_focused()
    page.keyboard.press("Tab")
    mark = page.locator('mark[data-kind="highlight"]')
    expect(mark).to_be_focused()
    page.keyboard.press("Enter")
    actions = page.get_by_role("dialog", name="Highlight actions")
    expect(actions.get_by_role("button", name="Add note")).to_be_focused()
    page.keyboard.press("Escape")
    expect(actions).to_be_hidden()
    expect(mark).to_be_focused()
    # Add a note from the keyboard: N opens the editor, Ctrl+Enter saves.
    select_text(page, WHAT, "fifteen years")
    page.keyboard.press("n")
    page.get_by_label("Note", exact=True).type("Khrushchev's boast, echoed")
    page.keyboard.press("Control+Enter")
    expect(page.locator('mark[data-kind="note"]:not(.is-pending)')).to_have_text("fifteen years")
    assert page.js_errors == []


def test_a_stale_notebook_shows_both_versions_instead_of_overwriting(
    desktop_page, live_server, sample, reader_user
):
    from annotations.services import notebook_save

    page = desktop_page
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    notes = panel.get_by_label("General notes")
    notes.fill("From this tab")
    status = panel.get_by_role("status")
    expect(status).to_have_text("Saved")
    # Another device saves meanwhile.
    notebook_save(owner=reader_user, article=sample, body="From my phone", expected_version=1)
    notes.fill("From this tab, edited")
    expect(status).to_contain_text("changed elsewhere")
    expect(panel.get_by_text("These notes were changed elsewhere")).to_be_visible()
    expect(panel.locator("pre").nth(0)).to_have_text("From this tab, edited")
    expect(panel.locator("pre").nth(1)).to_have_text("From my phone")
    from annotations.models import Notebook

    assert Notebook.objects.get().body == "From my phone"  # nothing was overwritten
    panel.get_by_role("button", name="Keep both").click()
    expect(status).to_have_text("Saved")
    expect(notes).to_have_value("From my phone\n\nFrom this tab, edited")
    assert Notebook.objects.get().body == "From my phone\n\nFrom this tab, edited"
    # The browser logs the 412 response itself; nothing else may fail.
    assert [e for e in page.js_errors if "412 (Precondition Failed)" not in e] == []


def test_panels_marks_and_editor_have_no_serious_accessibility_violations(
    axe_page, live_server, sample, reader_user
):
    from tests.e2e.conftest import run_axe

    page = axe_page
    make_annotation(reader_user, sample, WHAT, "overtake Britain", kind="note", body="n")
    make_annotation(reader_user, sample, WHAT, "Britain in steel output")
    open_reader(page, live_server, reader_user)
    open_notes(page)
    assert run_axe(page) == []
    page.locator('mark[data-kind="note"]').first.click()
    expect(page.get_by_role("dialog", name="Note actions")).to_be_visible()
    assert run_axe(page) == []
    page.get_by_role("button", name="Edit note").click()
    expect(page.get_by_label("Note", exact=True)).to_be_focused()
    assert run_axe(page) == []
    page.goto(live_server.url + "/accounts/profile/")
    assert run_axe(page) == []


def test_offline_work_is_kept_and_saved_when_the_connection_returns(
    desktop_page, live_server, sample, reader_user
):
    from annotations.models import Notebook

    page = desktop_page
    open_reader(page, live_server, reader_user)
    page.context.set_offline(True)
    select_text(page, WHAT, "overtake Britain")
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Highlight").click()
    pending = page.locator('mark[data-kind="highlight"]')
    expect(pending).to_have_class("is-pending")
    expect(page.get_by_text("You seem to be offline")).to_be_visible()
    panel = open_notes(page)
    panel.get_by_label("General notes").fill("Written on the train")
    status = panel.locator(".save-status")
    expect(status).to_contain_text("Offline")
    assert Annotation.objects.count() == 0
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(pending).not_to_have_class("is-pending", timeout=15000)
    expect(status).to_have_text("Saved", timeout=15000)
    assert Annotation.objects.get().quote == "overtake Britain"
    assert Notebook.objects.get().body == "Written on the train"


def test_on_phones_opening_another_panel_closes_notes(page, live_server, sample, reader_user):
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    toggle = page.locator(".notes-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # Another panel (the Flashcards one) announces itself through the shared registry.
    page.evaluate(
        """async () => {
          const panels = await import('/static/js/lib/panels.js');
          panels.registerPanel('other', {close() {}, isOpen: () => true});
          panels.panelOpened('other');
        }"""
    )
    if page.viewport_size["width"] < 768:
        expect(panel).to_be_hidden()
        expect(toggle).to_have_attribute("aria-expanded", "false")
    else:
        expect(panel).to_be_visible()  # on desktop both may stay open
    # Escape closes the panel and gives focus back to the button.
    if panel.is_hidden():
        toggle.click()
    panel.get_by_label("General notes").focus()
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()


def test_auto_quote_takes_one_quote_per_double_or_triple_click(
    page, live_server, sample, reader_user
):
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    article_free(page, panel)
    word = page.locator('[data-section-body="what-it-was"] p').first
    # A quarter down the window: clear of the header, and of the Notes sheet on phones.
    word.evaluate("p => window.scrollBy(0, p.getBoundingClientRect().top - innerHeight / 4)")
    box = word.bounding_box()
    x, y = box["x"] + 30, box["y"] + 8
    page.mouse.dblclick(x, y)
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(1)
    page.mouse.click(x + 200, y, click_count=3)
    expect(page.locator('mark[data-kind="quote"]:not(.is-pending)')).not_to_have_count(1)
    page.wait_for_timeout(600)
    quotes = Annotation.objects.filter(kind="quote").order_by("id")
    assert quotes.count() == 2  # a word, then a paragraph: no extra quote on the way
    assert len(quotes[0].quote.split()) == 1
    assert quotes[1].quote.startswith("In late 1957 Mao declared")
    article_free(page, panel, free=False)
    expect(panel.get_by_role("status").first).to_have_text("Saved")
