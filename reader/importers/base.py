from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import lxml.html
from django.utils.text import slugify

from reader.page_ids import safe_anchor

INTRODUCTION = "Introduction"
# A source without headings is cut into parts of about this many words (a few minutes'
# reading each), between paragraphs; shorter sources stay one section.
PART_WORDS = 600
MAX_UNSPLIT_WORDS = 900


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


def split_unstructured(sections: list[ParsedSection]) -> list[ParsedSection]:
    """One long section without a heading of its own becomes parts of readable length, each
    cut between top-level blocks (paragraphs, lists, tables), never inside one."""
    if len(sections) != 1 or sections[0].heading != INTRODUCTION:
        return sections
    only = sections[0]
    root = lxml.html.fragment_fromstring(only.html, create_parent="div")
    blocks = [
        (lxml.html.tostring(child, encoding="unicode", with_tail=False), child.text_content())
        for child in root
        if isinstance(child.tag, str)
    ]
    total = sum(len(text.split()) for _, text in blocks)
    if total <= MAX_UNSPLIT_WORDS or len(blocks) < 2:
        return sections
    parts = max(2, round(total / PART_WORDS))
    target = total / parts
    groups: list[list[str]] = [[]]
    words = 0
    for html, text in blocks:
        if words >= target * len(groups) and len(groups) < parts:
            groups.append([])
        groups[-1].append(html)
        words += len(text.split())
    groups = [group for group in groups if group]
    return [
        ParsedSection(f"Part {number}", 2, "\n".join(group) + "\n")
        for number, group in enumerate(groups, start=1)
    ]


def finish(article: ParsedArticle) -> ParsedArticle:
    """Fill in texts and unique, stable anchors; split a long source that has no headings;
    refuse articles without any text."""
    article.sections = split_unstructured(article.sections)
    kept: list[ParsedSection] = []
    seen: dict[str, int] = {}
    for section in article.sections:
        section.text = text_of(section.html)
        if not section.text.strip():
            continue
        base = safe_anchor(slugify(section.heading)[:100] or "section")
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
