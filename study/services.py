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
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from reader.models import Article, Section
from study import tasks
from study.ceiling import generation_allowed_check, generation_counted
from study.cooldown import CooldownActive, cooldown_claim, cooldown_seconds_for
from study.deck_versions import deck_text_changed
from study.engine import GeneratorChoice, generator_choice
from study.generation import GenerationError
from study.jobs import (
    GENERIC_FAILURE,
    generation_execute,
    generation_expire,
    generation_expire_stale,
    generation_is_stale,
    generation_run,
)
from study.models import IN_FLIGHT, Card, CardSet, Generation, Status
from study.selectors import cardset_for_reader

log = logging.getLogger(__name__)

Outcome = Literal["ready", "queued", "running", "failed"]


@dataclass(frozen=True)
class GenerateResult:
    status: Outcome
    cardset: CardSet | None = None
    generation: Generation | None = None
    # A set made by this very call: its cards as stored, and the cooldown it started.
    new_cards: list[Card] | None = None
    cooldown_until: datetime | None = None


def cardset_get_or_generate(
    *, user, article: Article, section: Section, regenerate: bool = False
) -> GenerateResult:
    """The reader's set for ``section``, or the generation that will make it.

    Raises CooldownActive when a new generation is needed and the reader's cooldown runs, and
    GenerationLimit when the reader or the site has started as many as an hour allows.
    A cached set costs no cooldown; neither does joining a generation someone else started.
    The offline generator runs here and now; the others are submitted to the task backend.
    """
    choice = generator_choice()
    key = choice.cache_key(section.content_hash)
    if not regenerate and (cardset := cardset_for_reader(user=user, cache_key=key)) is not None:
        return GenerateResult("ready", cardset=cardset)
    generation_allowed_check(user=user)
    inline = tasks.runs_inline(offline=choice.runs_offline)
    seconds = cooldown_seconds_for(section=section)
    now = timezone.now()
    try:
        with transaction.atomic():
            # The generation first: if one for this text is in flight, the unique constraint
            # says so, and the reader joins it without spending their cooldown.
            generation = _new_generation(
                choice, key, article=article, section=section, user=user,
                regenerate=regenerate, cooldown_until=now + timedelta(seconds=seconds),
                running=inline,
            )  # fmt: skip
            until = cooldown_claim(user=user, seconds=seconds, now=now)
    except IntegrityError:
        running = _in_flight(key)
        if running is not None and generation_is_stale(running):
            generation_expire(running)  # its worker died: it must not block the text
            return cardset_get_or_generate(
                user=user, article=article, section=section, regenerate=regenerate
            )
        if running is None:  # it finished in between: serve its set
            return cardset_get_or_generate(user=user, article=article, section=section)
        return GenerateResult(running.status, generation=running)
    generation_counted(user=user)
    if not inline:
        tasks.submit(generation, offline=choice.runs_offline)
        return GenerateResult(generation.status, generation=generation, cooldown_until=until)
    cards = generation_execute(generation)
    if generation.status != Status.DONE:
        return GenerateResult(generation.status, generation=generation)
    return GenerateResult(
        "ready",
        cardset=generation.cardset,
        generation=generation,
        new_cards=cards,
        cooldown_until=until,
    )


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


def _new_generation(
    choice: GeneratorChoice,
    key: str,
    *,
    article: Article,
    section: Section,
    user,
    regenerate: bool = False,
    cooldown_until=None,
    running: bool = False,
) -> Generation:
    """A queued generation, or with ``running`` one this process runs at once."""
    deck_text_changed(key)
    return Generation.objects.create(
        status=Status.RUNNING if running else Status.QUEUED,
        started=timezone.now() if running else None,
        worker=tasks.worker_name()[:120] if running else "",
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


__all__ = [
    "CooldownActive",
    "GenerateResult",
    "cardset_generate_now",
    "cardset_get_or_generate",
]
