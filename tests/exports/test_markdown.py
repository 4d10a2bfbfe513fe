"""The Markdown export, read back with a CommonMark parser (markdown-it). No database."""

from __future__ import annotations

import json
from dataclasses import replace

from markdown_it import MarkdownIt

from exports.document import ExportDocument, Item, Section
from exports.markdown import EMPTY_MESSAGE, escape_text, render_markdown_export
from tests.exports.documents import sample_document

md = MarkdownIt("commonmark")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    values = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        values[key] = json.loads(value) if value.startswith('"') else value
    return values, body


def blocks(body: str) -> list[tuple[str, str]]:
    """(kind, text) per block: heading level, blockquote or paragraph, as a reader sees them."""
    out: list[tuple[str, str]] = []
    quote_depth = 0
    tokens = md.parse(body)
    for index, token in enumerate(tokens):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "inline":
            opener = tokens[index - 1]
            text = "".join(child.content for child in token.children or [] if child.content)
            kind = opener.tag if opener.type == "heading_open" else "quote" if quote_depth else "p"
            out.append((kind, text))
    return out


def test_front_matter_title_source_and_sections_in_reading_order():
    text = render_markdown_export(sample_document())
    meta, body = front_matter(text)
    assert meta["title"] == "The Great Leap Forward"
    assert meta["source"] == "Readmark sample, our own words"
    assert meta["url"] == "http://testserver/articles/great-leap-forward/"
    assert meta["exported"] == "2026-03-12"
    assert meta["highlights"] == "2" and meta["notes"] == "2" and meta["flashcards"] == "2"
    read = blocks(body)
    assert read[0] == ("h1", "The Great Leap Forward")
    headings = [text for kind, text in read if kind == "h2"]
    assert headings == [
        "Origins",
        "The people’s communes",
        "Backyard furnaces",
        "General notes",
        "Flashcards",
    ]
    quotes = [text for kind, text in read if kind == "quote"]
    assert quotes[:4] == [
        "overtake Britain in steel output",
        "The “Great Leap” — 大跃进 — was meant to be quick",
        "collective canteens: café-like halls",
        "the iron was mostly unusable",
    ]
    assert "Private plots were abolished" in quotes  # under the general notes' quotes


def test_notes_follow_their_passage_as_markdown():
    body = front_matter(render_markdown_export(sample_document()))[1]
    passage = body.index("> The “Great Leap” — 大跃进 — was meant to be quick")
    note = body.index("Compare with *official* figures; see [the report](https://example.org/r).")
    next_passage = body.index("> collective canteens")
    assert passage < note < next_passage
    assert "- first point\n- second point" in body
    general = body.index("## General notes")
    assert body.index("General line one about the famine.") > general


def test_passages_are_literal_even_when_they_look_like_markdown():
    tricky = "*not emphasis* [not a link](x) <img src=x> # not a heading & &amp;"
    document = replace(
        sample_document(),
        sections=(Section(anchor="s", heading="1. Numbered heading", items=(
            Item(id="1", kind="highlight", quote=tricky),
            Item(id="2", kind="highlight", quote="- not a list\n2. not a list either"),
        )),),
    )  # fmt: skip
    body = front_matter(render_markdown_export(document))[1]
    read = blocks(body)
    assert ("h2", "1. Numbered heading") in read
    quotes = [text for kind, text in read if kind == "quote"]
    assert quotes[0] == tricky
    assert quotes[1] == "- not a list2. not a list either"  # one block: no list items
    section = body[body.index("## 1\\. Numbered") : body.index("## General notes")]
    html = md.render(section)
    assert "<img" not in html and "<em>" not in html and "<a " not in html


def test_escape_text_round_trips_through_a_commonmark_parser():
    for text in ["a_b_c", "1) x", "+ y", "`code`", "a | b", "~~s~~", "\\", "#tag"]:
        rendered = md.parse(escape_text(text))
        inline = next(token for token in rendered if token.type == "inline")
        assert "".join(child.content for child in inline.children) == text


def test_empty_state():
    text = render_markdown_export(ExportDocument(title="Nothing here", slug="nothing"))
    assert EMPTY_MESSAGE in text
    assert "# Nothing here" in text
