"""Flashcards as an Anki package (.apkg), written with genanki.

What keeps re-exports from duplicating cards in Anki:
- the note types have fixed model ids (``BASIC_MODEL_ID``, ``CLOZE_MODEL_ID``): a new id would
  make Anki add a second "Readmark Basic" type on every import;
- each note's GUID is derived from the card's identity (``Flashcard.key``), which a reader's
  edits do not change, so importing again updates the note in place;
- each deck's id is derived from the article's slug, so the deck is found again by id.

Every field is HTML-escaped (Anki fields are HTML): a question containing ``<script>`` or an
``<img src=...>`` shows as text and loads nothing. The back of each card shows the source
passage the card was made from and the article it belongs to.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from collections.abc import Sequence

import genanki

from exports.document import ExportDocument, Flashcard

# Fixed forever: chosen once at random in Anki's id range. Changing one duplicates note types.
BASIC_MODEL_ID = 1_607_392_611
CLOZE_MODEL_ID = 1_607_392_612
DECK_ID_BASE = 1 << 40
GUID_NAMESPACE = "readmark-card"
_CLOZE = re.compile(r"\{\{c\d+::.+?\}\}", re.DOTALL)

CSS = """
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.45;
        color: #1d1d1f; background: #fff; text-align: left; max-width: 40em; margin: auto; }
.passage { margin: 1em 0 0; padding: .5em .8em; border-left: 4px solid #8a8f98;
           background: #f1f2f4; font-size: 16px; }
.source { margin-top: .6em; font-size: 13px; color: #666; }
.cloze { font-weight: bold; color: #1d4e89; }
.nightMode .card, .night_mode .card { color: #eee; background: #1e1e1e; }
.nightMode .passage, .night_mode .passage { background: #2a2a2a; }
"""
BACK_EXTRA = (
    "{{#Passage}}<blockquote class=passage>{{Passage}}</blockquote>{{/Passage}}"
    "<div class=source>{{Source}}</div>"
)

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "Readmark Basic",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Passage"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}" + BACK_EXTRA,
        }
    ],
    css=CSS,
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Readmark Cloze",
    fields=[{"name": "Text"}, {"name": "Answer"}, {"name": "Passage"}, {"name": "Source"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}{{#Answer}}<br>{{Answer}}{{/Answer}}" + BACK_EXTRA,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def field(text: str) -> str:
    """Plain text as an Anki field: HTML-escaped, line breaks kept."""
    return html.escape(text.strip(), quote=True).replace("\n", "<br>")


def deck_id(slug: str) -> int:
    digest = hashlib.sha256(f"readmark-deck:{slug}".encode()).digest()
    return DECK_ID_BASE + int.from_bytes(digest[:4], "big")


def deck_name(title: str) -> str:
    # "::" would make Anki nest the deck under a parent named after part of the title.
    return " ".join(title.replace("::", ":").split()) or "Readmark"


def note_guid(card: Flashcard) -> str:
    return genanki.guid_for(GUID_NAMESPACE, card.key)


def _source(document: ExportDocument, card: Flashcard) -> str:
    parts = [document.title]
    if card.section_heading:
        parts.append(card.section_heading)
    text = field(" — ".join(parts))
    return f"{text} · {field(document.url)}" if document.url else text


def _note(document: ExportDocument, card: Flashcard) -> genanki.Note:
    tags = ["readmark", re.sub(r"[^\w-]", "_", document.slug) or "article"]
    passage = field(card.passage)
    source = _source(document, card)
    # Escaping leaves {{c1::...}} intact (braces and colons are not HTML); a cloze card whose
    # text lost its deletions in an edit is exported as a basic card rather than a broken one.
    cloze = card.kind == "cloze" and _CLOZE.search(card.question) is not None
    fields = [field(card.question), field(card.answer), passage, source]
    model = CLOZE_MODEL if cloze else BASIC_MODEL
    return genanki.Note(model=model, fields=fields, guid=note_guid(card), tags=tags)


def build_decks(documents: Sequence[ExportDocument]) -> list[genanki.Deck]:
    decks: list[genanki.Deck] = []
    names: set[str] = set()
    for document in documents:
        if not document.flashcards:
            continue
        name = deck_name(document.title)
        if name in names:  # two articles with one title: keep their decks apart
            name = f"{name} ({document.slug})"
        names.add(name)
        deck = genanki.Deck(deck_id(document.slug), name, description=field(document.source))
        for card in document.flashcards:
            deck.add_note(_note(document, card))
        decks.append(deck)
    return decks


def render_apkg(documents: Sequence[ExportDocument], *, timestamp: float | None = None) -> bytes:
    """One package with a deck per article that has cards (empty decks are left out).

    ``timestamp`` (default: now) is every note's modification time. Anki updates an existing
    note on import only when the incoming one is newer, so it must not be a fixed value.
    """
    decks = build_decks(documents)
    if not decks:  # Anki refuses a package without a deck: ship an empty one, named
        title = documents[0].title if len(documents) == 1 else "Readmark"
        slug = documents[0].slug if len(documents) == 1 else "readmark"
        decks = [genanki.Deck(deck_id(slug), deck_name(title))]
    buffer = io.BytesIO()
    genanki.Package(decks).write_to_file(buffer, timestamp=timestamp)
    return buffer.getvalue()
