"""The reading tools as a student uses them (issue 15), in real Chromium at the sizes the issue
names: desktop 1366×900 and a phone 390×844 with touch.

The floating Notes panel, quotes that read well, selections across sections, the Annotations
list and the note markers, the keyboard path, and nothing covering a control."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from annotations.models import Annotation
from tests.e2e.annotation_helpers import mark_texts, select_text
from tests.e2e.conftest import RESULTS, _new_page, login

URL = "/articles/great-leap-forward/"
WHAT = "what-it-was"
GOALS = "goals-and-main-policies"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=["desktop", "phone"])
def size(request) -> str:
    return request.param


@pytest.fixture
def tools_page(browser, size, request):
    if size == "desktop":
        yield from _new_page(browser, DESKTOP, request)
    else:
        yield from _new_page(browser, PHONE, request, has_touch=True, is_mobile=True)


@pytest.fixture
def phone_page(browser, request):
    yield from _new_page(browser, PHONE, request, has_touch=True, is_mobile=True)


@pytest.fixture
def phone_axe_page(browser, request):
    # axe is injected as a script, which CSP forbids: this context bypasses it.
    yield from _new_page(browser, PHONE, request, has_touch=True, bypass_csp=True)


def is_phone(page: Page) -> bool:
    return page.viewport_size["width"] < 768


def open_reader(page: Page, live_server, user) -> None:
    login(page, live_server, user)
    page.goto(live_server.url + URL)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def notes_panel(page: Page):
    return page.get_by_role("complementary", name="Notes")


def open_notes(page: Page):
    page.get_by_role("button", name="Notes", exact=True).click()
    panel = notes_panel(page)
    expect(panel).to_be_visible()
    return panel


def select_across(page: Page, first: tuple[str, str], last: tuple[str, str]) -> None:
    """Drag from the start of one phrase to the end of another in a later section."""
    box = page.evaluate(
        """([[a1, p1], [a2, p2]]) => {
          const at = (anchor, phrase) => {
            const body = document.querySelector(`[data-section-body="${anchor}"]`);
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const i = walker.currentNode.data.indexOf(phrase);
              if (i >= 0) {
                const range = document.createRange();
                range.setStart(walker.currentNode, i);
                range.setEnd(walker.currentNode, i + phrase.length);
                return range;
              }
            }
            throw new Error(`not found: ${phrase}`);
          };
          const start = at(a1, p1);
          window.scrollBy(0, start.getBoundingClientRect().top - window.innerHeight * 0.2);
          const s = start.getClientRects()[0];
          const rects = [...at(a2, p2).getClientRects()];
          const e = rects[rects.length - 1];
          return {
            x1: s.left + 1, y1: s.top + s.height / 2, x2: e.right - 1, y2: e.top + e.height / 2,
          };
        }""",
        [list(first), list(last)],
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2, steps=5)
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()


# What is on top at each visible button's centre. Buttons under the Notes card, the flashcards
# panel, the note editor's sheet or the sticky header are not visible: the page scrolls under
# the header, and the panels and the editor float over it by design and can be minimised or
# closed. Anything else on top of a button (a
# toast, a toolbar, the Notes button, a marker) is a fault.
COVERED = """() => {
  const panels = [...document.querySelectorAll(
    '.notes-panel:not([hidden]), .flashcards-panel:not([hidden]), .site-header,'
    + ' .note-editor[data-sheet]:not([hidden])')];
  const under = (el, x, y) => panels.some((panel) => {
    if (panel.contains(el)) return false;
    const r = panel.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  });
  const faults = [];
  const controls = 'button, a.button, input[type=submit], textarea, select';
  for (const el of document.querySelectorAll(controls)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest('[hidden]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    if (el.closest('.toast') && !el.closest('.toast.is-visible')) continue;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    if (under(el, x, y)) continue;
    const top = document.elementFromPoint(x, y);
    if (!top || el === top || el.contains(top)) continue;
    // Inside a scrolled panel, a control scrolled out of the panel's own view is not visible.
    const clip = el.closest('.panel-body, .flashcards-panel, .toc');
    if (clip && clip.contains(top) === false) {
      const c = clip.getBoundingClientRect();
      if (y < c.top || y > c.bottom) continue;
    }
    const name = (el.getAttribute('aria-label') || el.textContent || el.id).trim().slice(0, 40);
    const by = top.closest('[class]')?.className || top.tagName;
    faults.push(`${name} covered by ${String(by).slice(0, 60)}`);
  }
  return faults;
}"""


def assert_nothing_covered(page: Page, step: str) -> None:
    page.wait_for_timeout(250)  # transitions (the toast slides in) end first
    faults = page.evaluate(COVERED)
    assert faults == [], f"{step}: {faults}"


def shot(page: Page, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    size = "phone" if is_phone(page) else "desktop"
    page.screenshot(path=str(RESULTS / f"reading-tools-{size}-{name}.png"))


# 1. The floating Notes panel


def test_notes_panel_floats_collapses_and_keeps_its_state(
    tools_page, live_server, sample, reader_user
):
    page = tools_page
    open_reader(page, live_server, reader_user)
    article = page.locator("article.article")
    before = article.bounding_box()
    select_text(page, WHAT, "overtake Britain in steel output")
    panel = open_notes(page)
    # Opening it takes no focus from the selection, and puts no cursor in the notes box.
    expect(panel.get_by_label("General notes")).not_to_be_focused()
    assert "overtake Britain" in page.evaluate("() => getSelection().toString()")
    box = panel.bounding_box()
    view = page.viewport_size
    if is_phone(page):
        assert box["height"] >= view["height"] - 2  # expanded: the whole height
    else:
        assert 360 <= box["width"] <= 400
        assert box["height"] <= 0.7 * view["height"] + 1
        assert (
            box["x"] + box["width"] >= view["width"] - 24
            and box["y"] + box["height"] >= view["height"] - 24
        )
        assert article.bounding_box()["x"] == before["x"]  # the article stays where it was

    panel.get_by_role("button", name="Minimise").click()
    expect(panel.get_by_label("General notes")).to_be_hidden()
    bar = panel.bounding_box()
    assert bar["height"] <= 64 and bar["y"] + bar["height"] >= view["height"] - 24

    # Kept across pages: minimised it stays, on this page and the next.
    page.reload()
    expect(notes_panel(page)).to_be_visible()
    expect(notes_panel(page).get_by_role("button", name="Expand")).to_be_visible()
    expect(page.get_by_label("General notes")).to_be_hidden()
    page.get_by_role("link", name="Library").click()
    page.get_by_role("link", name="The Great Leap Forward").first.click()
    expect(notes_panel(page).get_by_role("button", name="Expand")).to_be_visible()
    notes_panel(page).get_by_role("button", name="Expand").click()
    expect(page.get_by_label("General notes")).to_be_visible()
    notes_panel(page).get_by_role("button", name="Close notes").click()
    page.goto(live_server.url + URL)
    expect(notes_panel(page)).to_be_hidden()
    assert page.js_errors == []


def test_on_a_phone_the_minimised_bar_leaves_the_article_free_to_quote(
    phone_page, live_server, sample, reader_user
):
    page = phone_page
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    panel.get_by_role("button", name="Minimise").click()
    select_text(page, WHAT, "more, faster, better, cheaper")
    expect(page.locator('mark[data-kind="quote"]')).to_have_text("more, faster, better, cheaper")
    panel.get_by_role("button", name="Expand").click()
    expect(panel.get_by_label("General notes")).to_have_value(
        re.compile(r"more, faster, better, cheaper \[\^q\d+\]")
    )
    assert page.js_errors == []


# 2. Quotes that read well


def test_quotes_read_well_in_the_notes_preview_and_pdf(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    notes = panel.get_by_label("General notes")
    notes.fill("My notes on the Leap.")
    expect(panel.get_by_role("status")).to_have_text("Saved")
    select_text(page, WHAT, "overtake Britain in steel output")
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(1)
    expect(page.locator('mark[data-kind="quote"]')).not_to_have_class("is-pending")
    quote = Annotation.objects.get(kind="quote")
    expect(notes).to_have_value(
        re.compile(rf"> overtake Britain in steel output \[\^q{quote.pk}\]")
    )
    expect(panel.get_by_role("status")).to_have_text("Saved")
    panel.get_by_role("button", name="Preview").click()
    link = panel.locator("#general-notes-preview a")
    expect(link).to_have_attribute("href", f"#annotation-{quote.pk}")
    expect(link).to_have_text("↩ passage")
    text = page.evaluate("() => document.body.innerText")
    assert "#annotation-" not in text and "[↩]" not in text

    pdf = page.request.get(live_server.url + URL + "export/notes.pdf")
    assert pdf.ok
    pdf_text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert pdf_text.count("overtake Britain in steel output") == 1
    assert "#annotation-" not in pdf_text and "[^q" not in pdf_text
    assert page.js_errors == []


def test_old_link_shaped_quotes_show_in_the_short_form(
    desktop_page, live_server, sample, reader_user
):
    from annotations.services import notebook_save

    notebook_save(
        owner=reader_user,
        article=sample,
        body="> an old quote [↩](#annotation-3)",
        expected_version=0,
    )
    page = desktop_page
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    expect(panel.get_by_label("General notes")).to_have_value("> an old quote [^q3]")
    assert page.js_errors == []


# 3. Selections across sections


def test_a_selection_across_sections_is_one_mark_per_section_made_and_undone_as_one(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    open_reader(page, live_server, reader_user)
    select_across(page, (WHAT, "Enthusiasm was expected"), (GOALS, "The campaign rested"))
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Highlight").click()
    toast = page.get_by_role("status").filter(has_text="Highlighted.")
    expect(toast).to_be_visible()
    marks = page.locator('mark[data-kind="highlight"]')
    expect(page.locator(f'[data-section-body="{WHAT}"] mark')).not_to_have_count(0)
    expect(page.locator(f'[data-section-body="{GOALS}"] mark')).not_to_have_count(0)
    expect(marks.locator(".is-pending")).to_have_count(0)
    page.wait_for_function("() => !document.querySelector('mark.is-pending')")
    saved = list(Annotation.objects.order_by("section_anchor"))
    assert [a.section_anchor for a in saved] == [GOALS, WHAT]
    assert (
        saved[1].quote.startswith("Enthusiasm was expected")
        and saved[0].quote == "The campaign rested"
    )
    assert len(mark_texts(page, "highlight")) == 2

    # Deleting one part deletes the whole passage; one toast, one Undo brings all back.
    page.reload()
    page.locator(f'[data-section-body="{GOALS}"] mark').first.click()
    page.get_by_role("dialog", name="Highlight actions").get_by_role(
        "button", name="Delete"
    ).click()
    expect(page.locator("mark[data-annotation-id]")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Highlight deleted.")).to_be_visible()
    page.get_by_role("status").get_by_role("button", name="Undo").click()
    expect(page.locator(f'[data-section-body="{WHAT}"] mark')).not_to_have_count(0)
    expect(page.locator(f'[data-section-body="{GOALS}"] mark')).not_to_have_count(0)
    page.reload()
    assert len(mark_texts(page, "highlight")) == 2
    assert Annotation.objects.count() == 2
    assert page.js_errors == []


# 4. The Annotations list and the note markers


def make_annotation(user, article, anchor: str, phrase: str, kind="highlight", body=""):
    from tests.e2e.test_annotations import make_annotation as make

    return make(user, article, anchor, phrase, kind=kind, body=body)


def test_annotations_list_in_reading_order_jumps_and_note_markers_open_notes(
    tools_page, live_server, sample, reader_user
):
    page = tools_page
    later = make_annotation(
        reader_user, sample, GOALS, "Private plots were abolished", "note", "Why?"
    )
    make_annotation(reader_user, sample, WHAT, "overtake Britain in steel output")
    make_annotation(reader_user, sample, WHAT, "more, faster, better, cheaper", "quote")
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    panel.get_by_role("tab", name=re.compile("Annotations")).click()
    expect(panel.get_by_role("tab", name=re.compile("Annotations"))).to_have_attribute(
        "aria-selected", "true"
    )
    items = panel.locator(".annotation-list > li")
    expect(items).to_have_count(3)
    assert [t.split("“")[1].split("”")[0] for t in items.all_inner_texts()] == [
        "overtake Britain in steel output",
        "more, faster, better, cheaper",
        "Private plots were abolished",
    ]
    expect(items.nth(2)).to_contain_text("Why?")
    items.nth(2).get_by_role("button").click()
    mark = page.locator(f"#annotation-{later.pk}")
    expect(mark).to_be_focused()
    expect(mark).to_be_in_viewport()
    page.keyboard.press("Escape")

    # The margin marker by the note opens it.
    marker = page.get_by_role("button", name=re.compile("^Note on “Private plots"))
    expect(marker).to_have_count(1)
    # Both read at once: the jump above may still be scrolling smoothly.
    gap = page.evaluate(
        """(id) => document.querySelector('.note-marker').getBoundingClientRect().top
          - document.getElementById(`annotation-${id}`).getBoundingClientRect().top""",
        later.pk,
    )
    assert abs(gap) < 8  # by the passage's first line
    if is_phone(page):
        panel.get_by_role("button", name="Close notes").click()
    marker.click()
    actions = page.get_by_role("dialog", name="Note actions")
    expect(actions).to_contain_text("Why?")
    assert page.js_errors == []


# 5. The keyboard path


def test_keyboard_alone_selects_words_and_highlights_or_notes(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    open_reader(page, live_server, reader_user)
    help_box = page.locator(".keyboard-help")
    help_box.locator("summary").click()
    expect(help_box).to_contain_text("select word by word")
    page.get_by_role("button", name="Generate Flashcards for What it was").focus()
    page.keyboard.press("Tab")
    paragraph = page.locator(f'[data-section-body="{WHAT}"] p').first
    expect(paragraph).to_be_focused()
    for _ in range(4):
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowLeft")
    assert page.evaluate("() => getSelection().toString().trim()") == "In late 1957"
    expect(page.get_by_role("toolbar", name="Selection")).to_be_visible()
    page.keyboard.press("h")
    expect(page.locator('mark[data-kind="highlight"]:not(.is-pending)')).to_have_text(
        "In late 1957"
    )
    # The next paragraph, then N for a note.
    paragraph.focus()
    page.keyboard.press("Tab")  # the new mark
    page.keyboard.press("Tab")  # the next paragraph
    second = page.locator(f'[data-section-body="{WHAT}"] p').nth(1)
    expect(second).to_be_focused()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("n")
    note = page.get_by_label("Note", exact=True)
    expect(note).to_be_focused()
    note.type("The slogan")
    page.keyboard.press("Control+Enter")
    expect(page.locator('mark[data-kind="note"]:not(.is-pending)')).to_have_text("Its slogan")
    assert page.js_errors == []


# 6 and 8. Nothing covers a control, at every step of the main flows; screenshots of each state


@pytest.fixture
def offline_flashcards(settings):
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"


def step(page: Page, name: str) -> None:
    page.wait_for_timeout(450)  # transitions end and the toast finds its place first
    shot(page, name)
    assert_nothing_covered(page, name)


def test_main_flows_cover_no_control_and_are_photographed(
    tools_page, live_server, sample, reader_user, offline_flashcards
):
    page = tools_page
    make_annotation(reader_user, sample, GOALS, "Private plots were abolished", "note", "Why?")
    open_reader(page, live_server, reader_user)
    step(page, "01-reader")

    select_text(page, WHAT, "overtake Britain in steel output")
    toolbar = page.get_by_role("toolbar", name="Selection")
    expect(toolbar).to_be_visible()
    step(page, "02-selection-toolbar")
    toolbar.get_by_role("button", name="Highlight").click()
    expect(page.get_by_role("status").get_by_role("button", name="Undo")).to_be_visible()
    step(page, "03-toast")

    # The note editor while the Undo toast is still showing (it sat over Save on phones).
    select_text(page, WHAT, "more, faster, better, cheaper")
    toolbar.get_by_role("button", name="Add Note").click()
    expect(page.get_by_role("dialog", name="Note on")).to_be_visible()
    step(page, "04-note-editor")
    page.get_by_label("Note", exact=True).fill("The slogan")
    page.get_by_role("dialog", name="Note on").get_by_role("button", name="Save").click()
    expect(page.locator('mark[data-kind="note"]')).to_have_count(2)
    step(page, "05-note-saved")

    page.locator('mark[data-kind="highlight"]').first.click()
    expect(page.get_by_role("dialog", name="Highlight actions")).to_be_visible()
    step(page, "06-mark-actions")
    page.keyboard.press("Escape")

    panel = open_notes(page)
    step(page, "07-notes-open")
    panel.get_by_role("tab", name=re.compile("Annotations")).click()
    step(page, "08-notes-annotations")
    panel.get_by_role("button", name="Minimise").click()
    step(page, "09-notes-minimised")
    select_text(page, WHAT, "fifteen years")
    expect(page.locator('mark[data-kind="quote"]')).to_have_count(1)
    step(page, "10-quoted-with-notes-minimised")
    if not is_phone(page):
        panel.get_by_role("button", name="Expand").click()

    page.get_by_role("button", name="Generate Flashcards for Lessons").click()
    cards = page.get_by_role("complementary", name="Flashcards")
    expect(cards.get_by_role("button", name="Next")).to_be_visible(timeout=15000)
    step(page, "11-flashcards-open")
    # The panel starts under the header (which wraps on phones): Log out is whole.
    header = page.locator(".site-header").bounding_box()
    assert cards.bounding_box()["y"] >= header["y"] + header["height"] - 1
    expect(page.get_by_role("button", name="Log out")).to_be_in_viewport(ratio=1)
    if not is_phone(page):
        # Both panels open together on desktop; the article's buttons stay clear of them.
        expect(panel).to_be_visible()
        page.locator(f"#{GOALS}").scroll_into_view_if_needed()
        step(page, "12-flashcards-and-notes")
    cards.get_by_role("button", name="Close flashcards").click()
    page.mouse.wheel(0, 100000)  # the end of the page: the footer clear of the Notes card
    page.wait_for_timeout(300)
    step(page, "13-page-end")
    assert page.js_errors == []


def test_pages_with_panels_open_have_no_serious_accessibility_violations(
    axe_page, live_server, sample, reader_user, offline_flashcards
):
    from tests.e2e.conftest import run_axe

    page = axe_page
    for path in ("/", URL, "/accounts/signup/", "/accounts/login/", "/articles/import/"):
        page.goto(live_server.url + path)
        assert run_axe(page) == [], path
    make_annotation(reader_user, sample, GOALS, "Private plots were abolished", "note", "Why?")
    login(page, live_server, reader_user)
    for path in ("/", "/accounts/profile/", "/accounts/profile/progress/", "/review/"):
        page.goto(live_server.url + path)
        assert run_axe(page) == [], path
    page.goto(live_server.url + URL)
    panel = open_notes(page)
    assert run_axe(page) == [], "notes open"
    panel.get_by_role("tab", name=re.compile("Annotations")).click()
    assert run_axe(page) == [], "annotations view"
    page.get_by_role("button", name="Generate Flashcards for Lessons").click()
    cards = page.get_by_role("complementary", name="Flashcards")
    expect(cards.get_by_role("button", name="Next")).to_be_visible(timeout=15000)
    assert run_axe(page) == [], "notes and flashcards open"
    panel.get_by_role("button", name="Minimise").click()
    assert run_axe(page) == [], "notes minimised"


# 7. The smaller points


def test_key_hints_only_where_there_are_keys(tools_page, live_server, sample, reader_user):
    page = tools_page
    open_reader(page, live_server, reader_user)
    select_text(page, WHAT, "more, faster, better, cheaper")
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Add Note").click()
    help_text = page.locator("#note-editor-help")
    expect(help_text).to_be_visible()
    keyboard_help = page.locator(".keyboard-help")
    if is_phone(page):  # touch, no keyboard
        expect(help_text.get_by_text("Ctrl+Enter saves")).to_be_hidden()
        expect(keyboard_help).to_be_hidden()
    else:
        expect(help_text.get_by_text("Ctrl+Enter saves")).to_be_visible()
        expect(keyboard_help).to_be_visible()
    assert page.js_errors == []


def test_delete_looks_unlike_edit_and_focus_rings_are_not_red_orange(
    desktop_page, live_server, sample, reader_user
):
    page = desktop_page
    make_annotation(reader_user, sample, WHAT, "overtake Britain in steel output", "note", "Hm")
    open_reader(page, live_server, reader_user)
    page.locator('mark[data-kind="note"]').click()
    actions = page.get_by_role("dialog", name="Note actions")
    edit, delete = (
        actions.get_by_role("button", name="Edit note"),
        actions.get_by_role("button", name="Delete"),
    )
    style = "(el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
    assert edit.evaluate(style) != delete.evaluate(style)
    assert delete.evaluate("(el) => getComputedStyle(el).color") == "rgb(180, 35, 24)"  # --danger
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    red, green, blue = (int(x) for x in re.findall(r"\d+", ring)[:3])
    assert blue > red and blue > green, ring  # the accent's blue, not red-orange
    assert page.js_errors == []


def test_a_quote_across_sections_is_one_block_and_one_entry(
    tools_page, live_server, sample, reader_user
):
    page = tools_page
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    if is_phone(page):
        panel.get_by_role("button", name="Minimise").click()
    select_across(page, (WHAT, "Enthusiasm was expected"), (GOALS, "The campaign rested"))
    expect(page.locator('mark[data-kind="quote"]')).not_to_have_count(0)
    page.wait_for_function("() => !document.querySelector('mark.is-pending')")
    # The parts are saved side by side, so their ids may come in either order: the group's own
    # numbering ("<group>~<part>") gives reading order.
    quotes = sorted(
        Annotation.objects.filter(kind="quote"), key=lambda q: int(q.client_id.rsplit("~", 1)[1])
    )
    assert [q.section_anchor for q in quotes] == [WHAT, GOALS]
    toasts = page.get_by_role("status").filter(has_text="Quoted in your notes.")
    expect(toasts).to_have_count(1)
    if is_phone(page):
        panel.get_by_role("button", name="Expand").click()
    notes = panel.get_by_label("General notes")
    expect(notes).to_have_value(
        re.compile(rf"^> Enthusiasm was expected.*\[\^q{quotes[0].pk}\]\n$", re.S)
    )
    assert notes.input_value().count("[^q") == 1  # one block for the whole passage
    panel.get_by_role("tab", name=re.compile("Annotations")).click()
    expect(panel.locator(".annotation-list > li")).to_have_count(1)
    page.reload()
    panel = notes_panel(page)
    panel.get_by_role("tab", name=re.compile("Annotations")).click()
    expect(panel.locator(".annotation-list > li")).to_have_count(1)  # after a reload too
    assert page.js_errors == []


def test_the_phone_sheet_has_no_serious_accessibility_violations(
    phone_axe_page, live_server, sample, reader_user
):
    from tests.e2e.conftest import run_axe

    page = phone_axe_page
    make_annotation(reader_user, sample, GOALS, "Private plots were abolished", "note", "Why?")
    open_reader(page, live_server, reader_user)
    panel = open_notes(page)
    assert run_axe(page) == [], "sheet expanded"
    panel.get_by_role("tab", name=re.compile("Annotations")).click()
    assert run_axe(page) == [], "annotations view"
    panel.get_by_role("button", name="Minimise").click()
    assert run_axe(page) == [], "sheet minimised"
