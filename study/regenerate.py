"""Regenerate means a different set: what the reader has already been shown, and what to say
when nothing new is left (a selector and two messages; ``study.jobs`` uses them).
"""

from __future__ import annotations

from study.generation import Shown
from study.models import Card, Generation, Status
from study.readiness import section_titles
from study.selectors import cardset_for_reader

NOTHING_NEW = (
    "There are no new flashcards to make from this section: every card it can give is already "
    "in your set. Your cooldown was not used."
)
NOTHING_NEW_DETAIL = "regenerate: nothing new left"


def shown_before(*, generation: Generation) -> tuple[Shown, ...]:
    """The cards of the set the reader saw when they asked, and of the sets their earlier
    regenerations of this text made: a new set leaves all of them out."""
    if not generation.regenerate or generation.user_id is None:
        return ()
    set_ids = set(
        Generation.objects.filter(
            user_id=generation.user_id,
            cache_key=generation.cache_key,
            status=Status.DONE,
            cardset__isnull=False,
        ).values_list("cardset_id", flat=True)
    )
    current = cardset_for_reader(user=generation.user, cache_key=generation.cache_key)
    if current is not None:
        set_ids.add(current.id)
    if not set_ids:
        return ()
    rows = Card.objects.filter(cardset_id__in=set_ids).order_by("id")
    return tuple(Shown(question=q, answer=a) for q, a in rows.values_list("question", "answer"))


def titles_of(*, generation: Generation) -> tuple[str, ...]:
    return section_titles(article=generation.article, section=generation.section)


def is_nothing_new(generation: Generation | None) -> bool:
    return generation is not None and generation.detail == NOTHING_NEW_DETAIL


__all__ = ["NOTHING_NEW", "NOTHING_NEW_DETAIL", "is_nothing_new", "shown_before", "titles_of"]
