"""Running a generation: the job side of flashcards, shared by every task backend.

A queued ``Generation`` row is the job; a worker claims it with a conditional UPDATE, runs the
generator and stores the set, or records why it failed (and gives the reader's cooldown back).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from anchoring import describe, to_w3c
from study.breaker import LLM_BREAKER, CircuitOpen
from study.cooldown import cooldown_release
from study.deck_versions import deck_reader_changed, deck_text_changed
from study.engine import generator_choice
from study.generation import Card as DraftCard
from study.generation import GenerationError
from study.models import IN_FLIGHT, Card, CardSet, CardSetPin, Generation, Status
from study.regenerate import NOTHING_NEW, NOTHING_NEW_DETAIL, shown_before, titles_of

log = logging.getLogger(__name__)

GENERIC_FAILURE = "Generating flashcards failed unexpectedly. Try again in a moment."
INTERRUPTED = "The generation was interrupted before it finished. Try again."


def generation_claim(*, generation_id: int, worker: str = "") -> bool:
    """Move a queued generation to running; False when another worker got it first."""
    return bool(
        Generation.objects.filter(id=generation_id, status=Status.QUEUED).update(
            status=Status.RUNNING, started=timezone.now(), worker=worker[:120]
        )
    )


def generation_run(*, generation_id: int, claimed: bool = True, worker: str = "") -> None:
    """Run one generation. With ``claimed=False`` it claims the row first (and skips it when
    someone else has). Never raises for a generator failure: the row records it."""
    if not claimed and not generation_claim(generation_id=generation_id, worker=worker):
        return
    generation = Generation.objects.select_related("section", "article", "user").get(
        id=generation_id
    )
    if generation.status != Status.RUNNING:
        return
    deck_text_changed(generation.cache_key)  # it was claimed: decks show it running
    generation_execute(generation)


def generation_execute(generation: Generation) -> list[Card]:
    """Run a generation that is ``running`` and stored: the generator, then the set, or the
    failure recorded on the row. Answers the new set's cards (none when it failed), and leaves
    the outcome on ``generation`` too (``status``, ``cardset``, ``error``)."""
    choice = generator_choice()
    shaping = _shaping(generation)
    try:
        if choice.runs_offline:
            cards = choice.generate(generation.section.text, **shaping)
        else:
            # A dead provider is not hammered: after repeated failures, fail fast for a while.
            with LLM_BREAKER.guard():
                cards = choice.generate(generation.section.text, **shaping)
    except CircuitOpen as open_circuit:
        _fail(
            generation,
            "The AI provider failed several times in a row, so Readmark stopped asking it for "
            f"a moment. Try again in {_wait_words(open_circuit.retry_after)}.",
            detail=str(open_circuit),
        )
        return []
    except GenerationError as error:
        _fail(generation, error.user_message, detail=str(error))
        return []
    except Exception as error:  # a bug must not leave the row running or the cooldown spent
        log.exception("generation %s crashed", generation.id)
        _fail(generation, GENERIC_FAILURE, detail=repr(error))
        return []
    if not cards and shaping["shown"]:
        _fail(generation, NOTHING_NEW, detail=NOTHING_NEW_DETAIL)  # gives the cooldown back
        return []
    if not cards:
        _fail(
            generation,
            "No flashcards could be made from this section: it has too few facts to ask about.",
            detail="generator returned no cards",
        )
        return []
    return _store(generation, cards)


def _wait_words(seconds: int) -> str:
    return "a minute" if seconds <= 60 else f"{round(seconds / 60)} minutes"


def _shaping(generation: Generation) -> dict:
    """Titles (never a card answered by one) and, for a regeneration, the cards the reader was
    already shown (a new set leaves them out): see study.regenerate."""
    return {
        "titles": titles_of(generation=generation),
        "shown": shown_before(generation=generation),
    }


def _stale_after() -> timedelta:
    return timedelta(seconds=settings.READMARK_LLM_TIMEOUT_SECONDS * 2 + 60)


def generation_is_stale(generation: Generation, *, now=None) -> bool:
    """Whether a generation's worker must have died (a crash, a restart): running far longer
    than a generation can take, or queued far longer than any queue is."""
    now = now or timezone.now()
    limit = _stale_after()
    if generation.status == Status.RUNNING:
        return generation.started is not None and generation.started < now - limit
    return generation.status == Status.QUEUED and generation.created < now - 10 * limit


def generation_expire(generation: Generation) -> None:
    _fail(generation, INTERRUPTED, detail="expired: no worker finished it in time")


def generation_expire_stale(*, now=None) -> int:
    """Fail generations whose worker died: they must not block the text they were for."""
    now = now or timezone.now()
    limit = _stale_after()
    stale = Generation.objects.filter(
        Q(status=Status.RUNNING, started__lt=now - limit)
        | Q(status=Status.QUEUED, created__lt=now - 10 * limit)
    )
    expired = 0
    for generation in stale:
        generation_expire(generation)
        expired += 1
    return expired


def _store(generation: Generation, cards: list[DraftCard]) -> list[Card]:
    text = generation.section.text
    with transaction.atomic():
        cardset = CardSet.objects.create(
            cache_key=generation.cache_key,
            content_hash=generation.content_hash,
            generator=generation.generator,
            generator_version=generation.generator_version,
            model=generation.model,
            options_hash=generation.options_hash,
            article_id=generation.article_id,
            section_anchor=generation.section_anchor,
        )
        stored = Card.objects.bulk_create(
            Card(
                cardset=cardset,
                position=position,
                kind=card.kind,
                question=card.question,
                answer=card.answer,
                selectors=to_w3c(describe(text, card.evidence.start, card.evidence.end)),
                quote=card.evidence.exact,
                start=card.evidence.start,
                end=card.evidence.end,
            )
            for position, card in enumerate(cards)
        )
        finished = timezone.now()
        updated = Generation.objects.filter(id=generation.id, status=Status.RUNNING).update(
            status=Status.DONE, cardset=cardset, finished=finished, error="", detail=""
        )
        generation.status, generation.cardset, generation.finished = Status.DONE, cardset, finished
        if not updated:  # expired meanwhile; the set is still good, keep it for everyone
            log.warning("generation %s finished after it was expired", generation.id)
        if generation.regenerate and generation.user_id:
            CardSetPin.objects.update_or_create(
                owner_id=generation.user_id,
                cache_key=generation.cache_key,
                defaults={"cardset": cardset},
            )
            deck_reader_changed(generation.user_id)
        deck_text_changed(generation.cache_key)
    return stored


def _fail(generation: Generation, message: str, *, detail: str = "") -> None:
    with transaction.atomic():
        updated = Generation.objects.filter(id=generation.id, status__in=IN_FLIGHT).update(
            status=Status.FAILED, error=message, detail=detail[:4000], finished=timezone.now()
        )
        generation.status, generation.error, generation.detail = Status.FAILED, message, detail
        if updated and generation.user_id and generation.cooldown_until:
            cooldown_release(user_id=generation.user_id, until=generation.cooldown_until)
        deck_text_changed(generation.cache_key)
    log.warning("generation %s failed: %s", generation.id, detail or message)
