"""Fixed-window counters in Django's cache: "at most N of these per window".

Written here rather than taken from django-ratelimit because the callers need the time until
the window resets (to tell the person when to come back) and to count an action at a moment of
their choosing (after it was accepted), which that package's decorator does not offer.
With REDIS_URL the counts are shared by every process; without it, the single web process of
the embedded profile holds them.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Window:
    name: str
    limit: int
    seconds: int

    def _key(self, subject: str) -> tuple[str, int]:
        now = time.time()
        start = int(now // self.seconds) * self.seconds
        return f"ratelimit:{self.name}:{subject}:{start}", start

    def retry_after(self, subject: str) -> int | None:
        """Seconds until ``subject`` may act again, or None when it may act now."""
        key, start = self._key(subject)
        if (cache.get(key) or 0) < self.limit:
            return None
        return max(1, math.ceil(start + self.seconds - time.time()))

    def count(self, subject: str) -> None:
        key, _ = self._key(subject)
        if not cache.add(key, 1, self.seconds + 60):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.seconds + 60)


def minutes_words(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"


def client_address(request) -> str:
    """The client's address, behind a trusted proxy the first of X-Forwarded-For."""
    if settings.READMARK_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"
