"""An article whose headings name the page's own elements ("Notes panel", "Annotations data",
"Flashcards config", "Main") works like any other: highlights show, the general notes load and
save, and Generate makes cards."""

from __future__ import annotations

from playwright.sync_api import expect

from reader.services import article_import
from tests.e2e.conftest import login
from tests.e2e.test_annotations import make_annotation, open_notes

HEADINGS = ["Notes panel", "Annotations data", "Flashcards config", "Main", "Reader config"]
PARAGRAPH = (
    "In 1958 the planners in Beijing set a target of 10.7 million tonnes of steel, twice the "
    "output of 1957. Peng Dehuai, the defence minister, criticised the campaign at Lushan in "
    "1959 because harvests had fallen to 170 million tonnes."
)


def test_headings_named_like_page_elements_break_nothing(page, live_server, reader_user, settings):
    settings.READMARK_COOLDOWN_MIN_SECONDS = settings.READMARK_COOLDOWN_MAX_SECONDS = 0
    body = "\n\n".join(f"## {heading}\n\n{PARAGRAPH}" for heading in HEADINGS)
    article = article_import(data=f"# Odd headings\n\n{body}\n".encode(), name="odd.md").article
    make_annotation(reader_user, article, "section-notes-panel", "planners in Beijing")
    login(page, live_server, reader_user)
    page.goto(f"{live_server.url}/articles/{article.slug}/")

    expect(page.locator('mark[data-kind="highlight"]')).to_have_text("planners in Beijing")
    panel = open_notes(page)
    notes = panel.get_by_label("General notes")
    notes.fill("Headings that look like ids.")
    expect(panel.get_by_role("status")).to_have_text("Saved")
    panel.get_by_role("button", name="Minimise").click()  # on a phone the sheet covers the text

    page.get_by_role("button", name="Generate Flashcards for Main").click()
    cards = page.get_by_role("complementary", name="Flashcards")
    expect(cards.get_by_text("1 /", exact=False)).to_be_visible()
    assert page.evaluate("document.getElementById('main').tagName") == "MAIN"
    assert page.js_errors == []
