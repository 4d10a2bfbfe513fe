"""Markdown article -> (heading, section text) pairs, the way the reader stores sections.

The reader renders Markdown with markdown-it-py and keeps each section's `textContent`
(reader/importers); we do the same here so tests and the benchmark feed the generator the text
it will really get: no bullet markers, list items on their own lines, lists framed by blank
lines. No Django needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False}).enable("table")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)


def sections(markdown: str) -> list[tuple[str, str]]:
    body = _FRONT_MATTER.sub("", markdown, count=1)
    tokens = _md.parse(body)
    result: list[tuple[str, str]] = []
    heading, chunk = "Introduction", []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag in {"h1", "h2", "h3"}:
            if token.tag != "h1":
                _flush(result, heading, chunk)
                heading, chunk = tokens[index + 1].content.strip(), []
            index += 3
            continue
        chunk.append(token)
        index += 1
    _flush(result, heading, chunk)
    return result


def _flush(result: list[tuple[str, str]], heading: str, chunk: list) -> None:
    if not chunk:
        return
    html = _md.renderer.render(chunk, _md.options, {})
    if not html.strip():
        return
    text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    if text.strip():
        result.append((heading, text))


def title(markdown: str) -> str:
    match = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    return match.group(1).strip() if match else ""


def load(path: Path) -> list[tuple[str, str]]:
    return sections(path.read_text(encoding="utf-8"))
