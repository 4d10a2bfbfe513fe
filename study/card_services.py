"""A reader's changes to flashcards: write their own, edit, delete, restore.

A shared card is never changed in place (others see it too): the reader's version goes into a
``CardEdit`` of theirs, and the set it belongs to is pinned for them, so a later regeneration by
someone else does not swap their edited set away. Their own cards are plain rows they own.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from reader.models import Article
from study.deck_versions import deck_reader_changed
from study.generation import cloze
from study.models import Card, CardEdit, CardSetPin, Kind

MAX_QUESTION = 1000
MAX_ANSWER = 1000


class CardRefused(Exception):
    """Bad input: nothing was saved. The message says what to change."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def card_create(*, user, article: Article, anchor: str, question: str, answer: str) -> Card:
    kind, question, answer = _clean(question, answer)
    with transaction.atomic():
        top = Card.objects.filter(owner=user, article=article, section_anchor=anchor).aggregate(
            top=Max("position")
        )["top"]
        deck_reader_changed(user.pk)
        return Card.objects.create(
            owner=user,
            article=article,
            section_anchor=anchor,
            position=(top + 1) if top is not None else 0,
            kind=kind,
            question=question,
            answer=answer,
        )


def card_update(
    *, user, card: Card, question: str | None = None, answer: str | None = None
) -> Card:
    """Change the text the reader sees. ``None`` keeps a field as it is."""
    if card.owner_id is not None:
        kind, q, a = _clean(
            card.question if question is None else question,
            card.answer if answer is None else answer,
            kind=card.kind,
        )
        card.question, card.answer = q, a
        card.save(update_fields=["question", "answer", "modified"])
        deck_reader_changed(user.pk)
        return card
    current = CardEdit.objects.filter(owner=user, card=card).first()
    base_q = current.question if current and current.question else card.question
    base_a = current.answer if current and current.answer else card.answer
    _, q, a = _clean(
        base_q if question is None else question,
        base_a if answer is None else answer,
        kind=card.kind,
    )
    with transaction.atomic():
        _pin(user, card)
        CardEdit.objects.update_or_create(
            owner=user,
            card=card,
            defaults={
                # Store only what differs, so an edit back to the original is no edit.
                "question": "" if q == card.question else q,
                "answer": "" if a == card.answer else a,
                "hidden": False,
            },
        )
        deck_reader_changed(user.pk)
    return card


def card_reset(*, user, card: Card) -> None:
    """Back to the generated text (shared cards only; the reader's own have no original)."""
    if card.owner_id is None:
        CardEdit.objects.filter(owner=user, card=card).delete()
        deck_reader_changed(user.pk)


def card_delete(*, user, card: Card) -> None:
    """Own cards go; a shared card is hidden for this reader only (``card_restore`` undoes)."""
    deck_reader_changed(user.pk)
    if card.owner_id is not None:
        card.delete()
        return
    with transaction.atomic():
        _pin(user, card)
        CardEdit.objects.update_or_create(owner=user, card=card, defaults={"hidden": True})


def card_restore(*, user, card: Card) -> None:
    # `modified` by hand: update() skips auto_now.
    CardEdit.objects.filter(owner=user, card=card).update(hidden=False, modified=timezone.now())
    deck_reader_changed(user.pk)


def _pin(user, card: Card) -> None:
    cardset = card.cardset
    CardSetPin.objects.update_or_create(
        owner=user, cache_key=cardset.cache_key, defaults={"cardset": cardset}
    )


def _clean(question: str, answer: str, *, kind: str | None = None) -> tuple[str, str, str]:
    question = " ".join((question or "").split())
    answer = " ".join((answer or "").split())
    if not question:
        raise CardRefused("Write a question (or a sentence with a {{c1::gap}}).")
    if len(question) > MAX_QUESTION:
        raise CardRefused(f"The question is too long: keep it under {MAX_QUESTION} characters.")
    if len(answer) > MAX_ANSWER:
        raise CardRefused(f"The answer is too long: keep it under {MAX_ANSWER} characters.")
    if kind is None:
        kind = Kind.CLOZE if "{{c" in question else Kind.BASIC
    if kind == Kind.CLOZE:
        if not cloze.is_valid(question):
            raise CardRefused(
                "Mark each gap as {{c1::text}} (then {{c2::…}}, and so on), with text inside."
            )
        # The back of a gap card is what the gaps hide, whatever was sent.
        return Kind.CLOZE, question, "; ".join(d.text.strip() for d in cloze.deletions(question))
    if not answer:
        raise CardRefused("Write an answer, so the card has a back.")
    return Kind.BASIC, question, answer
