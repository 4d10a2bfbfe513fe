"""A note's Markdown as blocks of reportlab paragraph markup (emphasis, lists, links as text).

Why not HTML through a converter: reportlab's paragraph markup is its own small language with
tags that load images (``<img src>``) and make links. We walk markdown-it's tokens (raw HTML off,
as everywhere) and build markup from escaped text only: a link is shown as its text followed by
its address, an image as its description and address. No tag in the output comes from the
user, so nothing is fetched, embedded or turned into a clickable action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from annotations.exports.fonts import markup

BlockStyle = Literal["p", "heading", "item", "quote", "code", "rule"]

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


# Anything that could be Markdown syntax; a note without any of it is plain paragraphs, and
# skipping the parser for those halves the time of a PDF with many short notes.
_SYNTAX = re.compile(r"[\\`*_\[\]<>#!|~&]|^ {0,3}(?:[-+=]|\d+[.)])|^ {4}|^\t", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Block:
    style: BlockStyle
    markup: str
    depth: int = 0  # list / block quote nesting, for the indent
    bullet: str = ""  # "•" or "3." on the first paragraph of a list item


def _inline(children: list[Token]) -> str:
    out: list[str] = []
    links: list[str] = []
    for token in children:
        kind = token.type
        if kind == "text":
            out.append(markup(token.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind in ("em_open", "em_close"):
            out.append("<i>" if kind.endswith("open") else "</i>")
        elif kind in ("strong_open", "strong_close"):
            out.append("<b>" if kind.endswith("open") else "</b>")
        elif kind in ("s_open", "s_close"):
            out.append("<strike>" if kind.endswith("open") else "</strike>")
        elif kind == "code_inline":
            out.append(f'<font color="#5a3d8a">{markup(token.content)}</font>')
        elif kind == "link_open":
            href = str(token.attrGet("href") or "")
            links.append(href)
            out.append('<font color="#1d4e89">')
        elif kind == "link_close":
            href = links.pop() if links else ""
            out.append("</font>")
            text_so_far = token.meta.get("text", "") if token.meta else ""
            if href and href != text_so_far:
                out.append(f" ({markup(href)})")
        elif kind == "image":
            alt = token.content or "image"
            src = str(token.attrGet("src") or "")
            out.append(markup(f"[image: {alt}]" + (f" ({src})" if src else "")))
        else:  # html_inline cannot occur (html off); anything new is shown as its text
            out.append(markup(token.content))
    return "".join(out)


def _autolink_text(tokens: list[Token]) -> None:
    """Record each link's visible text, so ``<https://x>`` is not shown as ``x (x)``."""
    stack: list[tuple[Token, list[str]]] = []
    for token in tokens:
        if token.type == "link_open":
            stack.append((token, []))
        elif token.type == "link_close" and stack:
            _, parts = stack.pop()
            token.meta = {**(token.meta or {}), "text": "".join(parts)}
        elif token.type == "text" and stack:
            stack[-1][1].append(token.content)


def note_blocks(text: str) -> list[Block]:
    """The blocks of a note, in order. Empty text gives no blocks."""
    if not _SYNTAX.search(text):
        paragraphs = (" ".join(part.split()) for part in _BLANK_LINES.split(text))
        return [Block("p", markup(paragraph)) for paragraph in paragraphs if paragraph]
    blocks: list[Block] = []
    lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
    quote_depth = 0
    pending_bullet = ""
    table_row: list[str] | None = None
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
            blocks.append(Block("p", " | ".join(table_row), depth))
            table_row = None
        elif kind == "inline":
            children = token.children or []
            _autolink_text(children)
            content = _inline(children)
            if table_row is not None:
                table_row.append(content)
            elif heading:
                blocks.append(Block("heading", f"<b>{content}</b>", depth))
            else:
                style: BlockStyle = "item" if lists else "quote" if quote_depth else "p"
                blocks.append(Block(style, content, depth, pending_bullet))
                pending_bullet = ""
        elif kind in ("fence", "code_block"):
            lines = token.content.rstrip("\n").split("\n")
            blocks.append(Block("code", "<br/>".join(markup(line) for line in lines), depth))
        elif kind == "hr":
            blocks.append(Block("rule", "", depth))
    return blocks
