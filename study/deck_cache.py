"""The GET of a deck, answered from the cache until something it shows changes.

A deck is assembled from six reads (set, generation, cards, the reader's edits, their own cards,
cooldown), and readers open decks far more often than anything changes. The answer is cached
under two version keys (study.deck_versions): one for the section's text, bumped when a set or
a generation for it is saved or changes state, and one for the reader, bumped when their edits,
pins or own cards are saved. A new version leaves the old answers unreachable, to expire.
The cooldown is read afresh on every request: it is time, not data.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder

from reader.access import section_in_current_revision
from study.cooldown import cooldown_remaining
from study.deck_versions import deck_versions
from study.engine import generator_choice
from study.present import deck_answer
from study.selectors import deck_for

TIMEOUT = 24 * 3600
_encoder = DjangoJSONEncoder()


def deck_response(*, user, slug: str, anchor: str) -> tuple[int, dict[str, Any]]:
    section = section_in_current_revision(slug=slug, anchor=anchor, user=user)  # 404 if not theirs
    cache_key = generator_choice().cache_key(section.content_hash)
    key = f"flashcards:deck:{user.pk}:{section.pk}:{cache_key}:{deck_versions(cache_key, user.pk)}"
    stored = caches["local"].get(key)
    if stored is None:
        deck = deck_for(user=user, article=section.article, section=section, cache_key=cache_key)
        status, body = deck_answer(section, deck)
        stored = {"status": status, "body": _json_ready(body)}
        caches["local"].set(key, stored, TIMEOUT)
    body = dict(stored["body"])
    body["cooldown_seconds"] = cooldown_remaining(user=user)
    return stored["status"], body


def _json_ready(body: dict[str, Any]) -> dict[str, Any]:
    generation = body.get("generation")
    if generation and not isinstance(generation["created"], str):
        body["generation"] = {**generation, "created": _encoder.default(generation["created"])}
    return body
