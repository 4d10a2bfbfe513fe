"""HTML articles: the main content is extracted (readability), split at h2/h3, sanitised (nh3).

Nothing in the file is fetched: images, styles and scripts are dropped, links kept as text+href.
"""

from __future__ import annotations

import logging
from html import escape

import lxml.html
from lxml.etree import ParserError
from readability import Document

from reader.importers.base import ImportRefused, ParsedArticle, ParsedSection, collapse_space
from reader.importers.markdown import INTRODUCTION
from readmark.markdown import sanitize_html

BLOCKS = {"p", "ul", "ol", "pre", "blockquote", "table", "dl", "h4", "h5", "h6"}
CONTAINERS = {"div", "section", "article", "main", "body", "html", "figure", "center"}
CHROME = ("//script", "//style", "//nav", "//header", "//footer", "//aside", "//form", "//noscript")

logging.getLogger("readability.readability").setLevel(logging.ERROR)


def _clean_body(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for path in CHROME:
        for element in tree.xpath(path):
            element.drop_tree()
    body = tree.find("body")
    return body if body is not None else tree


def _semantic_root(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The page's own `<main>` or largest `<article>`: authors who mark their content up are
    more reliable than a heuristic, which tends to drop short lists."""
    candidates = body.xpath("//main | //article | //*[@role='main']")
    if not candidates:
        return None
    return max(candidates, key=lambda element: len(element.text_content()))


def _main_content(document: str) -> tuple[str, lxml.html.HtmlElement]:
    try:
        tree = lxml.html.document_fromstring(document)
    except (ParserError, ValueError) as exc:
        raise ImportRefused(f"The HTML could not be parsed: {exc}.") from None
    title_element = tree.find(".//title")
    page_title = collapse_space(title_element.text_content()) if title_element is not None else ""
    h1 = tree.find(".//h1")
    title = collapse_space(h1.text_content()) if h1 is not None else page_title
    body = _clean_body(tree)
    semantic = _semantic_root(body)
    if semantic is not None:
        return title, semantic
    try:
        summary = Document(lxml.html.tostring(tree, encoding="unicode")).summary(html_partial=True)
        extracted = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises bare exceptions on odd input; fall back to the body
        extracted = None
    body_chars = len(collapse_space(body.text_content()))
    # Readability sometimes keeps one block of a short page; prefer the cleaned body then.
    if extracted is None or len(collapse_space(extracted.text_content())) < 0.6 * body_chars:
        return title, body
    return title, extracted


def parse_html_article(document: str, *, fallback_title: str) -> ParsedArticle:
    title, root = _main_content(document)
    sections = sections_from_html(root)
    return ParsedArticle(title=title or fallback_title, sections=sections, source_format="html")


def sections_from_html(
    root: lxml.html.HtmlElement,
    *,
    first_heading: str = INTRODUCTION,
    levels: dict[str, int] | None = None,
    first_h1_is_title: bool = True,
) -> list[ParsedSection]:
    """Sections of sanitised HTML, a new one at each heading named in `levels` (tag -> level;
    default: h2 and a later h1 at level 2, h3 at 3). Blocks before the first heading go to a
    section called `first_heading`; a leading h1 is the article's title, not a section."""
    levels = levels or {"h1": 2, "h2": 2, "h3": 3}
    sections: list[ParsedSection] = []
    state = {"heading": first_heading, "level": 2, "chunk": []}

    def flush() -> None:
        html = sanitize_html("\n".join(state["chunk"]))
        if html.strip():
            sections.append(ParsedSection(state["heading"], state["level"], html + "\n"))
        state["chunk"] = []

    def loose_text(text: str | None) -> None:
        if text and text.strip():
            state["chunk"].append(f"<p>{escape(collapse_space(text))}</p>")

    def walk(element: lxml.html.HtmlElement) -> None:
        loose_text(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                loose_text(child.tail)
                continue
            tag = child.tag.lower()
            if tag in levels:
                heading = collapse_space(child.text_content())
                is_title = first_h1_is_title and tag == "h1" and not sections and not state["chunk"]
                if not is_title:
                    flush()
                    state["heading"] = heading or "Section"
                    state["level"] = levels[tag]
            elif tag in BLOCKS or tag in {"h1", "h2", "h3"}:
                state["chunk"].append(
                    lxml.html.tostring(child, encoding="unicode", with_tail=False)
                )
            elif tag in CONTAINERS:
                walk(child)
            else:
                loose_text(child.text_content())
            loose_text(child.tail)

    walk(root)
    flush()
    return sections
