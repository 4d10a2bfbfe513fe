"""Flashcards as the API shows them: plain dicts shaped like study.schemas (JSON-ready)."""

from __future__ import annotations

from typing import Any

from reader.models import Section
from study.selectors import CardView, Deck


def deck_out(section: Section, deck: Deck) -> dict[str, Any]:
    cardset = deck.cardset
    return {
        "section": {"id": section.anchor, "title": section.heading},
        "status": deck.status,
        "cards": [card_out(card) for card in deck.cards],
        "generator": f"{cardset.generator} {cardset.generator_version}".strip() if cardset else "",
        "generation": generation_out(deck.generation),
        "cooldown_seconds": deck.cooldown_seconds,
        "detail": "",
    }


def message_out(message: str, deck: Deck) -> dict[str, Any]:
    return {
        "detail": message,
        "status": deck.status,
        "generation": generation_out(deck.generation),
        "cooldown_seconds": deck.cooldown_seconds,
    }


def generation_out(generation) -> dict[str, Any] | None:
    if generation is None:
        return None
    return {
        "id": generation.id,
        "status": generation.status,
        "error": generation.error,
        "regenerate": generation.regenerate,
        "created": generation.created,
    }


def card_out(card: CardView) -> dict[str, Any]:
    return {
        "id": card.id,
        "question": card.question,
        "answer": card.answer,
        "kind": card.kind,
        "evidence": card.evidence,
        "own": card.own,
        "edited": card.edited,
    }


NOTHING_YET = "No flashcards for this section yet. Choose “Generate Flashcards” to make them."


def deck_answer(section: Section, deck: Deck) -> tuple[int, dict[str, Any]]:
    """GET's status and body: 200 ready, 202 in progress (poll again), 404 nothing or failed."""
    if deck.status == "ready":
        return 200, deck_out(section, deck)
    if deck.status in ("queued", "running"):
        return 202, deck_out(section, deck)
    message = NOTHING_YET
    if deck.status == "failed" and deck.generation is not None:
        message = deck.generation.error
    return 404, message_out(message, deck)
