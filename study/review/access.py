"""Getters that 404: review state is private, so anyone else's card is simply not found."""

from __future__ import annotations

from django.http import Http404

from study.models import ReviewState


def review_state_for_reader(*, user, card_id: int) -> ReviewState:
    state = ReviewState.objects.filter(user=user, card_id=card_id).first()
    if state is None:
        raise Http404("This card is not in your review.")
    return state
