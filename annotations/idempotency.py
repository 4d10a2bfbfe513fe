"""POST with an ``Idempotency-Key``: the first answer is stored with the write it reports, in the
same transaction, and replayed to every retry. A lost response can then be retried safely: the
annotation exists once.

Two requests with the same key racing each other: the unique (owner, key) constraint lets one
commit; the other rolls back its own write and answers with the winner's stored response.
Records expire after RETENTION (a retry comes within seconds or minutes, not days).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from annotations.errors import AnnotationError, KeyReused
from annotations.models import IdempotencyRecord
from annotations.sql import PreparedInsert
from readmark.prepared import PreparedQuery

RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def request_fingerprint(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> tuple[int, dict[str, Any]]:
    if record.request_hash != fingerprint:
        raise KeyReused(
            "This Idempotency-Key was already used for a different request. "
            "Use a new key for each new annotation."
        )
    return record.status, record.response


def idempotent(
    *,
    owner: AbstractBaseUser,
    key: str,
    payload: Any,
    prepare: Callable[[], Callable[[], tuple[int, dict[str, Any]]]],
) -> tuple[int, dict[str, Any]]:
    """Run ``prepare()()`` once per (owner, key); retries get its first (status, body).

    ``prepare`` reads and checks, outside the transaction; the function it returns does the
    writes, inside it. SQLite's write lock is then held only for the writes: with the checks
    inside, concurrent POSTs queued on the lock (bench/load p99).
    """
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise AnnotationError(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.")
    fingerprint = request_fingerprint(payload)
    now = timezone.now()
    cutoff = now - RETENTION
    existing = _probe(owner_id=owner.pk, key=key)
    if existing is not None and existing.created >= cutoff:
        return _replay(existing, fingerprint)
    write = prepare()
    try:
        with _writers, transaction.atomic():
            if existing is not None:
                # Expired, and it would otherwise block the insert below.
                IdempotencyRecord.objects.filter(pk=existing.pk).delete()
            _purge_expired(owner_id=owner.pk, cutoff=cutoff)
            status, body = write()
            _insert(owner_id=owner.pk, key=key, fingerprint=fingerprint, status=status, body=body,
                    created=now)  # fmt: skip
    except IntegrityError:
        winner = _probe(owner_id=owner.pk, key=key)
        if winner is None:
            raise
        return _replay(winner, fingerprint)
    return status, body


class _SQLiteWriters:
    """Queues this process's threads for SQLite's single write lock in Python.

    Waiting inside SQLite means its busy handler, which sleeps in steps of up to 100 ms and so
    lets a thread miss many turns: under load that was most of the create endpoint's p99
    (bench/load). A Python lock hands the turn over at once. Other processes still meet at
    SQLite's lock; PostgreSQL has no single write lock, so there this does nothing.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held = threading.local()

    def __enter__(self) -> None:
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            self._lock.acquire()
            self._held.held = True

    def __exit__(self, *exc: object) -> None:
        if getattr(self._held, "held", False):
            self._held.held = False
            self._lock.release()


_writers = _SQLiteWriters()


# Each process purges an owner's expired records at most this often, not on every POST: the
# table stays bounded (RETENTION + PURGE_INTERVAL) without a DELETE per request.
PURGE_INTERVAL = 600.0
_last_purge: dict[int, float] = {}


def _purge_expired(*, owner_id: int, cutoff: datetime) -> None:
    clock = time.monotonic()
    if clock - _last_purge.get(owner_id, -PURGE_INTERVAL) < PURGE_INTERVAL:
        return
    IdempotencyRecord.objects.filter(owner_id=owner_id, created__lt=cutoff).delete()
    _last_purge[owner_id] = clock


def _probe(*, owner_id: int, key: str) -> IdempotencyRecord | None:
    """The (owner, key) record, expired or not. Every keyed POST asks, so the query is
    compiled once (readmark/prepared.py)."""
    return _record.first(owner_id, key)


def _insert(*, owner_id: int, key: str, fingerprint: str, status: int, body: Any,
            created: datetime) -> None:  # fmt: skip
    record = IdempotencyRecord(owner_id=owner_id, key=key, request_hash=fingerprint,
                               status=status, response=body, created=created)  # fmt: skip
    _insert_record(record)


_record = PreparedQuery(
    lambda owner_id, key: IdempotencyRecord.objects.filter(owner_id=owner_id, key=key).order_by(),
    int,
    str,
)
_insert_record = PreparedInsert(IdempotencyRecord)
