"""Review follows what readers do with their flashcards.

- A card a reader writes, or a generated card they edit, is kept for review automatically.
- When a reader's pinned set changes (they regenerated it), their review states carry over.

Connected by the study app's ``ready()``.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.utils import timezone

from study.models import Card, CardEdit, CardSetPin
from study.review.services import review_cards_keep, review_carry_over


def _own_card_saved(sender, instance, created, **kwargs) -> None:
    if created and instance.owner_id is not None:
        review_cards_keep(
            user=instance.owner,
            cards=[instance],
            article=instance.article,
            anchor=instance.section_anchor,
            now=timezone.now(),
        )


def _card_edited(sender, instance, **kwargs) -> None:
    if instance.hidden or not (instance.question or instance.answer):
        return
    card = instance.card
    cardset = card.cardset
    review_cards_keep(
        user=instance.owner,
        cards=[card],
        article=cardset.article if cardset else None,
        anchor=cardset.section_anchor if cardset else "",
        now=timezone.now(),
    )


def _pin_saved(sender, instance, **kwargs) -> None:
    review_carry_over(user=instance.owner, cardset=instance.cardset, now=timezone.now())


def connect() -> None:
    post_save.connect(_own_card_saved, sender=Card, dispatch_uid="review.own_card")
    post_save.connect(_card_edited, sender=CardEdit, dispatch_uid="review.card_edit")
    post_save.connect(_pin_saved, sender=CardSetPin, dispatch_uid="review.pin")
