"""Plain-text articles: blank lines separate paragraphs; a short line followed by a paragraph is
a heading; the first such line is the title when none is given."""

from __future__ import annotations

import re
from html import escape

from reader.importers.base import ParsedArticle, ParsedSection, collapse_space
from reader.importers.markdown import INTRODUCTION

MAX_HEADING_CHARS = 80


def _looks_like_heading(block: str) -> bool:
    line = block.strip()
    return (
        "\n" not in line
        and 0 < len(line) <= MAX_HEADING_CHARS
        and not re.search(r"[.!?;,:]$", line)
        and len(line.split()) <= 12
    )


def parse_text_article(text: str, *, fallback_title: str) -> ParsedArticle:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    title = ""
    sections: list[ParsedSection] = []
    heading, paragraphs = INTRODUCTION, []

    def flush() -> None:
        if paragraphs:
            html = "".join(f"<p>{escape(collapse_space(p))}</p>\n" for p in paragraphs)
            sections.append(ParsedSection(heading=heading, level=2, html=html))

    for position, block in enumerate(blocks):
        if position == 0 and _looks_like_heading(block):
            title = collapse_space(block)
            continue
        next_is_paragraph = position + 1 < len(blocks) and not _looks_like_heading(
            blocks[position + 1]
        )
        if _looks_like_heading(block) and next_is_paragraph:
            flush()
            heading, paragraphs = collapse_space(block), []
        else:
            paragraphs.append(block)
    flush()
    return ParsedArticle(title=title or fallback_title, sections=sections, source_format="text")
