"""Regenerate means a different set: leave out what the reader has already been shown.

A card counts as shown when its question (cloze text filled in) reads nearly the same as a
shown one, or when it asks for the same fact: the same answer. Asking the same fact another
way is not a new card to the person who already learned it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from study.generation import cloze
from study.generation.tokens import stem, words
from study.generation.types import Card, Shown

SAME_QUESTION_RATIO = 85


def unseen(cards: Iterable[Card], shown: Sequence[Shown]) -> list[Card]:
    """`cards` without those the reader has already seen, in the same order."""
    if not shown:
        return list(cards)
    keys = [(_plain(_readable(s.question)), _plain(s.answer)) for s in shown]
    return [card for card in cards if not _seen(card, keys)]


def _seen(card: Card, keys: list[tuple[str, str]]) -> bool:
    question = _plain(_readable(card.question))
    answer = _plain(card.answer)
    return any(
        answer == shown_answer
        or fuzz.token_sort_ratio(question, shown_question) >= SAME_QUESTION_RATIO
        for shown_question, shown_answer in keys
    )


def _readable(question: str) -> str:
    return cloze.filled(question) if "{{c" in question else question


def _plain(text: str) -> str:
    return " ".join(stem(w) for w in words(text.casefold()))
