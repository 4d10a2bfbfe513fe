"""The notes as Markdown, in the shape Obsidian and Readwise users keep them.

YAML front matter (Obsidian shows it as the note's properties), the title as ``#``, the source,
then one ``##`` heading per section in reading order with each passage as a ``>`` block and the
reader's note under it, then the general notes with their quotes, and the flashcards.

Passages are article text, not Markdown: characters that Markdown would read as syntax
(``*``, ``_``, ``[``, ``<``, ``#`` at a line start...) are backslash-escaped, so a passage shows
exactly as it reads in the article. Notes are already Markdown and are written as they are.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from annotations.quote_refs import referenced_ids, refs_as_footnotes
from exports.document import ExportDocument, Flashcard, Item

_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=])", re.M)
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.M)  # "1." becomes "1\.": digits take no escape
EMPTY_MESSAGE = "There are no notes yet for this article."


def escape_text(text: str) -> str:
    """Article text made literal in Markdown (CommonMark backslash escapes)."""
    text = _INLINE.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", text))


def _yaml(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: safe for any title.
    return json.dumps(value, ensure_ascii=False)


def _date(value: datetime | None) -> str:
    return value.date().isoformat() if value else ""


def _blockquote(text: str) -> str:
    lines = escape_text(text.strip()).splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _item(item: Item, *, with_section: bool = False) -> list[str]:
    out = [_blockquote(item.quote)]
    if with_section and item.section_heading:
        out.append(f"— from *{escape_text(item.section_heading)}*")
    if item.note.strip():
        out.append(item.note.strip())
    return out


def _card(card: Flashcard) -> list[str]:
    lines = [f"- **Q:** {escape_text(card.front)}", f"  **A:** {escape_text(card.answer)}"]
    if card.passage:
        lines.append(f"  > {escape_text(' '.join(card.passage.split()))}")
    return ["\n".join(lines)]


def render_markdown_export(document: ExportDocument) -> str:
    counts = document.counts()
    front = [
        "---",
        f"title: {_yaml(document.title)}",
        f"slug: {_yaml(document.slug)}",
    ]
    if document.source:
        front.append(f"source: {_yaml(document.source)}")
    if document.url:
        front.append(f"url: {_yaml(document.url)}")
    if document.exported:
        front.append(f"exported: {_date(document.exported)}")
    front += [
        f"highlights: {counts['highlight']}",
        f"notes: {counts['note']}",
        f"quotes: {counts['quote']}",
        f"flashcards: {len(document.flashcards)}",
        "tags: [readmark]",
        "---",
    ]
    blocks: list[str] = ["\n".join(front), f"# {escape_text(document.title)}"]
    meta = []
    if document.source:
        meta.append(f"- Source: {escape_text(document.source)}")
    if document.url:
        meta.append(f"- URL: <{document.url}>")
    if document.exported:
        meta.append(f"- Exported: {_date(document.exported)}")
    if meta:
        blocks.append("\n".join(meta))
    if not document.has_notes:
        blocks.append(f"*{EMPTY_MESSAGE}*")

    for section in document.sections:
        marks = section.marks()
        if not marks:
            continue
        blocks.append(f"## {escape_text(section.heading)}")
        for item in marks:
            blocks.extend(_item(item))

    quotes = document.quotes()
    notes = document.general_notes.strip()
    if notes or quotes:
        blocks.append("## General notes")
        # Quotes written into the notes are there already, each ending in a footnote that
        # names its section; only quotes since removed from the notes are listed after them.
        referenced = referenced_ids(notes)
        if notes:
            blocks.append(refs_as_footnotes(notes))
            headings = {str(item.id): item.section_heading for item in quotes}
            footnotes = [
                f"[^q{pk}]: From *{escape_text(headings[pk])}*."
                if headings.get(pk)
                else f"[^q{pk}]: A quoted passage of the article."
                for pk in referenced
            ]
            if footnotes:
                blocks.append("\n".join(footnotes))
        unlisted = [item for item in quotes if str(item.id) not in set(referenced)]
        if unlisted:
            blocks.append("### Quotes")
            for item in unlisted:
                blocks.extend(_item(item, with_section=True))

    orphans = [item for item in document.orphans if item.kind != "quote"]
    if orphans:
        blocks.append("## Passages no longer found in the article")
        for item in orphans:
            blocks.extend(_item(item, with_section=True))

    if document.flashcards:
        blocks.append("## Flashcards")
        for card in document.flashcards:
            blocks.extend(_card(card))
    return "\n\n".join(blocks) + "\n"
