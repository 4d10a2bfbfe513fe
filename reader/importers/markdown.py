"""Markdown articles: an optional `---` front-matter block, `#` title, `##`/`###` sections."""

from __future__ import annotations

import re

from reader.importers.base import INTRODUCTION, ParsedArticle, ParsedSection, collapse_space
from readmark.markdown import parse_markdown, render_tokens

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
META_KEYS = {"slug", "title", "source", "summary"}
__all__ = ["INTRODUCTION", "parse_markdown_article", "split_front_matter"]


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in META_KEYS:
            meta[key.strip().lower()] = value.strip()
    return meta, text[match.end() :]


def parse_markdown_article(text: str, *, fallback_title: str) -> ParsedArticle:
    meta, body = split_front_matter(text)
    tokens = parse_markdown(body)
    title = meta.get("title", "")
    sections: list[ParsedSection] = []
    heading, level, chunk = INTRODUCTION, 2, []

    def flush() -> None:
        if chunk:
            sections.append(ParsedSection(heading=heading, level=level, html=render_tokens(chunk)))

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag in {"h1", "h2", "h3"}:
            inline = tokens[index + 1]
            heading_text = collapse_space(inline.content)
            if token.tag == "h1":
                title = title or heading_text
            else:
                flush()
                heading, level, chunk = heading_text, int(token.tag[1]), []
            index += 3  # heading_open, inline, heading_close
            continue
        chunk.append(token)
        index += 1
    flush()
    return ParsedArticle(
        title=title or fallback_title,
        sections=sections,
        slug=meta.get("slug", ""),
        source=meta.get("source", ""),
        summary=meta.get("summary", ""),
        source_format="markdown",
        meta=meta,
    )
