"""Writes for review: keep cards, rate them, carry states over a regeneration. All transactional."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from reader.models import Article, Section
from study import scheduling
from study.deck_versions import deck_reader_changed
from study.models import Card, CardSet, CardSetPin, ReviewLog, ReviewState
from study.review.decks import reader_deck


class NothingToStudy(Exception):
    """The section has no cards for this reader yet."""


class RatingConflict(Exception):
    """The card was rated meanwhile (another tab, a double press): nothing was changed."""


@dataclass(frozen=True)
class KeepResult:
    added: int
    total: int


def review_cards_keep(
    *,
    user,
    cards: Iterable[Card],
    article: Article | None,
    anchor: str,
    now: datetime,
) -> int:
    """Put cards into the reader's review (due now); cards already there keep their state."""
    cards = list(cards)
    if not cards:
        return 0
    existing = set(
        ReviewState.objects.filter(user=user, card__in=cards).values_list("card_id", flat=True)
    )
    fresh = [
        ReviewState(
            user=user,
            card=card,
            article=card.article if card.owner_id else article,
            section_anchor=card.section_anchor if card.owner_id else anchor,
            memory=scheduling.new_memory(card_id=card.id, now=now),
            phase=scheduling.Phase.LEARNING,
            due=now,
        )
        for card in cards
        if card.id not in existing
    ]
    # ignore_conflicts: a parallel request keeping the same card must not fail this one.
    ReviewState.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def review_section_keep(*, user, article: Article, section: Section, now: datetime) -> KeepResult:
    """ "Study these cards": the section's cards as this reader sees them enter review, and the
    set is pinned for them, so someone else regenerating it does not swap their deck away."""
    deck = reader_deck(user=user, article=article, section=section)
    if not deck.card_ids:
        raise NothingToStudy(
            "This section has no flashcards for you yet. Generate them first, then study them."
        )
    with transaction.atomic():
        if deck.cardset is not None:
            CardSetPin.objects.update_or_create(
                owner=user, cache_key=deck.cardset.cache_key, defaults={"cardset": deck.cardset}
            )
            deck_reader_changed(user.pk)
        cards = Card.objects.filter(id__in=deck.card_ids)
        added = review_cards_keep(
            user=user, cards=cards, article=article, anchor=section.anchor, now=now
        )
    return KeepResult(added=added, total=len(deck.card_ids))


def review_rate(
    *,
    user,
    card_id: int,
    grade: int,
    reps: int | None,
    now: datetime,
    duration_ms: int | None = None,
) -> tuple[ReviewState, scheduling.Outcome]:
    """Rate a card. `reps` is the version the reader saw; a different one means it was rated
    meanwhile and raises RatingConflict (nothing written). Raises ReviewState.DoesNotExist for
    a card that is not in this reader's review."""
    grade = scheduling.Grade(grade)
    with transaction.atomic():
        state = (
            ReviewState.objects.select_for_update().filter(user_id=user.pk, card_id=card_id).first()
        )
        if state is None:
            raise ReviewState.DoesNotExist("This card is not in your review.")
        if reps is not None and reps != state.reps:
            raise RatingConflict("This card was already rated (in another tab?).")
        outcome = scheduling.review(state.memory, grade, now=now)
        ReviewLog.objects.create(
            user_id=user.pk,
            card_id=state.card_id,
            article_id=state.article_id,
            grade=grade,
            phase_before=state.phase,
            reviewed=now,
            due_before=state.due,
            interval_seconds=int(outcome.interval.total_seconds()),
            duration_ms=duration_ms,
        )
        if grade == scheduling.Grade.AGAIN and state.phase == scheduling.Phase.REVIEW:
            state.lapses += 1
        state.memory = outcome.memory
        state.phase = outcome.phase
        state.due = outcome.due
        state.last_review = now
        state.reps += 1
        state.save(update_fields=["memory", "phase", "due", "last_review", "reps", "lapses"])
    return state, outcome


def card_fingerprint(card: Card) -> str:
    """Question and evidence: what must be unchanged for a regenerated card to keep its state."""
    question = " ".join(card.question.split()).casefold()
    parts = [card.kind, question, card.quote, str(card.start), str(card.end)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def review_carry_over(*, user, cardset: CardSet, now: datetime) -> None:
    """The reader now sees `cardset` for its text (they regenerated it). Their review states
    for the same question and evidence move to the new cards, history included; cards that
    left the deck leave review, and the set's new cards join it."""
    old_states = list(
        ReviewState.objects.filter(user=user, card__cardset__cache_key=cardset.cache_key)
        .exclude(card__cardset=cardset)
        .select_related("card")
    )
    if not old_states:
        return
    with transaction.atomic():
        new_cards = list(Card.objects.filter(cardset=cardset))
        by_print = {card_fingerprint(card): card for card in new_cards}
        taken = set(
            ReviewState.objects.filter(user=user, card__in=new_cards).values_list(
                "card_id", flat=True
            )
        )
        gone = []
        for state in old_states:
            match = by_print.get(card_fingerprint(state.card))
            if match is None or match.id in taken:
                gone.append(state.pk)
                continue
            taken.add(match.id)
            ReviewLog.objects.filter(user=user, card_id=state.card_id).update(card_id=match.id)
            state.memory = {**state.memory, "card_id": match.id}
            state.card = match
            state.save(update_fields=["card", "memory"])
        ReviewState.objects.filter(pk__in=gone).delete()
        first = old_states[0]
        review_cards_keep(
            user=user,
            cards=[card for card in new_cards if card.id not in taken],
            article=first.article,
            anchor=first.section_anchor,
            now=now,
        )
