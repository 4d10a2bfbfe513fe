from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import lxml.html
from django.utils.text import slugify


class ImportRefused(ValueError):
    """The file cannot become an article; the message is shown to the user as is."""


@dataclass
class ParsedSection:
    heading: str
    level: int
    html: str
    text: str = ""
    anchor: str = ""

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.heading}\n{self.text}".encode()).hexdigest()


@dataclass
class ParsedArticle:
    title: str
    sections: list[ParsedSection]
    slug: str = ""
    source: str = ""
    summary: str = ""
    source_format: str = "markdown"
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256(self.title.encode())
        for section in self.sections:
            digest.update(section.content_hash.encode())
        return digest.hexdigest()

    @property
    def word_count(self) -> int:
        return sum(section.word_count for section in self.sections)


def text_of(html: str) -> str:
    """The text a browser's `textContent` gives for this HTML inside a container element.

    Selectors count characters over this text, so it must match the browser exactly: both sides
    parse the same serialised HTML with an HTML5-style parser.
    """
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return root.text_content()


def finish(article: ParsedArticle) -> ParsedArticle:
    """Fill in texts and unique, stable anchors; refuse articles without any text."""
    kept: list[ParsedSection] = []
    seen: dict[str, int] = {}
    for section in article.sections:
        section.text = text_of(section.html)
        if not section.text.strip():
            continue
        base = slugify(section.heading)[:100] or "section"
        count = seen.get(base, 0) + 1
        seen[base] = count
        section.anchor = base if count == 1 else f"{base}-{count}"
        kept.append(section)
    if not kept:
        raise ImportRefused("The file has no readable text: nothing to import.")
    article.sections = kept
    article.title = collapse_space(article.title)[:300] or "Untitled"
    return article


def collapse_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
