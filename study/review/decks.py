"""The one place review asks the flashcards code which cards a reader sees for a section."""

from __future__ import annotations

from dataclasses import dataclass

from reader.models import Article, Section
from study.engine import generator_choice
from study.models import CardSet
from study.selectors import deck_for


@dataclass(frozen=True)
class ReaderDeck:
    cardset: CardSet | None
    card_ids: list[int]


def reader_deck(*, user, article: Article, section: Section) -> ReaderDeck:
    key = generator_choice().cache_key(section.content_hash)
    deck = deck_for(user=user, article=article, section=section, cache_key=key)
    return ReaderDeck(cardset=deck.cardset, card_ids=[card.id for card in deck.cards])
