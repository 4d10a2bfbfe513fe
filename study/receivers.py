"""Keep flashcards pointing at the right words when an article gets a new revision.

Sets are keyed by a section's content hash, so an unchanged section keeps its set with no work.
For a section whose text changed (same anchor, new hash), its sets move to the new text: each
card's evidence is re-anchored with the same code as highlights (``anchoring``),
and a card whose passage is gone — or whose passage changed so that the gate no longer finds
its answer in it — is hidden as an orphan rather than left to teach something the text no
longer says. A section whose heading changed (a new anchor, the same text) takes its sets and
its readers' own cards along.

Runs inside the import transaction: if it fails, the import rolls back.
"""

from __future__ import annotations

from django.db.models import F
from django.dispatch import receiver

from anchoring import Anchored, describe, reanchor_many, to_w3c
from reader.models import Section
from reader.signals import revision_published
from study.deck_versions import deck_text_changed
from study.engine import cache_key
from study.generation import CardDraft, check
from study.models import Card, CardSet, CardSetPin, EvidenceState


@receiver(revision_published, dispatch_uid="study.reanchor_flashcards")
def reanchor_flashcards(sender, *, article, previous, revision, **kwargs) -> None:
    if previous is None:
        return
    old_sections = {s.anchor: s for s in Section.objects.filter(revision=previous)}
    new_sections = list(Section.objects.filter(revision=revision))
    new_anchors = {s.anchor for s in new_sections}
    # A section whose heading changed has a new anchor; the same text finds it again.
    gone_by_text = {s.text: s for s in old_sections.values() if s.anchor not in new_anchors}
    for new in new_sections:
        old = old_sections.get(new.anchor) or gone_by_text.pop(new.text, None)
        if old is None:
            continue
        if old.content_hash != new.content_hash:
            _move_sets(old, new)
        if old.anchor != new.anchor:
            Card.objects.filter(article=article, section_anchor=old.anchor).exclude(
                owner=None
            ).update(section_anchor=new.anchor)


def _move_sets(old: Section, new: Section) -> None:
    # Another current section (of any article) with the old text still needs those sets.
    still_used = (
        Section.objects.filter(content_hash=old.content_hash)
        .filter(revision_id=F("article__current_revision_id"))
        .exists()
    )
    for cardset in CardSet.objects.filter(content_hash=old.content_hash).order_by("id"):
        key = cache_key(
            new.content_hash,
            cardset.generator,
            cardset.generator_version,
            cardset.model,
            cardset.options_hash,
        )
        if CardSet.objects.filter(cache_key=key).exists():
            continue  # that text has its own set already (the text went back to an old version)
        cards = list(cardset.cards.all())
        if still_used:
            cardset = _copy(cardset)
            cards = _copy_cards(cardset, cards)
        _reanchor_cards(cards, old.text, new.text)
        old_key = cardset.cache_key
        cardset.content_hash = new.content_hash
        cardset.cache_key = key
        cardset.section_anchor = new.anchor
        cardset.save(update_fields=["content_hash", "cache_key", "section_anchor"])
        deck_text_changed(old_key, key)
        if not still_used:
            CardSetPin.objects.filter(cache_key=old_key, cardset=cardset).update(cache_key=key)


def _reanchor_cards(cards: list[Card], old_text: str, new_text: str) -> None:
    results = reanchor_many(new_text, [card.selectors for card in cards], old_length=len(old_text))
    for card, result in zip(cards, results, strict=True):
        if isinstance(result, Anchored) and _still_true(card, new_text, result):
            card.selectors = to_w3c(describe(new_text, result.start, result.end))
            card.quote = new_text[result.start : result.end]
            card.start, card.end = result.start, result.end
            card.state = EvidenceState.ANCHORED
        else:
            card.state = EvidenceState.ORPHANED
    Card.objects.bulk_update(cards, ["selectors", "quote", "start", "end", "state"])


def _still_true(card: Card, text: str, place: Anchored) -> bool:
    if place.method != "fuzzy":
        return True  # the passage is verbatim the same: so is what it supports
    draft = CardDraft(
        question=card.question,
        answer=card.answer,
        kind=card.kind,
        quote=text[place.start : place.end],
        start=place.start,
    )
    return bool(check(text, [draft]).kept)


def _copy(cardset: CardSet) -> CardSet:
    cardset.pk = None
    cardset.save()
    return cardset


def _copy_cards(cardset: CardSet, cards: list[Card]) -> list[Card]:
    for card in cards:
        card.pk = None
        card.cardset = cardset
    return Card.objects.bulk_create(cards)
