"""Split a section into lines and sentences, keeping code point offsets.

Section text is the `textContent` of rendered Markdown: paragraphs and list items each sit on
their own line, lists are framed by blank lines, and bullet markers are gone (raw Markdown or
plain text may still carry "- " or "1. " markers, which we skip). Sentences never cross a line,
so a card can never quote two list items at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pysbd

from study.generation.tokens import Token, tokenize

_BULLET = re.compile(r"^[ \t]*(?:[-*+\u2022\u25aa\u25e6\u2023]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
_END = ".!?\u2026\"'\u201d\u2019)"


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int
    index: int  # order in the section
    line: int  # which line (paragraph or list item) it belongs to
    first_in_line: bool
    in_list: bool
    tokens: tuple[Token, ...]

    @property
    def is_lead_in(self) -> bool:
        """ "Its key players are:" introduces a list; it states nothing by itself."""
        return self.text.rstrip().endswith(":")

    @property
    def is_statement(self) -> bool:
        stripped = self.text.rstrip()
        return bool(stripped) and stripped[-1] in _END and not stripped.endswith("?")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    bullet: bool


def split_sentences(section_text: str) -> list[Sentence]:
    lines = _lines(section_text)
    in_list = _list_lines(section_text, lines)
    segmenter = pysbd.Segmenter(language="en", clean=False)  # not thread-safe: one per call
    sentences: list[Sentence] = []
    for line_index, line in enumerate(lines):
        body = section_text[line.start : line.end]
        for number, (start, end) in enumerate(_spans(segmenter, body)):
            text = section_text[line.start + start : line.start + end]
            sentences.append(
                Sentence(
                    text=text,
                    start=line.start + start,
                    end=line.start + end,
                    index=len(sentences),
                    line=line_index,
                    first_in_line=number == 0,
                    in_list=in_list[line_index],
                    tokens=tuple(tokenize(text, line.start + start)),
                )
            )
    return sentences


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        start, end = position, position + len(content)
        position += len(raw)
        bullet = _BULLET.match(content)
        if bullet:
            start += bullet.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            lines.append(_Line(start, end, bullet is not None))
    return lines


def _list_lines(text: str, lines: list[_Line]) -> list[bool]:
    """Bulleted lines, and runs of two or more lines framed by blank lines (HTML lists)."""
    flags = [line.bullet for line in lines]
    run: list[int] = []
    for index, line in enumerate(lines):
        blank_before = index == 0 or "\n\n" in _between(text, lines[index - 1].end, line.start)
        if blank_before:
            _close_run(text, lines, run, flags)
            run = []
        run.append(index)
    _close_run(text, lines, run, flags)
    return flags


def _close_run(text: str, lines: list[_Line], run: list[int], flags: list[bool]) -> None:
    if len(run) < 2:
        return
    before = text[: lines[run[0]].start].replace("\r", "").rstrip(" \t")
    after = text[lines[run[-1]].end :].replace("\r", "")
    # "<ul>\n<li>" leaves a blank line (or the section's first newline) before a list and
    # "</li>\n</ul>\n" a blank line after it; consecutive paragraphs are joined by one "\n".
    opened = before.endswith("\n\n") or (before.endswith("\n") and not before.strip())
    if opened and after.startswith("\n\n"):
        for index in run:
            flags[index] = True


def _between(text: str, start: int, end: int) -> str:
    return text[start:end].replace("\r", "")


_INNER_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+\S")


def _spans(segmenter: pysbd.Segmenter, body: str) -> list[tuple[int, int]]:
    """Sentence spans within one line; pysbd's own char_span is unreliable, so we re-find."""
    if not _INNER_END.search(body):
        return [(0, len(body))]  # one sentence (most list items): pysbd is slow, skip it
    try:
        pieces = segmenter.segment(body)
    except Exception:  # pysbd has crashed on odd input; one sentence is a safe fallback
        pieces = [body]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        found = body.find(stripped, cursor)
        if found < 0:  # pysbd altered the text: give up on finer splitting for the rest
            rest = body[cursor:].strip()
            if rest:
                found = body.find(rest, cursor)
                spans.append((found, found + len(rest)))
            return spans
        spans.append((found, found + len(stripped)))
        cursor = found + len(stripped)
    tail = body[cursor:].strip()
    if tail:
        found = body.find(tail, cursor)
        spans.append((found, found + len(tail)))
    return spans
