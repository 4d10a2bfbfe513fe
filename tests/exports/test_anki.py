"""The .apkg export, imported into a fresh collection with the official Anki code."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from exports.anki import BASIC_MODEL_ID, CLOZE_MODEL_ID, render_apkg
from exports.document import ExportDocument, Flashcard
from tests.exports.ankiread import FreshCollection
from tests.exports.documents import sample_document


@pytest.fixture
def anki(tmp_path):
    collection = FreshCollection(tmp_path)
    yield collection
    collection.close()


def test_deck_notes_cards_and_fields(anki):
    document = sample_document()
    log = anki.import_package(render_apkg([document]))
    assert (log.new, log.updated, log.duplicate) == (2, 0, 0)
    assert anki.deck_names() == {"The Great Leap Forward"}
    notes = sorted(anki.notes(), key=lambda note: note["type"])
    assert [note["cards"] for note in notes] == [1, 1]
    basic, cloze = notes
    assert basic["type"] == "Readmark Basic" and basic["type_id"] == BASIC_MODEL_ID
    assert basic["fields"]["Question"] == "What did the leadership want to overtake Britain in?"
    assert basic["fields"]["Answer"] == "Steel output"
    assert basic["fields"]["Passage"] == "overtake Britain in steel output within fifteen years"
    assert basic["fields"]["Source"] == (
        "The Great Leap Forward — Origins · http://testserver/articles/great-leap-forward/"
    )
    assert cloze["type"] == "Readmark Cloze" and cloze["type_id"] == CLOZE_MODEL_ID
    assert cloze["fields"]["Text"] == "Meals were taken in {{c1::collective canteens}}."
    assert {"readmark", "great-leap-forward"} <= set(basic["tags"])


def test_fields_are_escaped(anki):
    hostile = Flashcard(
        key="hostile",
        kind="basic",
        question='<img src="file:///etc/passwd"> & <script>alert(1)</script>',
        answer="a < b\nsecond line",
        passage="",
    )
    document = replace(sample_document(), flashcards=(hostile,))
    anki.import_package(render_apkg([document]))
    (note,) = anki.notes()
    assert note["fields"]["Question"] == (
        "&lt;img src=&quot;file:///etc/passwd&quot;&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
    )
    assert note["fields"]["Answer"] == "a &lt; b<br>second line"


def test_a_second_import_adds_nothing_and_an_edit_updates_in_place(anki):
    document = sample_document()
    anki.import_package(render_apkg([document]))
    again = anki.import_package(render_apkg([document]))
    assert again.new == 0
    assert len(anki.notes()) == 2
    time.sleep(1.1)  # Anki compares modification times in whole seconds
    edited_card = replace(document.flashcards[0], answer="Steel and grain output")
    edited = replace(document, flashcards=(edited_card, document.flashcards[1]))
    log = anki.import_package(render_apkg([edited]))
    assert log.new == 0 and log.updated == 2  # newer notes replace the old ones, none added
    notes = anki.notes()
    assert len(notes) == 2
    assert {note["fields"].get("Answer") for note in notes} >= {"Steel and grain output"}
    assert len(anki.collection.models.all_names_and_ids()) == len(
        {n.name for n in anki.collection.models.all_names_and_ids()}
    )  # no second "Readmark Basic" note type


def test_profile_wide_package_has_a_deck_per_article(anki):
    first = sample_document()
    second = replace(
        sample_document(),
        title="The Printing Press",
        slug="printing-press",
        flashcards=(Flashcard(key="pp-1", kind="basic", question="Who?", answer="Gutenberg"),),
    )
    empty = ExportDocument(title="No cards", slug="no-cards")
    log = anki.import_package(render_apkg([first, second, empty]))
    assert log.new == 3
    assert anki.deck_names() == {"The Great Leap Forward", "The Printing Press"}
    decks = {
        note["fields"].get("Question", note["fields"].get("Text")): note["deck"]
        for note in anki.notes()
    }
    assert decks["Who?"] == "The Printing Press"


def test_package_without_cards_still_imports(anki):
    log = anki.import_package(render_apkg([ExportDocument(title="Nothing", slug="nothing")]))
    assert log.new == 0
