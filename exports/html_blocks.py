"""A note's stored HTML as the same blocks of text runs that ``note_blocks`` makes from Markdown.

Why a second reader: every note is stored with the HTML it was rendered to when it was saved
(markdown-it, then nh3), and reading that HTML with lxml (C) is much faster than parsing the
Markdown again with markdown-it (pure Python), which shows in a PDF of many notes. The HTML is
sanitised (a fixed, small set of tags; images removed), and only its text and emphasis are kept:
nothing from it reaches reportlab as markup. Tests check that both readers agree.
"""

from __future__ import annotations

import lxml.html
from lxml.etree import ParserError

from exports.note_blocks import Block, BlockStyle, Run, _Inline

_BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr",
    "table", "thead", "tbody", "tr", "dl", "dt", "dd",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lists: list[list[int | None]] = []
        self.quote_depth = 0
        self.pending_bullet = ""

    @property
    def depth(self) -> int:
        return len(self.lists) + self.quote_depth

    def emit(self, runs: tuple[Run, ...], *, heading: bool = False) -> None:
        if heading:
            runs = tuple(Run(run.text, True, run.italic, run.code) for run in runs)
            self.blocks.append(Block("heading", runs, self.depth))
            return
        style: BlockStyle = "item" if self.lists else "quote" if self.quote_depth else "p"
        self.blocks.append(Block(style, runs, self.depth, self.pending_bullet))
        self.pending_bullet = ""

    def inline_runs(self, element, inline: _Inline, *, text: bool = True) -> None:
        """Add ``element``'s inline content (its text and non-block children) to ``inline``."""
        if text and element.text:
            inline.add(_space(element.text))
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _BLOCK_TAGS:
                if isinstance(child.tag, str):
                    break  # block children are handled by the caller
                continue
            self.inline_element(child, inline)
            tail = child.tail
            if tail and child.tag == "br":  # the renderer puts a newline after <br>
                tail = tail.lstrip("\n")
            if tail:
                inline.add(_space(tail))

    def inline_element(self, element, inline: _Inline) -> None:
        tag = element.tag
        if tag == "br":
            inline.runs.append(Run("\n"))
            return
        if tag == "code":
            inline.add(element.text_content(), code=True)
            return
        bold = tag in ("strong", "b")
        italic = tag in ("em", "i")
        inline.bold += bold
        inline.italic += italic
        self.inline_runs(element, inline)
        inline.bold -= bold
        inline.italic -= italic
        if tag == "a":
            href = element.get("href") or ""
            if href and href != element.text_content():
                inline.add(f" ({href})")

    def block(self, element) -> None:
        tag = element.tag
        if tag in ("ul", "ol"):
            start = element.get("start")
            self.lists.append([None] if tag == "ul" else [int(start) if start else 1])
            for child in element:
                self.block(child)
            self.lists.pop()
        elif tag == "li":
            number = self.lists[-1][0] if self.lists else None
            if number is None:
                self.pending_bullet = "•"
            else:
                self.pending_bullet = f"{number}."
                self.lists[-1][0] = number + 1
            self.container(element)
        elif tag == "blockquote":
            self.quote_depth += 1
            self.container(element)
            self.quote_depth -= 1
        elif tag == "pre":
            lines = element.text_content().rstrip("\n").split("\n")
            runs: list[Run] = []
            for index, line in enumerate(lines):
                if index:
                    runs.append(Run("\n"))
                runs.append(Run(line, code=True))
            self.blocks.append(Block("code", tuple(runs), self.depth))
        elif tag == "hr":
            self.blocks.append(Block("rule", (), self.depth))
        elif tag == "table":
            for row in element.iter("tr"):
                inline = _Inline()
                for index, cell in enumerate(row):
                    if index:
                        inline.add(" | ")
                    self.inline_runs(cell, inline)
                self.blocks.append(Block("p", tuple(inline.runs) or (Run(""),), self.depth))
        else:  # p, headings, and anything else is read as a paragraph
            inline = _Inline()
            self.inline_runs(element, inline)
            self.emit(tuple(inline.runs) or (Run(""),), heading=tag in _HEADINGS)

    def container(self, element) -> None:
        """An element holding inline text and/or blocks (a list item, a block quote)."""
        inline = _Inline()
        self.inline_runs(element, inline)
        if inline.runs and any(run.text.strip() for run in inline.runs):
            self.emit(tuple(_strip(inline.runs)))
        for child in element:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                self.block(child)
                if child.tail and child.tail.strip():
                    self.emit((Run(_space(child.tail).strip()),))


def _space(text: str) -> str:
    return " ".join(text.split("\n")) if "\n" in text else text


def _strip(runs: list[Run]) -> list[Run]:
    """Trim the whitespace that separates a list item's text from a nested block."""
    if runs and runs[-1].text != "\n":
        last = runs[-1]
        runs[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.code)
    return runs


def html_blocks(html: str) -> list[Block]:
    """The blocks of a stored note's HTML, in order."""
    if not html.strip():
        return []
    try:
        elements = lxml.html.fragments_fromstring(html)
    except ParserError:
        return []
    walker = _Walker()
    for element in elements:
        if isinstance(element, str):
            if element.strip():
                walker.emit((Run(_space(element).strip()),))
        elif isinstance(element.tag, str):
            walker.block(element)
    return walker.blocks
