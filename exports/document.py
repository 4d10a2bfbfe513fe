"""What an export contains, independent of the database and of any output format.

Why a separate model: the four exports (PDF, Markdown, W3C JSON-LD, Anki) render the same
content, and each renderer is tested on hand-built documents without Django. The selectors in
``exports/selectors.py`` (and the study app's, for flashcards) build one from the
ORM with a constant number of queries.

Offsets in selectors count Unicode code points over the section's plain text, as everywhere in
Readmark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Kind = Literal["highlight", "note", "quote"]
CardKind = Literal["basic", "cloze"]


@dataclass(frozen=True, slots=True)
class Item:
    """One annotation: a highlight, a note on a passage, or a passage quoted into the notebook."""

    id: str
    kind: Kind
    quote: str
    note: str = ""  # Markdown, as the reader wrote it
    note_html: str = ""  # the same, as rendered and sanitised when saved (optional: faster PDFs)
    selectors: Any = field(default_factory=list)  # W3C list form (or keyed); may be empty
    colour: str = ""  # a named colour, or "" for the kind's own
    created: datetime | None = None
    modified: datetime | None = None
    section_anchor: str = ""
    section_heading: str = ""
    orphaned: bool = False  # its passage was not found again after an edit of the article


@dataclass(frozen=True, slots=True)
class Section:
    anchor: str
    heading: str
    items: tuple[Item, ...] = ()

    def marks(self) -> tuple[Item, ...]:
        """Highlights and notes; quotes are shown with the general notes."""
        return tuple(item for item in self.items if item.kind != "quote")


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def cloze_front(text: str) -> str:
    """A cloze text as the learner first sees it: each deletion as […] or [hint]."""
    return _CLOZE.sub(lambda m: f"[{m.group(2)}]" if m.group(2) else "[…]", text)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True, slots=True)
class Flashcard:
    """A card as the reader sees it (their edits applied).

    ``key`` is the card's identity, stable across the reader's edits and across exports: the
    Anki export derives note GUIDs from it, so Anki updates a re-exported card in place.
    """

    key: str
    kind: CardKind
    question: str
    answer: str
    passage: str = ""  # the evidence quoted from the section
    section_anchor: str = ""
    section_heading: str = ""

    @property
    def front(self) -> str:
        return cloze_front(self.question) if self.kind == "cloze" else self.question


@dataclass(frozen=True, slots=True)
class ExportDocument:
    title: str
    slug: str
    source: str = ""
    url: str = ""  # absolute URL of the article page; JSON-LD targets and ids hang from it
    exported: datetime | None = None
    owner: str = ""
    sections: tuple[Section, ...] = ()  # reading order; items in reading order inside each
    orphans: tuple[Item, ...] = ()  # annotations whose passage is no longer in the article
    general_notes: str = ""  # the notebook, Markdown
    general_notes_html: str = ""  # as rendered and sanitised when saved (optional)
    general_notes_modified: datetime | None = None
    flashcards: tuple[Flashcard, ...] = ()

    def items(self) -> Iterator[Item]:
        """Every annotation in reading order, then the orphans."""
        for section in self.sections:
            yield from section.items
        yield from self.orphans

    def quotes(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items() if item.kind == "quote")

    def counts(self) -> dict[str, int]:
        counts = {"highlight": 0, "note": 0, "quote": 0}
        for item in self.items():
            counts[item.kind] += 1
        return counts

    @property
    def has_notes(self) -> bool:
        return bool(self.general_notes.strip()) or any(True for _ in self.items())

    @property
    def is_empty(self) -> bool:
        return not self.has_notes and not self.flashcards
