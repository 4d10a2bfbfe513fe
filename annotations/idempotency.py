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
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models import Field
from django.utils import timezone

from annotations.errors import AnnotationError, KeyReused
from annotations.models import IdempotencyRecord
from annotations.sql import RowConverters

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
_FIELDS = ("id", "created", "request_hash", "status", "response")


def _purge_expired(*, owner_id: int, cutoff: datetime) -> None:
    clock = time.monotonic()
    if clock - _last_purge.get(owner_id, -PURGE_INTERVAL) < PURGE_INTERVAL:
        return
    IdempotencyRecord.objects.filter(owner_id=owner_id, created__lt=cutoff).delete()
    _last_purge[owner_id] = clock


def _probe(*, owner_id: int, key: str) -> IdempotencyRecord | None:
    """The (owner, key) record, expired or not: plain SQL, as every keyed POST runs it and the
    ORM's query compilation costs more than the query (bench/load)."""
    plan = _statements.get(connection.alias) or _compile()
    with connection.cursor() as cursor:
        cursor.execute(plan.probe, [owner_id, key])
        row = cursor.fetchone()
    if row is None:
        return None
    return IdempotencyRecord.from_db(connection.alias, plan.attnames, plan.converters.apply(row))


def _insert(*, owner_id: int, key: str, fingerprint: str, status: int, body: Any,
            created: datetime) -> None:  # fmt: skip
    plan = _statements.get(connection.alias) or _compile()
    values = (owner_id, key, fingerprint, status, body, created)
    fields = plan.insert_fields
    params = [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(plan.insert, params)


@dataclass(frozen=True)
class _Statements:
    probe: str
    attnames: list[str]
    converters: RowConverters
    insert: str
    insert_fields: list[Field]


_statements: dict[str, _Statements] = {}
_INSERTED = ("owner_id", "key", "request_hash", "status", "response", "created")


def _compile() -> _Statements:
    meta = IdempotencyRecord._meta
    quote = connection.ops.quote_name
    # Model.from_db takes values in the model's field order.
    fields = [f for f in meta.concrete_fields if f.name in _FIELDS]
    inserted = [meta.get_field(name) for name in _INSERTED]
    columns = ", ".join(quote(f.column) for f in inserted)
    plan = _Statements(
        probe=f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(meta.db_table)} "
        f"WHERE {quote('owner_id')} = %s AND {quote('key')} = %s",
        attnames=[f.attname for f in fields],
        converters=RowConverters.for_fields(fields, connection.alias),
        insert=f"INSERT INTO {quote(meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(inserted))})",
        insert_fields=inserted,
    )
    _statements[connection.alias] = plan
    return plan
