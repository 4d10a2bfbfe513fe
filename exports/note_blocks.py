"""A note's Markdown as blocks of styled text runs (emphasis, lists, links shown as text).

Why runs and not reportlab markup or HTML: reportlab's paragraph markup is its own language
with tags that load images (``<img src>``) and make links. We walk markdown-it's tokens (raw HTML
off, as everywhere) and keep only text with bold/italic flags: a link is its text followed by its
address, an image its description and address. No tag reaches reportlab from the user, so
nothing is fetched, embedded or turned into a clickable action (``frags.py`` lays runs out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

BlockStyle = Literal["p", "heading", "item", "quote", "code", "rule"]

# The same dialect as readmark.markdown (what the reader sees on the page).
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)
# Anything that could be Markdown syntax; a note without any of it is plain paragraphs, and
# skipping the parser for those halves the time of a PDF with many short notes.
_SYNTAX = re.compile(r"[\\`*_\[\]<>#!|~&]|^ {0,3}(?:[-+=]|\d+[.)])|^ {4}|^\t| {2,}$", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Run:
    text: str  # "\n" alone is a line break
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    style: BlockStyle
    runs: tuple[Run, ...]
    depth: int = 0  # list / block quote nesting, for the indent
    bullet: str = ""  # "•" or "3." on the first paragraph of a list item

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _Inline:
    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0

    def add(self, text: str, *, code: bool = False) -> None:
        if not text:
            return
        run = Run(text, self.bold > 0, self.italic > 0, code)
        last = self.runs[-1] if self.runs else None
        # One run per stretch of equal style: fewer fragments make line breaking cheaper.
        if (
            last is not None
            and last.text != "\n"
            and (last.bold, last.italic, last.code)
            == (
                run.bold,
                run.italic,
                run.code,
            )
        ):
            self.runs[-1] = Run(last.text + text, run.bold, run.italic, run.code)
        else:
            self.runs.append(run)


def _inline(children: list[Token]) -> tuple[Run, ...]:
    out = _Inline()
    links: list[str] = []
    for token in children:
        kind = token.type
        if kind == "text":
            out.add(token.content)
        elif kind == "softbreak":
            out.add(" ")
        elif kind == "hardbreak":
            out.runs.append(Run("\n"))
        elif kind in ("em_open", "em_close"):
            out.italic += 1 if kind == "em_open" else -1
        elif kind in ("strong_open", "strong_close"):
            out.bold += 1 if kind == "strong_open" else -1
        elif kind == "code_inline":
            out.add(token.content, code=True)
        elif kind == "link_open":
            links.append(str(token.attrGet("href") or ""))
        elif kind == "link_close":
            href = links.pop() if links else ""
            shown = token.meta.get("text", "") if token.meta else ""
            if href and href != shown:
                out.add(f" ({href})")
        elif kind == "image":
            src = str(token.attrGet("src") or "")
            out.add(f"[image: {token.content or 'image'}]" + (f" ({src})" if src else ""))
        else:  # html_inline cannot occur (html off); anything new is shown as its text
            out.add(token.content)
    return tuple(out.runs) or (Run(""),)


def _autolink_text(tokens: list[Token]) -> None:
    """Record each link's visible text, so ``<https://x>`` is not shown as ``x (x)``."""
    stack: list[list[str]] = []
    for token in tokens:
        if token.type == "link_open":
            stack.append([])
        elif token.type == "link_close" and stack:
            token.meta = {**(token.meta or {}), "text": "".join(stack.pop())}
        elif token.type == "text" and stack:
            stack[-1].append(token.content)


def plain_blocks(text: str) -> list[Block]:
    paragraphs = (" ".join(part.split()) for part in _BLANK_LINES.split(text))
    return [Block("p", (Run(paragraph),)) for paragraph in paragraphs if paragraph]


def note_blocks(text: str) -> list[Block]:
    """The blocks of a note, in order. Empty text gives no blocks."""
    if not _SYNTAX.search(text):
        return plain_blocks(text)
    blocks: list[Block] = []
    lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
    quote_depth = 0
    pending_bullet = ""
    table_row: list[Run] | None = None
    heading = False
    for token in _md.parse(text):
        kind = token.type
        depth = len(lists) + quote_depth
        if kind == "bullet_list_open":
            lists.append([None])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            number = lists[-1][0] if lists else None
            if number is None:
                pending_bullet = "•"
            else:
                pending_bullet = f"{number}."
                lists[-1][0] = number + 1
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "tr_open":
            table_row = []
        elif kind == "tr_close" and table_row is not None:
            blocks.append(Block("p", tuple(table_row), depth))
            table_row = None
        elif kind == "inline":
            children = token.children or []
            _autolink_text(children)
            runs = _inline(children)
            if table_row is not None:
                if table_row:
                    table_row.append(Run(" | "))
                table_row.extend(runs)
            elif heading:
                bold = tuple(Run(run.text, True, run.italic, run.code) for run in runs)
                blocks.append(Block("heading", bold, depth))
            else:
                style: BlockStyle = "item" if lists else "quote" if quote_depth else "p"
                blocks.append(Block(style, runs, depth, pending_bullet))
                pending_bullet = ""
        elif kind in ("fence", "code_block"):
            lines = token.content.rstrip("\n").split("\n")
            runs = []
            for index, line in enumerate(lines):
                if index:
                    runs.append(Run("\n"))
                runs.append(Run(line, code=True))
            blocks.append(Block("code", tuple(runs), depth))
        elif kind == "hr":
            blocks.append(Block("rule", (), depth))
    return blocks
