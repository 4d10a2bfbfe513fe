"""Review follows what readers do with their flashcards.

- A card a reader writes, or a generated card they edit, is kept for review automatically.
- When a reader's pinned set changes (they regenerated it), their review states carry over.

Senders are named lazily ("study.Card") because this module is imported while the study models
load; the services are imported inside the handlers for the same reason.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.utils import timezone


def _own_card_saved(sender, instance, created, **kwargs) -> None:
    if created and instance.owner_id is not None:
        from study.review.services import review_cards_keep

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
    from study.review.services import review_cards_keep

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
    from study.review.services import review_carry_over

    review_carry_over(user=instance.owner, cardset=instance.cardset, now=timezone.now())


post_save.connect(_own_card_saved, sender="study.Card", dispatch_uid="review.own_card")
post_save.connect(_card_edited, sender="study.CardEdit", dispatch_uid="review.card_edit")
post_save.connect(_pin_saved, sender="study.CardSetPin", dispatch_uid="review.pin")
