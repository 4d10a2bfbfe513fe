"""Version keys for cached decks (study.deck_cache), bumped by every write a deck shows.

Each bump sets a fresh random value, twice: at once, so that the writer's own request (and a
transaction that never commits on its own, such as a test's) sees the change, and again once the
writer's transaction commits, so that an answer another reader cached in between, built from the
not yet committed data, is left under a version nobody asks for again.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction


def _text_key(cache_key: str) -> str:
    return f"flashcards:version:text:{cache_key}"


def _reader_key(user_id: int) -> str:
    return f"flashcards:version:reader:{user_id}"


def _bump(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, None))


def deck_text_changed(*cache_keys: str) -> None:
    """A set or generation for these texts was saved: every reader's deck of them is stale."""
    for cache_key in set(cache_keys):
        _bump(_text_key(cache_key))


def deck_reader_changed(user_id: int | None) -> None:
    """The reader's own cards, edits or pins changed: their decks are stale."""
    if user_id is not None:
        _bump(_reader_key(user_id))


def deck_versions(cache_key: str, user_id: int) -> str:
    """The current versions of a text's and a reader's decks, as one string for a cache key.

    A version the cache does not hold (never bumped, or evicted) gets a fresh random value, so
    that answers stored under an earlier version can never be reached again."""
    keys = [_text_key(cache_key), _reader_key(user_id)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            fresh = uuid.uuid4().hex
            found[key] = fresh if cache.add(key, fresh, None) else cache.get(key, fresh)
    return ":".join(found[key] for key in keys)
