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
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotations.errors import AnnotationError, KeyReused
from annotations.models import IdempotencyRecord

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
    perform: Callable[[], tuple[int, dict[str, Any]]],
) -> tuple[int, dict[str, Any]]:
    """Run ``perform`` once per (owner, key); retries get its first (status, body)."""
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise AnnotationError(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters.")
    fingerprint = request_fingerprint(payload)
    cutoff = timezone.now() - RETENTION
    existing = IdempotencyRecord.objects.filter(owner=owner, key=key, created__gte=cutoff).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    try:
        with transaction.atomic():
            # Expired records go here, without a scheduled job; one with this very key would
            # otherwise block the insert below.
            IdempotencyRecord.objects.filter(owner=owner, created__lt=cutoff).delete()
            status, body = perform()
            IdempotencyRecord.objects.create(
                owner=owner, key=key, request_hash=fingerprint, status=status, response=body
            )
    except IntegrityError:
        winner = IdempotencyRecord.objects.filter(owner=owner, key=key).first()
        if winner is None:
            raise
        return _replay(winner, fingerprint)
    return status, body
