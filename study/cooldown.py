"""The per-reader cooldown after a new generation: "read before you generate more".

The claim is one conditional UPDATE (``until <= now``) on the reader's row. The database
serialises concurrent UPDATEs of a row (SQLite: one writer at a time; PostgreSQL: the second
waits for the first and re-checks the condition), so of many parallel requests exactly one
claims the cooldown, with no lock held across the request and nothing kept in process memory:
it holds across every web process that shares the database.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from reader.models import Section
from study.models import Cooldown


class CooldownActive(Exception):
    """The reader must wait ``retry_after`` seconds before starting a new generation."""

    def __init__(self, retry_after: int, until: datetime) -> None:
        super().__init__(f"cooldown for another {retry_after} s")
        self.retry_after = retry_after
        self.until = until


def cooldown_seconds_for(*, section: Section) -> int:
    """The section's reading time, clamped to the configured bounds."""
    reading = section.word_count * 60 / settings.READMARK_WORDS_PER_MINUTE
    low = settings.READMARK_COOLDOWN_MIN_SECONDS
    high = max(low, settings.READMARK_COOLDOWN_MAX_SECONDS)
    return int(min(high, max(low, math.ceil(reading))))


def cooldown_claim(*, user, seconds: int, now: datetime | None = None) -> datetime:
    """Start a cooldown of ``seconds`` for ``user``; raise CooldownActive while one runs.

    Call inside the transaction that records the generation, so both happen or neither does.
    A conditional UPDATE claims it; a reader's first cooldown is an INSERT, and two first
    requests racing on it meet the unique constraint, which the caller's transaction reports.
    """
    now = now or timezone.now()
    until = now + timedelta(seconds=seconds)
    if Cooldown.objects.filter(user=user, until__lte=now).update(until=until):
        return until
    current = Cooldown.objects.filter(user=user).values_list("until", flat=True).first()
    if current is None:
        Cooldown.objects.create(user=user, until=until)
        return until
    raise CooldownActive(retry_after=_seconds_until(current, now), until=current)


def cooldown_release(*, user_id: int, until: datetime) -> bool:
    """Give back the cooldown that ended at ``until`` (a failed generation costs nothing).

    Only that cooldown: if the reader has since started another, it stays.
    """
    now = timezone.now()
    return bool(Cooldown.objects.filter(user_id=user_id, until=until).update(until=min(now, until)))


def cooldown_remaining(*, user, now: datetime | None = None) -> int:
    """Seconds until ``user`` may start a new generation (0: now)."""
    if user is None or not user.is_authenticated:
        return 0
    now = now or timezone.now()
    until = Cooldown.objects.filter(user=user).values_list("until", flat=True).first()
    if until is None or until <= now:
        return 0
    return _seconds_until(until, now)


def seconds_until(until: datetime | None) -> int:
    """Seconds from now until ``until`` (0 when it is past or None)."""
    now = timezone.now()
    if until is None or until <= now:
        return 0
    return _seconds_until(until, now)


def _seconds_until(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds()))
