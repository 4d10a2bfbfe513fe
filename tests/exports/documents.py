"""Hand-built ExportDocuments for the renderer tests: no database involved."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from anchoring import describe, to_w3c
from exports.document import ExportDocument, Flashcard, Item, Section

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
URL = "http://testserver/articles/great-leap-forward/"

SECTION_TEXTS = {
    "origins": (
        "Origins",
        "In 1957 the leadership announced a campaign to overtake Britain in steel output "
        "within fifteen years. The “Great Leap” — 大跃进 — was meant to be quick.",
    ),
    "communes": (
        "The people’s communes",
        "Villages were merged into communes of several thousand households. Private plots "
        "were abolished, and meals were taken in collective canteens: café-like halls.",
    ),
    "furnaces": (
        "Backyard furnaces",
        "Peasants melted pots and tools in backyard furnaces; the iron was mostly unusable. "
        "Meanwhile the harvest rotted in the fields.",
    ),
}


def item(item_id: str, kind: str, anchor: str, quote: str, note: str = "", **extra) -> Item:
    heading, text = SECTION_TEXTS[anchor]
    start = text.index(quote)
    return Item(
        id=item_id,
        kind=kind,  # type: ignore[arg-type]
        quote=quote,
        note=note,
        selectors=to_w3c(describe(text, start, start + len(quote))),
        created=NOW,
        modified=NOW,
        section_anchor=anchor,
        section_heading=heading,
        **extra,
    )


def sample_document(**overrides) -> ExportDocument:
    items = {
        "origins": (
            item("1", "highlight", "origins", "overtake Britain in steel output"),
            item(
                "2",
                "note",
                "origins",
                "The “Great Leap” — 大跃进 — was meant to be quick",
                "Compare with *official* figures; see [the report](https://example.org/r).\n\n"
                "- first point\n- second point",
            ),
        ),
        "communes": (
            item("3", "quote", "communes", "Private plots were abolished"),
            item(
                "4",
                "note",
                "communes",
                "collective canteens: café-like halls",
                "Canteens **failed** by 1960.",
                colour="pink",
            ),
        ),
        "furnaces": (item("5", "highlight", "furnaces", "the iron was mostly unusable"),),
    }
    document = ExportDocument(
        title="The Great Leap Forward",
        slug="great-leap-forward",
        source="Readmark sample, our own words",
        url=URL,
        exported=NOW,
        owner="olivia",
        sections=tuple(
            Section(anchor=anchor, heading=SECTION_TEXTS[anchor][0], items=items[anchor])
            for anchor in SECTION_TEXTS
        ),
        general_notes="General line one about the famine.\n\nGeneral line two: 1959–1961.",
        flashcards=(
            Flashcard(
                key="card-1",
                kind="basic",
                question="What did the leadership want to overtake Britain in?",
                answer="Steel output",
                passage="overtake Britain in steel output within fifteen years",
                section_anchor="origins",
                section_heading="Origins",
            ),
            Flashcard(
                key="card-2",
                kind="cloze",
                question="Meals were taken in {{c1::collective canteens}}.",
                answer="collective canteens",
                passage="meals were taken in collective canteens",
                section_anchor="communes",
                section_heading="The people’s communes",
            ),
        ),
    )
    return replace(document, **overrides)


def sections_for_placing() -> list[tuple[str, str]]:
    return [(anchor, text) for anchor, (_, text) in SECTION_TEXTS.items()]
