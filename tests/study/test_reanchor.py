"""Card evidence follows the text when an article is re-imported, like highlights do."""

from __future__ import annotations

from django.test import Client

from reader.services import article_import
from study.models import Card, CardSet, EvidenceState
from study.services import cardset_get_or_generate
from tests.conftest import CONTENT
from tests.study.helpers import section

SAMPLE = (CONTENT / "great-leap-forward.md").read_text()
FIRST = "In late 1957 Mao declared that China would overtake Britain in steel output"


def reimport(text: str):
    return article_import(data=text.encode(), name="great-leap-forward.md").article


def generate(user, article, anchor="what-it-was") -> CardSet:
    return cardset_get_or_generate(
        user=user, article=article, section=section(article, anchor)
    ).cardset


def test_an_unchanged_section_keeps_its_set(owner, article):
    made = generate(owner, article)
    before = list(made.cards.values_list("id", "start", "end", "quote"))
    edited = reimport(SAMPLE.replace("## Lessons\n", "## Lessons\n\nA new opening line.\n"))
    assert edited.current_revision != article.current_revision
    cardset = CardSet.objects.get()
    assert cardset.content_hash == section(edited, "what-it-was").content_hash
    assert list(cardset.cards.values_list("id", "start", "end", "quote")) == before


def test_an_edited_section_keeps_its_cards_at_their_new_offsets(owner, other, article):
    made = generate(owner, article)
    ids = set(made.cards.values_list("id", flat=True))
    edited = reimport(SAMPLE.replace(FIRST, "A new first sentence arrives here. " + FIRST))
    new = section(edited, "what-it-was")
    cardset = CardSet.objects.get()
    assert cardset.content_hash == new.content_hash
    cards = list(cardset.cards.all())
    assert set(c.id for c in cards) == ids  # the same cards: reviews and edits stay attached
    for card in cards:
        assert card.state == EvidenceState.ANCHORED
        assert new.text[card.start : card.end] == card.quote
        assert card.selectors[1] == {
            "type": "TextPositionSelector",
            "start": card.start,
            "end": card.end,
        }
    # Served from the cache for the new text: nobody has to regenerate, at any cost.
    client = Client()
    client.force_login(other)
    response = client.post("/api/v1/articles/great-leap-forward/sections/what-it-was/flashcards")
    assert response.status_code == 200
    assert {c["id"] for c in response.json()["cards"]} == ids


def test_a_card_whose_fact_changed_is_hidden_not_left_wrong(owner, article):
    made = generate(owner, article, anchor="goals-and-main-policies")
    card = made.cards.filter(answer__contains="10.7").first()
    assert card is not None, list(made.cards.values_list("question", "answer"))
    edited = reimport(SAMPLE.replace("10.7 million tonnes", "10.8 million tonnes"))
    card.refresh_from_db()
    assert card.state == EvidenceState.ORPHANED
    others = Card.objects.filter(cardset=made).exclude(id=card.id)
    new = section(edited, "goals-and-main-policies")
    for other in others:
        assert other.state == EvidenceState.ANCHORED
        assert new.text[other.start : other.end] == other.quote
    client = Client()
    client.force_login(owner)
    shown = client.get(
        "/api/v1/articles/great-leap-forward/sections/goals-and-main-policies/flashcards"
    )
    assert card.id not in [c["id"] for c in shown.json()["cards"]]


def test_a_removed_passage_orphans_its_cards(owner, article):
    made = generate(owner, article)
    sentence = FIRST + " within fifteen years."
    citing = list(made.cards.filter(quote__contains=sentence))
    assert citing
    reimport(SAMPLE.replace(sentence + " ", ""))
    for card in citing:
        card.refresh_from_db()
        assert card.state == EvidenceState.ORPHANED, card.quote


def test_a_renamed_section_keeps_its_set_and_own_cards(owner_client, owner, article):
    made = generate(owner, article, anchor="lessons")
    url = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards"
    owner_client.post(url + "/cards", {"question": "Who?", "answer": "Mao"}, "application/json")
    reimport(SAMPLE.replace("## Lessons\n", "## Lessons learned\n"))
    assert Card.objects.get(owner=owner).section_anchor == "lessons-learned"
    renamed = url.replace("/lessons/", "/lessons-learned/")
    cards = owner_client.get(renamed).json()["cards"]
    assert {c["id"] for c in cards} == set(made.cards.values_list("id", flat=True)) | {
        Card.objects.get(owner=owner).id
    }
