"""A reader (not staff) adds their own articles in real Chromium, from a web address, pasted
text, an EPUB, a PDF and a Word file; on each a highlight, a note and a flashcard set work;
another reader and a visitor get 404."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from annotations.models import Annotation
from reader.models import Article
from tests.e2e.annotation_helpers import select_text
from tests.e2e.conftest import DESKTOP, _close_quietly, login
from tests.own.documents import make_docx, make_epub, make_pdf
from tests.own.pages import NEWS_PAGE, serving

PASTED = (
    "Hive diary\n\n"
    "The bees left the hive at dawn to gather nectar. A forager visits several hundred "
    "flowers on each trip before it flies home. The nectar is carried in the honey stomach, a "
    "pouch separate from the bee's gut. Worker bees fan the stored nectar with their wings "
    "until most of its water has evaporated and it thickens into honey.\n"
)
FILES = {
    "epub": ("bees.epub", "application/epub+zip", make_epub),
    "pdf": ("bees.pdf", "application/pdf", make_pdf),
    "docx": (
        "bees.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        make_docx,
    ),
}
# Per source: a phrase to highlight, one to annotate, and the section they are in.
CASES = {
    "web": ("heaps up into a bulge", "Isaac Newton", "Introduction"),
    "pasted": ("gather nectar", "honey stomach", "Introduction"),
    "epub": ("dances on the comb", "ultraviolet light", "How bees find flowers"),
    "pdf": ("dances on the comb", "ultraviolet light", "How bees find flowers"),
    "docx": ("dances on the comb", "ultraviolet light", "How bees find flowers"),
}
JUNK = ["We use cookies", "News desk", "Share this story", "grandfather", "Privacy policy"]


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"
    settings.READMARK_FETCH_ALLOW_PRIVATE = True  # the "web" page is on a local server


@pytest.fixture
def pages_server():
    with serving() as server:
        yield server


def add_article(page, source: str, pages_server) -> None:
    page.get_by_role("link", name="Add article").click()
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()
    if source == "web":
        url = pages_server.add("/tides.html", NEWS_PAGE)
        page.get_by_label("Web address").fill(url)
    elif source == "pasted":
        page.get_by_label("Paste text").fill(PASTED)
    else:
        name, mime, make = FILES[source]
        page.get_by_label("File", exact=True).set_input_files(
            {"name": name, "mimeType": mime, "buffer": make()}
        )
    page.get_by_role("button", name="Add article").click()


@pytest.mark.parametrize("source", list(CASES))
def test_a_reader_adds_studies_and_keeps_their_own_article(
    browser, desktop_page, live_server, reader_user, pages_server, source
):
    page = desktop_page
    highlight, noted, section_heading = CASES[source]
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/")
    add_article(page, source, pages_server)

    expect(page).to_have_url(re.compile(r"/articles/[\w-]+/$"))
    article = Article.objects.get(owner=reader_user)
    assert not article.is_public
    expect(page.get_by_text("Private: only you can see this article.")).to_be_visible()
    body = page.locator("article.article").inner_text()
    if source == "web":
        for junk in JUNK:
            assert junk not in body, junk
    section = article.current_revision.sections.get(heading=section_heading)

    select_text(page, section.anchor, highlight)
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Highlight").click()
    expect(page.locator('mark[data-kind="highlight"]')).to_have_text(highlight)
    expect(page.locator('mark[data-kind="highlight"]')).not_to_have_class("is-pending")

    select_text(page, section.anchor, noted)
    page.get_by_role("toolbar", name="Selection").get_by_role("button", name="Add Note").click()
    editor = page.get_by_role("dialog", name="Note on")
    editor.get_by_label("Note", exact=True).fill("Worth remembering")
    editor.get_by_role("button", name="Save").click()
    expect(page.locator('mark[data-kind="note"]')).to_have_text(noted)
    expect(page.locator('mark[data-kind="note"]')).not_to_have_class("is-pending")
    saved = {(a.kind, a.quote, a.body) for a in Annotation.objects.filter(owner=reader_user)}
    assert saved == {("highlight", highlight, ""), ("note", noted, "Worth remembering")}

    page.get_by_role("button", name=f"Generate Flashcards for {section_heading}").click()
    cards = page.get_by_role("complementary", name="Flashcards")
    expect(cards.get_by_text(re.compile(r"^\d+ / \d+$"))).to_have_text(re.compile(r"^1 / \d+$"))
    expect(
        cards.get_by_role("button", name=re.compile(r"^(Question|Fill in the gap): "))
    ).to_be_visible()
    assert page.js_errors == []

    address = live_server.url + article.get_absolute_url()
    second = get_user_model().objects.create_user("sam", password="correct-horse-battery-staple")
    for who in (second, None):
        context = browser.new_context(viewport=DESKTOP)
        other = context.new_page()
        if who is not None:
            login(other, live_server, who)
        assert other.goto(address).status == 404
        assert other.goto(live_server.url + "/").ok
        expect(other.get_by_role("link", name=article.title)).to_have_count(0)
        _close_quietly(context)


def test_the_new_pages_pass_axe_and_work_by_keyboard(axe_page, live_server, sample, reader_user):
    from reader.services import article_add
    from tests.e2e.conftest import run_axe

    page = axe_page
    article = article_add(owner=reader_user, text=PASTED).article
    login(page, live_server, reader_user)
    page.goto(live_server.url + "/articles/new/")
    page.get_by_role("button", name="Add article").click()  # nothing given: the error shows
    expect(page.get_by_role("alert")).to_contain_text("Nothing to add")
    for path in ("/", "/?sort=last-read&q=hive", "/articles/new/", f"/articles/{article.slug}/",
                 f"/articles/{article.slug}/delete/"):  # fmt: skip
        page.goto(live_server.url + path)
        assert run_axe(page) == [], path
    page.goto(live_server.url + "/")
    page.get_by_label("Search by title").fill("hive")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=article.title, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="The Great Leap Forward")).to_have_count(0)
    page.get_by_role("link", name=f"Delete “{article.title}”").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Delete article").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"Deleted “{article.title}”")
    assert not Article.objects.filter(pk=article.pk).exists()
