"""/api/v1 flashcards endpoints (documented in the README and the OpenAPI document).

GET the reader's set for a section; POST to generate it: 200 with the cards when cached or made
at once, 202 while a task makes it (poll GET), 429 with ``Retry-After`` while the reader's
cooldown runs. Readers change what they see — edit, delete, restore, write their own cards —
without changing the shared set; another reader's own card answers 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from accounts.api_auth import api_auth
from reader.access import section_in_current_revision
from reader.models import Article, Section
from readmark.api_types import ObjectId
from study.access import card_for_reader
from study.card_services import (
    CardRefused,
    card_create,
    card_delete,
    card_reset,
    card_restore,
    card_update,
)
from study.ceiling import GenerationLimit
from study.cooldown import CooldownActive, seconds_until
from study.deck_cache import deck_response
from study.engine import generator_choice
from study.present import card_out, deck_out, generation_out
from study.readiness import section_readiness
from study.regenerate import NOTHING_NEW, is_nothing_new
from study.schemas import CardIn, CardOut, CardPatch, DeckOut, MessageOut
from study.selectors import CardView, Deck, card_view, deck_for, deck_of_new_set
from study.services import cardset_get_or_generate

router = Router(auth=api_auth, tags=["flashcards"])

DECK = "/articles/{slug}/sections/{section_id}/flashcards"
ERRORS: dict[int, Any] = {400: MessageOut, 401: MessageOut, 403: MessageOut, 404: MessageOut}


@router.get(DECK, response={200: DeckOut, 202: DeckOut, **ERRORS})
def flashcards_get(request: HttpRequest, slug: str, section_id: str):
    """The reader's set (200), a generation in progress (202, poll again), or 404."""
    status, body = deck_response(user=request.auth, slug=slug, anchor=section_id)
    return Status(status, body)


@router.post(DECK, response={200: DeckOut, 202: DeckOut, 422: DeckOut, 429: MessageOut, **ERRORS})
def flashcards_generate(request: HttpRequest, slug: str, section_id: str, response: HttpResponse):
    """Generate the section's set, or return it at once when it is cached (no cooldown cost)."""
    return _generate(request, response, slug, section_id, regenerate=False)


@router.post(
    DECK + "/regenerate",
    response={200: DeckOut, 202: DeckOut, 422: DeckOut, 429: MessageOut, **ERRORS},
)
def flashcards_regenerate(request: HttpRequest, slug: str, section_id: str, response: HttpResponse):
    """A new set for the section, even when one is cached. Starts the reader's cooldown."""
    return _generate(request, response, slug, section_id, regenerate=True)


@router.post(DECK + "/cards", response={201: CardOut, 422: MessageOut, **ERRORS})
def flashcards_card_create(request: HttpRequest, slug: str, section_id: str, payload: CardIn):
    """Write a card of your own for this section (a {{c1::gap}} in the question makes a cloze)."""
    article, section = _place(request, slug, section_id)
    try:
        card = card_create(
            user=request.auth,
            article=article,
            anchor=section.anchor,
            question=payload.question,
            answer=payload.answer,
        )
    except CardRefused as refused:
        return Status(422, {"detail": refused.message})
    return Status(201, card_out(card_view(card, None)))


@router.patch("/flashcards/cards/{card_id}", response={200: CardOut, 422: MessageOut, **ERRORS})
def flashcards_card_update(request: HttpRequest, card_id: ObjectId, payload: CardPatch):
    """Edit a card as you see it. A generated card changes for you only."""
    card = card_for_reader(user=request.auth, card_id=card_id)
    try:
        if payload.reset:
            card_reset(user=request.auth, card=card)
        else:
            card_update(
                user=request.auth, card=card, question=payload.question, answer=payload.answer
            )
    except CardRefused as refused:
        return Status(422, {"detail": refused.message})
    return Status(200, card_out(_reader_view(request.auth, card)))


@router.delete("/flashcards/cards/{card_id}", response={204: None, **ERRORS})
def flashcards_card_delete(request: HttpRequest, card_id: ObjectId):
    """Delete your own card, or hide a generated one from your set (restore brings it back)."""
    card = card_for_reader(user=request.auth, card_id=card_id)
    card_delete(user=request.auth, card=card)
    return Status(204, None)


@router.post("/flashcards/cards/{card_id}/restore", response={200: CardOut, **ERRORS})
def flashcards_card_restore(request: HttpRequest, card_id: ObjectId):
    """Bring back a generated card you deleted."""
    card = card_for_reader(user=request.auth, card_id=card_id)
    card_restore(user=request.auth, card=card)
    return Status(200, card_out(_reader_view(request.auth, card)))


def _generate(request, response: HttpResponse, slug: str, section_id: str, *, regenerate: bool):
    article, section = _place(request, slug, section_id)
    if not (readiness := section_readiness(article=article, section=section)).enough:
        # A reading list or a two-line section: say why, start nothing, offer no Try again.
        refused = deck_out(section, _deck(request, article, section))
        refused.update(status="failed", detail=readiness.reason, retryable=False)
        return Status(422, refused)
    try:
        result = cardset_get_or_generate(
            user=request.auth, article=article, section=section, regenerate=regenerate
        )
    except GenerationLimit as limit:
        response["Retry-After"] = str(limit.retry_after)
        return Status(
            429,
            {
                "detail": limit.message,
                "retry_after": limit.retry_after,
                "cooldown_seconds": limit.retry_after,
            },
        )
    except CooldownActive as cooldown:
        response["Retry-After"] = str(cooldown.retry_after)
        minutes, seconds = divmod(cooldown.retry_after, 60)
        return Status(
            429,
            {
                "detail": (
                    f"You can generate new flashcards in {minutes}:{seconds:02d}. Sets that are "
                    "already made stay available — take the time to read this section."
                ),
                "retry_after": cooldown.retry_after,
                "cooldown_seconds": cooldown.retry_after,
            },
        )
    if result.new_cards is not None:
        deck = deck_of_new_set(
            user=request.auth, article=article, section=section, cardset=result.cardset,
            cards=result.new_cards, generation=result.generation,
            cooldown_seconds=seconds_until(result.cooldown_until),
        )  # fmt: skip
    else:
        deck = _deck(request, article, section)
    if result.status == "ready":
        return Status(200, deck_out(section, deck))
    if result.status == "failed" and regenerate and is_nothing_new(result.generation):
        same = deck_out(section, deck)  # the reader keeps their set; no cooldown was spent
        same["detail"] = NOTHING_NEW
        return Status(200, same)
    if result.status == "failed":
        failed = deck_out(section, deck)
        failed["status"] = "failed"
        failed["detail"] = result.generation.error if result.generation else ""
        failed["generation"] = generation_out(result.generation)
        return Status(422, failed)
    return Status(202, deck_out(section, deck))


def _place(request, slug: str, section_id: str) -> tuple[Article, Section]:
    section = section_in_current_revision(slug=slug, anchor=section_id, user=request.auth)
    return section.article, section


def _deck(request, article: Article, section: Section) -> Deck:
    key = generator_choice().cache_key(section.content_hash)
    return deck_for(user=request.auth, article=article, section=section, cache_key=key)


def _reader_view(user, card) -> CardView:
    edit = None if card.owner_id else card.edits.filter(owner=user).first()
    return card_view(card, edit)
