"""Getters that 404: a card is reachable by everyone when shared, by its writer when their own."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from study.models import Card


def card_for_reader(*, user, card_id: int) -> Card:
    card = (
        Card.objects.select_related("cardset")
        .filter(Q(owner=None) | Q(owner=user), id=card_id)
        .first()
    )
    if card is None:
        raise Http404("No such flashcard.")
    return card
