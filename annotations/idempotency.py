"""POST with an ``Idempotency-Key``: the first answer is stored with the write it reports, in the
same transaction, and replayed to every retry. A lost response can then be retried safely: the
annotation exists once.

Almost every key is new, so the write goes first; the stored record is read only when the
unique (owner, key) constraint refuses the new one: a retry, a concurrent twin (which rolls back
its own write and answers with the winner's response), or an expired record, which is replaced.
Records expire after RETENTION: a retry comes within seconds or minutes, not days.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from pydantic import BaseModel

from annotations.errors import AnnotationError, KeyReused
from annotations.models import IdempotencyRecord
from annotations.present import encode_json

RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255


def request_fingerprint(payload: BaseModel) -> str:
    """The validated request, so that the same request spelled differently (key order, spaces)
    is recognised; pydantic's JSON keeps the schema's field order."""
    return hashlib.sha256(payload.model_dump_json().encode()).hexdigest()


def idempotent(
    *,
    owner: AbstractBaseUser,
    key: str,
    payload: BaseModel,
    write: Callable[[], tuple[int, Any]],
) -> tuple[int, str]:
    """Run ``write()`` once per (owner, key) and answer its (status, JSON text); retries get the
    first answer's status and text."""
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise AnnotationError(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.")
    fingerprint = request_fingerprint(payload)
    try:
        return _write_once(owner=owner, key=key, fingerprint=fingerprint, write=write)
    except AnnotationError:
        # A retry of a POST that succeeded may fail the checks now (the article changed since):
        # it still gets the first answer.
        record = _live_record(owner=owner, key=key)
        if record is None:
            raise
        return _replay(record, fingerprint)
    except IntegrityError:
        record = IdempotencyRecord.objects.filter(owner=owner, key=key).first()
        if record is None:
            raise  # not the key's constraint
    if record.created >= timezone.now() - RETENTION:
        return _replay(record, fingerprint)
    # The key's record has expired: it goes, and the request is new.
    IdempotencyRecord.objects.filter(pk=record.pk).delete()
    return _write_once(owner=owner, key=key, fingerprint=fingerprint, write=write)


def _write_once(
    *, owner: AbstractBaseUser, key: str, fingerprint: str, write: Callable[[], tuple[int, Any]]
) -> tuple[int, str]:
    with transaction.atomic():
        _purge_expired()
        status, data = write()
        body = encode_json(data)
        IdempotencyRecord.objects.create(
            owner=owner, key=key, request_hash=fingerprint, status=status, response=body
        )
    return status, body


# Expired records go as new ones come, so the table stays bounded without a scheduled job; each
# process does it at most this often, not on every POST.
PURGE_EVERY_SECONDS = 60.0
_next_purge = 0.0


def _purge_expired() -> None:
    global _next_purge
    now = time.monotonic()
    if now < _next_purge:
        return
    _next_purge = now + PURGE_EVERY_SECONDS
    IdempotencyRecord.objects.filter(created__lt=timezone.now() - RETENTION).delete()


def _live_record(*, owner: AbstractBaseUser, key: str) -> IdempotencyRecord | None:
    cutoff = timezone.now() - RETENTION
    return IdempotencyRecord.objects.filter(owner=owner, key=key, created__gte=cutoff).first()


def _replay(record: IdempotencyRecord, fingerprint: str) -> tuple[int, str]:
    if record.request_hash != fingerprint:
        raise KeyReused(
            "This Idempotency-Key was already used for a different request. "
            "Use a new key for each new annotation."
        )
    return record.status, record.response
