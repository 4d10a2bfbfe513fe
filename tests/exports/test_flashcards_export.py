"""Flashcards from the database into Anki (and the PDF): the reader's view of the cards."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exports.flashcard_selectors import flashcards_for_export
from reader.selectors import section_list
from study.models import Card, CardEdit
from study.services import cardset_generate_now
from tests.exports.ankiread import FreshCollection
from tests.exports.readers import flat, pdf_pages


@pytest.fixture
def cards(article):
    sections = section_list(article=article)
    cardset = cardset_generate_now(article=article, section=sections[0])
    shared = list(Card.objects.filter(cardset=cardset).order_by("position", "id"))
    assert len(shared) >= 2, "the offline generator should make cards for the first section"
    return sections, shared


@pytest.fixture
def anki(tmp_path):
    collection = FreshCollection(tmp_path)
    yield collection
    collection.close()


def test_reader_edits_and_hidden_cards_are_applied(owner, other, article, cards):
    sections, shared = cards
    CardEdit.objects.create(owner=owner, card=shared[0], question="My own question?", answer="")
    CardEdit.objects.create(owner=owner, card=shared[1], hidden=True)
    mine = flashcards_for_export(user=owner, article=article, sections=sections)
    theirs = flashcards_for_export(user=other, article=article, sections=sections)
    assert mine[0].question == "My own question?" and mine[0].answer == shared[0].answer
    assert len(mine) == len(shared) - 1
    assert [card.question for card in theirs] == [card.question for card in shared]
    assert mine[0].key == theirs[0].key  # identity does not change with an edit
    assert mine[0].passage == shared[0].quote and mine[0].section_heading == sections[0].heading


def test_flashcards_query_count_does_not_grow_with_sections(owner, article, cards):
    sections, _ = cards
    Card.objects.create(
        owner=owner, article=article, section_anchor=sections[1].anchor, question="Q?", answer="A"
    )
    with CaptureQueriesContext(connection) as queries:
        result = flashcards_for_export(user=owner, article=article, sections=sections)
    assert len(queries) <= 4
    assert result[-1].question == "Q?"


def test_apkg_download_imports_into_anki_and_updates_after_an_edit(
    owner, owner_client, article, cards, anki
):
    sections, shared = cards
    url = f"/articles/{article.slug}/export/flashcards.apkg"
    first = anki.import_package(owner_client.get(url).content)
    assert first.new == len(shared)
    notes = anki.notes()
    assert {note["deck"] for note in notes} == {article.title}
    assert len(notes) == len(shared)
    fronts = {note["fields"].get("Question") or note["fields"].get("Text") for note in notes}
    assert shared[0].question in fronts or any(shared[0].question in front for front in fronts)

    assert anki.import_package(owner_client.get(url).content).new == 0
    time.sleep(1.1)  # Anki keeps modification times in whole seconds
    CardEdit.objects.create(owner=owner, card=shared[0], question="", answer="Edited answer")
    again = anki.import_package(owner_client.get(url).content)
    assert again.new == 0
    notes = anki.notes()
    assert len(notes) == len(shared)
    assert "Edited answer" in {note["fields"]["Answer"] for note in notes}


def test_profile_wide_package_holds_the_decks_the_reader_took_up(
    owner, other_client, owner_client, article, cards, anki
):
    _, shared = cards
    # Taking a card up (here: editing it) puts its article in the profile-wide package.
    CardEdit.objects.create(owner=owner, card=shared[0], question="Edited?", answer="")
    anki.import_package(owner_client.get("/export/flashcards.apkg").content)
    assert anki.deck_names() == {article.title}
    response = other_client.get("/export/flashcards.apkg")
    assert response.status_code == 200
    assert b"Edited?" not in response.content


def test_pdf_ends_with_the_readers_flashcards(owner_client, article, cards):
    _, shared = cards
    text = flat(
        "\n".join(pdf_pages(owner_client.get(f"/articles/{article.slug}/export/notes.pdf").content))
    )
    assert "Flashcards" in text
    assert flat(shared[0].answer) in text
