"""Web pages: the article, not the page. trafilatura finds the main text (dropping
navigation, cookie banners, comments, share buttons and ads) and keeps its headings, lists,
quotes and tables; the result is split at h2/h3 and sanitised like any HTML import."""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml.etree import ParserError

from reader.importers.base import ImportRefused, ParsedArticle, collapse_space
from reader.importers.html import parse_html_article, sections_from_html

# trafilatura logs every page it finds little in; the refusal below says so to the reader.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def _decode(body: bytes, charset: str | None) -> str:
    for encoding in filter(None, [charset, "utf-8"]):
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


# Page furniture that sits inside the article's own container, so that a main-text extractor
# keeps it: edit links in headings, navigation boxes, category lists, citation lists, "jump
# to" links. Matched on class and id names, the way sites name them.
FURNITURE = re.compile(
    r"(^|[\s_-])(editsection|mw-editsection|navbox|catlinks|hatnote|reflist|references|"
    r"toc|mw-jump|printfooter|sister-?project|noprint|headerlink|share|sharing|social|"
    r"related|newsletter|cookie|consent|ads?|advert|advertisement|breadcrumbs?|comments?|respond)($|[\s_-])",
    re.IGNORECASE,
)
# Trailing sections a reader studying the article does not need.
BACK_MATTER = {
    "references", "see also", "external links", "further reading", "bibliography", "sources",
    "citations", "notes and references",
}  # fmt: skip
BLOCK_TAGS = {"p", "li", "td", "th", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
              "blockquote", "pre", "table", "ul", "ol", "dl", "caption"}  # fmt: skip


def _without_furniture(document: str) -> str:
    try:
        tree = lxml.html.document_fromstring(document)
    except (ParserError, ValueError):
        return document
    for element in tree.xpath("//*[@class or @id]"):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if FURNITURE.search(names) and element.tag not in ("html", "body", "main", "article"):
            element.drop_tree()
    return lxml.html.tostring(tree, encoding="unicode")


def _tidy(container: lxml.html.HtmlElement, title: str) -> str:
    """The extracted article's title (its h1), with what precedes it and trailing back
    matter removed, and whitespace between blocks so that words in adjacent cells or items
    stay apart in the text."""
    h1 = container.find(".//h1")
    if h1 is not None:
        title = title or collapse_space(h1.text_content())
        # Before the headline come kickers and labels ("Local", "News"), not the article.
        for earlier in list(h1.itersiblings(preceding=True)):
            if len(earlier.text_content().split()) < 10:
                earlier.drop_tree()
        h1.drop_tree()
    headings = container.xpath(".//h2 | .//h3")
    for heading in headings:
        if collapse_space(heading.text_content()).lower().rstrip(":") in BACK_MATTER:
            for later in list(heading.itersiblings()):
                if later.tag in ("h2",) and later is not heading:
                    break
                later.drop_tree()
            heading.drop_tree()
    for element in container.iter(*BLOCK_TAGS):
        if not (element.tail or "").strip():
            element.tail = "\n"
    return title


def extract_main_html(document: str) -> tuple[str, str]:
    """(title, HTML of the main text) of a page; the HTML is empty when nothing was found."""
    import trafilatura

    extracted = trafilatura.extract(
        _without_furniture(document),
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        include_links=True,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    metadata = trafilatura.extract_metadata(document)
    title = collapse_space(metadata.title) if metadata is not None and metadata.title else ""
    return title, extracted or ""


def parse_web_page(body: bytes, *, charset: str | None, fallback_title: str) -> ParsedArticle:
    document = _decode(body, charset)
    if not document.strip():
        raise ImportRefused("The page is empty: nothing to import.")
    title, main = extract_main_html(document)
    if not main:
        # Too little for trafilatura (a very short page): the generic HTML import keeps it.
        return parse_html_article(document, fallback_title=fallback_title)
    try:
        root = lxml.html.document_fromstring(main)
    except (ParserError, ValueError) as exc:
        raise ImportRefused(f"The page could not be read: {exc}.") from None
    body_element = root.find("body")
    container = body_element if body_element is not None else root
    title = _tidy(container, title)
    sections = sections_from_html(container)
    return ParsedArticle(title=title or fallback_title, sections=sections, source_format="web")


def parse_fetched(
    body: bytes, *, content_type: str, charset: str | None, url: str
) -> ParsedArticle:
    """A fetched document by its content type: a page, plain text, a PDF or an EPUB."""
    from urllib.parse import urlsplit

    from reader.importers.base import finish
    from reader.importers.detect import parse_upload

    name = urlsplit(url).path.rsplit("/", 1)[-1] or urlsplit(url).hostname or "page"
    if content_type in ("application/pdf", "application/epub+zip"):
        fmt = "pdf" if content_type == "application/pdf" else "epub"
        return parse_upload(body, name=name, fmt=fmt)
    if content_type == "text/plain":
        return parse_upload(_decode(body, charset).encode(), name=name, fmt="text")
    fallback = urlsplit(url).hostname or "Untitled"
    return finish(parse_web_page(body, charset=charset, fallback_title=fallback))
