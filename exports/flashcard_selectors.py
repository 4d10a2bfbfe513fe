"""The reader's flashcards for exports, in a fixed number of queries.

Which cards: for each section of the article's current revision, the set the reader sees in the
Flashcards panel (the one they pinned, else the newest for the configured generator: the same
rule as ``study.selectors.cardset_for_reader``), with their edits applied and the cards they
hid left out; then the cards they wrote themselves. ``deck_cards`` answers the same question
one section at a time; an export asks it for every section at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Exists, OuterRef, Q

from exports.document import Flashcard
from reader.models import Article, Section
from study.engine import generator_choice
from study.models import Card, CardEdit, CardSet, CardSetPin, EvidenceState, Generation, ReviewState


def card_key(card: Card) -> str:
    """Stable identity: the row id (a reader's edits live in CardEdit, so it never changes),
    with the creation time so that cards of two Readmark instances do not collide in Anki."""
    return f"{card.pk}:{card.created:%Y%m%dT%H%M%S.%f}"


def _chosen_sets(user, keys: Iterable[str]) -> dict[str, int]:
    """cache key -> id of the set the reader sees (pinned first, else newest): one query."""
    pinned = CardSetPin.objects.filter(owner_id=user.pk, cardset=OuterRef("pk"))
    rows = (
        CardSet.objects.filter(cache_key__in=set(keys))
        .annotate(pinned=Exists(pinned))
        .order_by("-pinned", "-id")
        .values_list("cache_key", "id")
    )
    chosen: dict[str, int] = {}
    for key, set_id in rows:
        chosen.setdefault(key, set_id)
    return chosen


def flashcards_for_export(
    *, user, article: Article, sections: Sequence[Section]
) -> tuple[Flashcard, ...]:
    """The reader's cards for ``article`` in reading order (4 queries, however many cards)."""
    choice = generator_choice()
    key_of = {section.anchor: choice.cache_key(section.content_hash) for section in sections}
    chosen = _chosen_sets(user, key_of.values())
    set_ids = {chosen[key] for key in key_of.values() if key in chosen}
    shared = list(
        Card.objects.filter(cardset_id__in=set_ids, state=EvidenceState.ANCHORED).order_by(
            "position", "id"
        )
    )
    edits = {
        edit.card_id: edit
        for edit in CardEdit.objects.filter(owner_id=user.pk, card__cardset_id__in=set_ids)
    }
    own = list(
        Card.objects.filter(owner_id=user.pk, article=article)
        .exclude(state=EvidenceState.ORPHANED)
        .order_by("position", "id")
    )
    by_set: dict[int, list[Card]] = {}
    for card in shared:
        by_set.setdefault(card.cardset_id, []).append(card)
    headings = {section.anchor: section.heading for section in sections}
    out: list[Flashcard] = []
    for section in sections:
        set_id = chosen.get(key_of[section.anchor])
        for card in by_set.get(set_id, []) if set_id is not None else []:
            edit = edits.get(card.pk)
            if edit is not None and edit.hidden:
                continue
            out.append(_flashcard(card, section.anchor, headings, edit))
        out.extend(_flashcard(card, section.anchor, headings, None) for card in own
                   if card.section_anchor == section.anchor)  # fmt: skip
    placed = set(headings)
    out.extend(
        _flashcard(card, card.section_anchor, headings, None)
        for card in own
        if card.section_anchor not in placed
    )
    return tuple(out)


def _flashcard(card: Card, anchor: str, headings: dict[str, str], edit: CardEdit | None):
    return Flashcard(
        key=card_key(card),
        kind="cloze" if card.kind == "cloze" else "basic",
        question=edit.question if edit is not None and edit.question else card.question,
        answer=edit.answer if edit is not None and edit.answer else card.answer,
        passage=card.quote,
        section_anchor=anchor,
        section_heading=headings.get(anchor, ""),
    )


def articles_with_flashcards(*, user) -> list[Article]:
    """Articles whose cards the reader has taken up: generated, pinned, edited, written or
    reviewed (5 subqueries in one query). Cards others generated that the reader never opened
    stay out of the profile-wide package."""
    return list(
        Article.objects.exclude(current_revision=None)
        .filter(_taken_up_by(user.pk))
        .select_related("current_revision")
        .order_by("title")
    )


def _taken_up_by(user_id: int) -> Q:
    return (
        Q(Exists(Generation.objects.filter(user_id=user_id, article=OuterRef("pk"))))
        | Q(Exists(Card.objects.filter(owner_id=user_id, article=OuterRef("pk"))))
        | Q(Exists(ReviewState.objects.filter(user_id=user_id, article=OuterRef("pk"))))
        | Q(Exists(CardSetPin.objects.filter(owner_id=user_id, cardset__article=OuterRef("pk"))))
        | Q(
            Exists(CardEdit.objects.filter(owner_id=user_id, card__cardset__article=OuterRef("pk")))
        )
    )
