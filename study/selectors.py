"""Reads: the set a reader sees, with their own changes applied, and the reader page's config.

Every function runs a fixed number of queries, whatever the number of cards or sections.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q

from anchoring import from_w3c
from reader.models import Article, Section
from study.cooldown import cooldown_remaining, seconds_until
from study.models import (
    IN_FLIGHT,
    Card,
    CardEdit,
    CardSet,
    CardSetPin,
    Cooldown,
    EvidenceState,
    Generation,
)


@dataclass(frozen=True)
class CardView:
    """A card as one reader sees it."""

    id: int
    question: str
    answer: str
    kind: str
    evidence: dict[str, Any] | None
    own: bool
    edited: bool


def cardset_for_reader(*, user, cache_key: str) -> CardSet | None:
    """The set pinned for ``user`` under ``cache_key``, else the newest one (one query)."""
    sets = CardSet.objects.filter(cache_key=cache_key)
    if user is not None and user.is_authenticated:
        pinned = CardSetPin.objects.filter(owner=user, cardset=OuterRef("pk"))
        sets = sets.annotate(pinned=Exists(pinned)).order_by("-pinned", "-id")
    else:
        sets = sets.order_by("-id")
    return sets.first()


def deck_cards(*, user, cardset: CardSet | None, article: Article, anchor: str) -> list[CardView]:
    """The shared cards of ``cardset`` as ``user`` edited them, then the cards they wrote."""
    views: list[CardView] = []
    if cardset is not None:
        shared = list(
            Card.objects.filter(cardset=cardset, state=EvidenceState.ANCHORED).order_by(
                "position", "id"
            )
        )
        edits = {
            edit.card_id: edit
            for edit in CardEdit.objects.filter(owner=user, card__cardset=cardset)
        }
        for card in shared:
            edit = edits.get(card.id)
            if edit is not None and edit.hidden:
                continue
            views.append(card_view(card, edit))
    own = Card.objects.filter(owner=user, article=article, section_anchor=anchor).order_by(
        "position", "id"
    )
    views.extend(card_view(card, None) for card in own)
    return views


def generation_latest(*, user, cache_key: str) -> Generation | None:
    """What the reader last asked for this text, or what anyone has in flight for it."""
    return (
        Generation.objects.filter(cache_key=cache_key)
        .filter(Q(user=user) | Q(status__in=IN_FLIGHT))
        .order_by("-id")
        .first()
    )


def flashcards_config(*, user, article: Article, sections: list[Section], keys) -> dict[str, Any]:
    """What the reader page needs to draw every Generate button right on load (4 queries).

    ``keys`` maps each section's content hash to its cache key (``GeneratorChoice.cache_key``).
    """
    keyed = [(keys(section.content_hash), section) for section in sections]
    cached, in_flight, own = _flashcards_state(
        keys=sorted({key for key, _ in keyed}), user_id=user.pk, article_id=article.pk
    )
    cooldown = Cooldown.objects.filter(user_id=user.pk).first()
    return {
        "sections": [
            {
                "id": section.anchor,
                "title": section.heading,
                "cached": key in cached or section.anchor in own,
                "generating": key in in_flight,
                # Asked for by this reader: the page follows it and says when it is ready.
                "mine": key in in_flight and in_flight[key] == user.pk,
            }
            for key, section in keyed
        ],
        "cooldownSeconds": seconds_until(cooldown.until if cooldown else None),
    }


def _flashcards_state(
    *, keys: list[str], user_id: int, article_id: int
) -> tuple[set[str], dict[str, int], set[str]]:
    """Which of ``keys`` have a set and which a generation in flight (and whose), and the
    sections the reader wrote cards for."""
    cached = set(CardSet.objects.filter(cache_key__in=keys).values_list("cache_key", flat=True))
    in_flight = dict(
        Generation.objects.filter(cache_key__in=keys, status__in=IN_FLIGHT).values_list(
            "cache_key", "user_id"
        )
    )
    own = set(
        Card.objects.filter(owner_id=user_id, article_id=article_id).values_list(
            "section_anchor", flat=True
        )
    )
    return cached, in_flight, own


def card_view(card: Card, edit: CardEdit | None) -> CardView:
    evidence = None
    if card.selectors:
        keyed = from_w3c(card.selectors)
        quote, position = keyed.get("quote", {}), keyed.get("position", {})
        evidence = {
            "exact": quote.get("exact", card.quote),
            "prefix": quote.get("prefix", ""),
            "suffix": quote.get("suffix", ""),
            "start": position.get("start", card.start),
            "end": position.get("end", card.end),
        }
    return CardView(
        id=card.id,
        question=(edit.question if edit and edit.question else card.question),
        answer=(edit.answer if edit and edit.answer else card.answer),
        kind=card.kind,
        evidence=evidence,
        own=card.owner_id is not None,
        edited=edit is not None and bool(edit.question or edit.answer),
    )


@dataclass(frozen=True)
class Deck:
    """What a reader sees for one section: the cards, or where their generation stands."""

    status: str  # ready | queued | running | failed | none
    cards: list[CardView]
    cardset: CardSet | None
    generation: Generation | None
    cooldown_seconds: int


def deck_of_new_set(
    *,
    user,
    article: Article,
    section: Section,
    cardset: CardSet,
    cards: list[Card],
    generation: Generation,
    cooldown_seconds: int,
) -> Deck:
    """``deck_for`` of a set this request just made: its cards are in hand and nobody can have
    edited them yet, so only the reader's own cards are read."""
    own = Card.objects.filter(owner=user, article=article, section_anchor=section.anchor)
    views = [card_view(card, None) for card in cards]
    views.extend(card_view(card, None) for card in own.order_by("position", "id"))
    return Deck(
        status="ready",
        cards=views,
        cardset=cardset,
        generation=generation,
        cooldown_seconds=cooldown_seconds,
    )


def deck_for(*, user, article: Article, section: Section, cache_key: str) -> Deck:
    cardset = cardset_for_reader(user=user, cache_key=cache_key)
    generation = generation_latest(user=user, cache_key=cache_key)
    cards = deck_cards(user=user, cardset=cardset, article=article, anchor=section.anchor)
    if cardset is not None or cards:
        status = "ready"
    elif generation is not None and generation.status != "done":
        status = generation.status
    else:
        status = "none"
    return Deck(
        status=status,
        cards=cards,
        cardset=cardset,
        generation=generation,
        cooldown_seconds=cooldown_remaining(user=user),
    )
