"""POST with an ``Idempotency-Key``: the first answer is stored with the write it reports, in the
same transaction, and replayed to every retry. A lost response can then be retried safely: the
annotation exists once.

Two requests with the same key racing each other: the unique (owner, key) constraint lets one
commit; the other rolls back its own write and answers with the winner's stored response.
Records expire after RETENTION (a retry comes within seconds or minutes, not days).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone
from pydantic import BaseModel

from annotations.errors import AnnotationError, KeyReused
from annotations.models import IdempotencyRecord
from readmark.prepared import PreparedQuery, execute

RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def request_fingerprint(payload: BaseModel) -> str:
    """The validated request, so that the same request spelled differently (key order, spaces)
    is recognised; pydantic's JSON keeps the schema's field order."""
    return hashlib.sha256(payload.model_dump_json().encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> tuple[int, str]:
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
    payload: BaseModel,
    prepare: Callable[[], Callable[[], tuple[int, str]]],
) -> tuple[int, str]:
    """Run ``prepare()()`` once per (owner, key); retries get its first (status, body), the body
    being the JSON text that is sent: encoded once, for the response and the record alike.

    ``prepare`` reads, checks and encodes what it can, outside the transaction; the function it
    returns does the writes, inside it. SQLite's write lock is then held only for the writes:
    with the checks inside, concurrent POSTs queued on the lock (bench/load p99). Writers wait
    for that lock in the queue of readmark/sqlite/base.py.

    Almost every key is new, so the write goes first and the record is read only when the
    unique (owner, key) constraint refuses it: a retry, a concurrent twin, or an expired record.
    A probe before every write was a twentieth of a POST (bench/load).
    """
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise AnnotationError(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.")
    fingerprint = request_fingerprint(payload)
    now = timezone.now()
    cutoff = now - RETENTION
    try:
        write = prepare()
    except AnnotationError:
        # A retry of a POST that succeeded may fail the checks now (the article changed since,
        # or the first one's limit was reached): it still gets the first answer.
        existing = _probe(owner_id=owner.pk, key=key)
        if existing is not None and existing.created >= cutoff:
            return _replay(existing, fingerprint)
        raise
    try:
        return _write_once(owner_id=owner.pk, key=key, fingerprint=fingerprint, now=now,
                           write=write)  # fmt: skip
    except IntegrityError:
        existing = _probe(owner_id=owner.pk, key=key)
        if existing is None:
            raise  # not the key's constraint
        if existing.created >= cutoff:
            return _replay(existing, fingerprint)
    # The key's record has expired: it goes, and the request is new.
    try:
        return _write_once(owner_id=owner.pk, key=key, fingerprint=fingerprint, now=now,
                           write=write, expired_id=existing.pk)  # fmt: skip
    except IntegrityError:
        winner = _probe(owner_id=owner.pk, key=key)
        if winner is None:
            raise
        return _replay(winner, fingerprint)


def _write_once(
    *,
    owner_id: int,
    key: str,
    fingerprint: str,
    now: datetime,
    write: Callable[[], tuple[int, str]],
    expired_id: int | None = None,
) -> tuple[int, str]:
    database = connections[DEFAULT_DB_ALIAS]
    created = _CREATED.get_db_prep_value(now, database)
    with transaction.atomic():
        if expired_id is not None:
            IdempotencyRecord.objects.filter(pk=expired_id).delete()
        _purge_expired(owner_id=owner_id, cutoff=now - RETENTION)
        status, body = write()
        execute(database, _insert_sql(database.vendor),
                [owner_id, key, fingerprint, status, body, created], _nothing)  # fmt: skip
    return status, body


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


_CREATED = IdempotencyRecord._meta.get_field("created")
_INSERTED = ("owner", "key", "request_hash", "status", "response", "created")


@functools.cache
def _insert_sql(vendor: str) -> str:
    """The record's INSERT as plain SQL, its values bound by _write_once: building the model and
    its INSERT was a tenth of a POST (bench/load)."""
    quote = connection.ops.quote_name
    meta = IdempotencyRecord._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in _INSERTED)
    values = ", ".join(["%s"] * len(_INSERTED))
    return f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({values})"


def _nothing(cursor: Any) -> None:
    return None


_record = PreparedQuery(
    lambda owner_id, key: IdempotencyRecord.objects.filter(owner_id=owner_id, key=key).order_by(),
    int,
    str,
)
