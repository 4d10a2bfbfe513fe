"""Stored XSS, in Chromium (part of the security suite; here for the shared browser): every
payload of tests/security/xss_payloads.txt saved as a note, in the notebook, as flashcard text,
and inside imported articles (Markdown and HTML), then every page that shows them is opened
(and its panels, cards and flips used). Nothing may run.

The browser context bypasses the Content-Security-Policy on purpose: CSP is our second line
(tested in test_http.py); this test proves the first one, the sanitising, holds on its own.
A trap counts calls of `__xss()` (and of alert/confirm/prompt); the DOM is also searched for
what must never survive sanitising (event-handler attributes, javascript:/data: URLs, script,
iframe, object, embed, base and meta-refresh elements from user content)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from tests.e2e.conftest import DESKTOP, login

CORPUS = Path(__file__).resolve().parents[1] / "security" / "xss_payloads.txt"
PAYLOADS = [
    line for line in CORPUS.read_text().splitlines() if line.strip() and not line.startswith("# ")
]
TRAP = """
window.__xss_hits = [];
window.__xss = () => window.__xss_hits.push(String(document.location));
window.alert = window.confirm = window.prompt = window.__xss;
"""
DOM_CHECK = """
() => {
  const problems = [];
  const bad = /^\\s*(javascript|vbscript|data:text|data:application)/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`${el.tagName} ${name}`);
      const url = ['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'data',
                   'srcdoc'].includes(name);
      if (url && bad.test(attr.value)) problems.push(`${el.tagName} ${name}=${attr.value}`);
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv]'))
    problems.push(el.outerHTML.slice(0, 120));
  for (const el of document.querySelectorAll('script')) {
    const ours = (el.type === 'module' && el.src.includes('/static/'))
      || el.type === 'application/json';
    if (!ours) problems.push(el.outerHTML.slice(0, 120));
  }
  return problems;
}
"""


def test_the_corpus_is_big_enough():
    assert len(PAYLOADS) >= 50


@pytest.fixture
def stored(transactional_db):
    """The owner's data, every piece of it carrying the payloads."""
    from django.contrib.auth import get_user_model

    from anchoring import describe, to_w3c
    from annotations.services import annotation_create, notebook_save
    from reader.models import Section
    from reader.services import article_import
    from study.card_services import CardRefused, card_create
    from tests.conftest import import_sample

    user = get_user_model().objects.create_user("mallory", password="correct-horse-battery-staple")
    article = import_sample()
    sections = list(
        Section.objects.filter(revision_id=article.current_revision_id).order_by("order")
    )
    for number, payload in enumerate(PAYLOADS):
        section = sections[number % len(sections)]
        start = 5 + (number // len(sections)) * 30
        annotation_create(
            owner=user,
            article=article,
            section_anchor=section.anchor,
            kind="note",
            selectors=to_w3c(describe(section.text, start, start + 12)),
            body=f"note {number}: {payload}",
        )
    notebook_save(owner=user, article=article, body="\n\n".join(PAYLOADS), expected_version=0)
    cards = 0
    for payload in PAYLOADS:
        try:
            card_create(
                user=user,
                article=article,
                anchor=sections[0].anchor,
                question=f"Q {payload}",
                answer=f"A {payload}",
            )
            cards += 1
        except CardRefused:
            pass
    assert cards >= 50
    from study.review.services import review_section_keep

    review_section_keep(user=user, article=article, section=sections[0], now=timezone.now())
    markdown = "# Evil <img src=x onerror=__xss()>\n\n## Section <svg onload=__xss()>\n\n"
    markdown += "\n\n".join(PAYLOADS)
    article_import(data=markdown.encode(), name="evil.md", slug="evil-markdown")
    html = "<html><head><title>Evil <script>__xss()</script></title></head><body><article>"
    html += "<h1>Evil HTML</h1>" + "".join(
        f"<h2>Part {n}</h2><p>{p}</p>" for n, p in enumerate(PAYLOADS)
    )
    article_import(
        data=(html + "</article></body></html>").encode(), name="evil.html", slug="evil-html"
    )
    return user, article, sections


@pytest.fixture
def trapped_page(browser):
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(10000)
    context.add_init_script(TRAP)
    page = context.new_page()
    yield page
    context.close()


def test_the_trap_and_the_dom_check_do_catch_unsanitised_payloads(trapped_page):
    """The instruments work: the same payloads, inserted raw, are caught."""
    raw = "".join(f"<div>{payload}</div>" for payload in PAYLOADS)
    trapped_page.set_content(f"<!doctype html><body>{raw}<img src=x onerror=__xss()></body>")
    trapped_page.wait_for_timeout(500)
    assert len(trapped_page.evaluate("window.__xss_hits")) >= 5
    assert len(trapped_page.evaluate(DOM_CHECK)) >= 20


def assert_clean(page, where: str) -> None:
    page.wait_for_load_state("networkidle")
    hits = page.evaluate("window.__xss_hits")
    problems = page.evaluate(DOM_CHECK)
    assert hits == [] and problems == [], f"{where}: ran {hits}, left {problems[:10]}"


def test_no_payload_runs_anywhere_it_is_shown(stored, trapped_page, live_server):
    user, article, sections = stored
    page = trapped_page
    login(page, live_server, user)
    base = live_server.url

    for path in ("/", "/accounts/profile/", "/articles/evil-markdown/", "/articles/evil-html/"):
        page.goto(base + path)
        assert_clean(page, path)

    page.goto(f"{base}/articles/{article.slug}/")
    page.wait_for_selector("mark[data-kind='note']", state="attached")
    assert page.locator("mark[data-kind='note']").count() >= len(sections)
    assert_clean(page, "reader page with notes")
    for mark in page.locator("mark[data-kind='note']").all()[:12]:
        mark.click()  # opens the note's actions, with its rendered body
        assert_clean(page, "a note's actions")
        page.keyboard.press("Escape")
    page.get_by_role("button", name="Notes", exact=True).click()
    assert_clean(page, "notes panel (notebook preview)")

    section = page.locator("section").first
    section.get_by_role("button", name="Generate Flashcards").click()
    panel = page.get_by_role("complementary", name="Flashcards")
    card = panel.locator("[data-ref='card']")
    card.wait_for()
    seen = 0
    for _ in range(80):
        card.click()  # flip: the answer side
        seen += 1
        assert_clean(page, "a flashcard")
        next_button = panel.get_by_role("button", name="Next")
        if next_button.is_disabled():
            break
        next_button.click()
    assert seen >= 50

    page.goto(f"{base}/review/")
    assert_clean(page, "/review/")
