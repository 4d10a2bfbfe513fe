"""Flashcard sets: serve from the shared cache, or start one generation and run it.

The request path (``cardset_get_or_generate``) never calls a language model: it answers from
the cache, joins a generation already in flight for the same text, or claims the reader's
cooldown and queues a ``Generation`` row in one transaction. ``generation_run`` does the work
in a task (``study.tasks``) and stores the set, or records the failure and gives the cooldown
back.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotations.anchoring import describe, to_w3c
from reader.models import Article, Section
from study import tasks
from study.breaker import LLM_BREAKER, CircuitOpen
from study.cooldown import CooldownActive, cooldown_claim, cooldown_release, cooldown_seconds_for
from study.engine import GeneratorChoice, generator_choice
from study.generation import Card as DraftCard
from study.generation import GenerationError
from study.models import IN_FLIGHT, Card, CardSet, CardSetPin, Generation, Status
from study.regenerate import NOTHING_NEW, NOTHING_NEW_DETAIL, shown_before, titles_of
from study.selectors import cardset_for_reader

log = logging.getLogger(__name__)

Outcome = Literal["ready", "queued", "running", "failed"]

GENERIC_FAILURE = "Generating flashcards failed unexpectedly. Try again in a moment."
INTERRUPTED = "The generation was interrupted before it finished. Try again."


@dataclass(frozen=True)
class GenerateResult:
    status: Outcome
    cardset: CardSet | None = None
    generation: Generation | None = None


class _JoinInstead(Exception):
    """Someone started the same generation a moment ago: roll back our claim and join it."""


def cardset_get_or_generate(
    *, user, article: Article, section: Section, regenerate: bool = False
) -> GenerateResult:
    """The reader's set for ``section``, or the generation that will make it.

    Raises CooldownActive when a new generation is needed and the reader's cooldown runs.
    A cached set costs no cooldown; neither does joining a generation someone else started.
    """
    choice = generator_choice()
    key = choice.cache_key(section.content_hash)
    if not regenerate and (cardset := cardset_for_reader(user=user, cache_key=key)) is not None:
        return GenerateResult("ready", cardset=cardset)
    generation_expire_stale()
    try:
        with transaction.atomic():
            running = _in_flight(key)
            if running is not None:
                return GenerateResult(running.status, generation=running)
            if not regenerate and (cached := cardset_for_reader(user=user, cache_key=key)):
                return GenerateResult("ready", cardset=cached)
            until = cooldown_claim(user=user, seconds=cooldown_seconds_for(section=section))
            try:
                with transaction.atomic():
                    generation = _new_generation(
                        choice,
                        key,
                        article=article,
                        section=section,
                        user=user,
                        regenerate=regenerate,
                        cooldown_until=until,
                    )
            except IntegrityError:
                raise _JoinInstead from None
    except _JoinInstead:
        running = _in_flight(key)
        if running is None:  # it finished in between: serve its set
            return cardset_get_or_generate(user=user, article=article, section=section)
        return GenerateResult(running.status, generation=running)
    tasks.submit(generation, offline=choice.runs_offline)
    generation.refresh_from_db()
    return _result_of(generation, user=user)


def cardset_generate_now(*, article: Article, section: Section) -> CardSet:
    """For the command line: the cached set, or a new one made here and now (no cooldown)."""
    choice = generator_choice()
    key = choice.cache_key(section.content_hash)
    cached = CardSet.objects.filter(cache_key=key).order_by("-id").first()
    if cached is not None:
        return cached
    generation_expire_stale()
    try:
        with transaction.atomic():
            generation = _new_generation(choice, key, article=article, section=section, user=None)
    except IntegrityError:  # a reader's generation of this text is in flight: wait for it
        generation = _wait_for(key)
    else:
        generation_run(generation_id=generation.id, claimed=False)
        generation.refresh_from_db()
    if generation.status != Status.DONE or generation.cardset is None:
        raise GenerationError(generation.error or GENERIC_FAILURE)
    return generation.cardset


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
        return
    except GenerationError as error:
        _fail(generation, error.user_message, detail=str(error))
        return
    except Exception as error:  # a bug must not leave the row running or the cooldown spent
        log.exception("generation %s crashed", generation.id)
        _fail(generation, GENERIC_FAILURE, detail=repr(error))
        return
    if not cards and shaping["shown"]:
        _fail(generation, NOTHING_NEW, detail=NOTHING_NEW_DETAIL)  # gives the cooldown back
        return
    if not cards:
        _fail(
            generation,
            "No flashcards could be made from this section: it has too few facts to ask about.",
            detail="generator returned no cards",
        )
        return
    _store(generation, cards)


def _shaping(generation: Generation) -> dict:
    """Titles (never a card answered by one) and, for a regeneration, the cards the reader was
    already shown (a new set leaves them out): see study.regenerate."""
    return {
        "titles": titles_of(generation=generation),
        "shown": shown_before(generation=generation),
    }


def _wait_words(seconds: int) -> str:
    return "a minute" if seconds <= 60 else f"{round(seconds / 60)} minutes"


def generation_expire_stale(*, now=None) -> int:
    """Fail generations whose worker died (a crash, a restart): they must not block the key."""
    now = now or timezone.now()
    limit = timedelta(seconds=settings.READMARK_LLM_TIMEOUT_SECONDS * 2 + 60)
    stale = list(
        Generation.objects.filter(status=Status.RUNNING, started__lt=now - limit).values_list(
            "id", flat=True
        )
    ) + list(
        Generation.objects.filter(status=Status.QUEUED, created__lt=now - 10 * limit).values_list(
            "id", flat=True
        )
    )
    for generation in Generation.objects.filter(id__in=stale):
        _fail(generation, INTERRUPTED, detail="expired: no worker finished it in time")
    return len(stale)


def _new_generation(
    choice: GeneratorChoice,
    key: str,
    *,
    article: Article,
    section: Section,
    user,
    regenerate: bool = False,
    cooldown_until=None,
) -> Generation:
    return Generation.objects.create(
        user=user,
        regenerate=regenerate,
        cooldown_until=cooldown_until,
        article=article,
        section=section,
        section_anchor=section.anchor,
        cache_key=key,
        content_hash=section.content_hash,
        generator=choice.id,
        generator_version=choice.version,
        model=choice.model,
        options_hash=choice.options_hash,
    )


def _wait_for(key: str) -> Generation:
    deadline = time.monotonic() + settings.READMARK_LLM_TIMEOUT_SECONDS * 2 + 60
    while (running := _in_flight(key)) is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    if running is not None:
        return running
    return Generation.objects.filter(cache_key=key).order_by("-id").first()


def _in_flight(key: str) -> Generation | None:
    return Generation.objects.filter(cache_key=key, status__in=IN_FLIGHT).order_by("id").first()


def _result_of(generation: Generation, *, user) -> GenerateResult:
    if generation.status == Status.DONE and generation.cardset_id:
        cardset = cardset_for_reader(user=user, cache_key=generation.cache_key)
        return GenerateResult("ready", cardset=cardset, generation=generation)
    return GenerateResult(generation.status, generation=generation)


def _store(generation: Generation, cards: list[DraftCard]) -> None:
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
        Card.objects.bulk_create(
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
        updated = Generation.objects.filter(id=generation.id, status=Status.RUNNING).update(
            status=Status.DONE, cardset=cardset, finished=timezone.now(), error="", detail=""
        )
        if not updated:  # expired meanwhile; the set is still good, keep it for everyone
            log.warning("generation %s finished after it was expired", generation.id)
        if generation.regenerate and generation.user_id:
            CardSetPin.objects.update_or_create(
                owner_id=generation.user_id,
                cache_key=generation.cache_key,
                defaults={"cardset": cardset},
            )


def _fail(generation: Generation, message: str, *, detail: str = "") -> None:
    with transaction.atomic():
        updated = Generation.objects.filter(id=generation.id, status__in=IN_FLIGHT).update(
            status=Status.FAILED, error=message, detail=detail[:4000], finished=timezone.now()
        )
        if updated and generation.user_id and generation.cooldown_until:
            cooldown_release(user_id=generation.user_id, until=generation.cooldown_until)
    log.warning("generation %s failed: %s", generation.id, detail or message)


__all__ = [
    "CooldownActive",
    "GenerateResult",
    "cardset_generate_now",
    "cardset_get_or_generate",
    "generation_claim",
    "generation_expire_stale",
    "generation_run",
]
