"""A circuit breaker for calls to an outside service (the LLM provider).

After `failure_threshold` failures in a row the circuit opens: calls are refused at once with
`CircuitOpen` (and its `retry_after`) for `open_seconds`, so a dead or overloaded provider is
not hammered and readers are told quickly. When that time is up, one probe call is let through
(half-open): success closes the circuit, failure opens it again.

State lives in Django's cache, so with `REDIS_URL` every web process and worker shares one
breaker; with the in-process cache each process has its own. Written by hand because the small
maintained libraries (pybreaker, circuitbreaker) keep state in process memory only.

Use it around each call:

    with LLM_BREAKER.guard():
        response = client.chat(...)

or call `check()`, `record_success()` and `record_failure()` yourself when a response that
arrived is still a failure (garbage JSON, a refusal).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache


class CircuitOpen(Exception):
    """The provider failed repeatedly; calls are refused until `retry_after` seconds pass."""

    def __init__(self, name: str, retry_after: int) -> None:
        super().__init__(
            f"{name} is unavailable after repeated failures; try again in {retry_after} s."
        )
        self.name = name
        self.retry_after = retry_after


@dataclass(frozen=True)
class CircuitBreaker:
    name: str
    failure_threshold: int = 5
    open_seconds: int = 60
    # Failures older than this no longer count toward opening the circuit.
    memory_seconds: int = 600

    @property
    def _failures_key(self) -> str:
        return f"breaker:{self.name}:failures"

    @property
    def _open_until_key(self) -> str:
        return f"breaker:{self.name}:open-until"

    @property
    def _probe_key(self) -> str:
        return f"breaker:{self.name}:probe"

    def failures(self) -> int:
        return int(cache.get(self._failures_key, 0))

    def check(self) -> None:
        """Raise CircuitOpen unless a call may go ahead now."""
        open_until = cache.get(self._open_until_key)
        now = time.time()
        if open_until is not None and open_until > now:
            raise CircuitOpen(self.name, max(1, round(open_until - now)))
        if self.failures() >= self.failure_threshold and not cache.add(
            self._probe_key, 1, timeout=self.open_seconds
        ):
            # Half-open and another caller's probe is in flight: wait for its outcome.
            raise CircuitOpen(self.name, self.open_seconds)

    def record_success(self) -> None:
        cache.delete_many([self._failures_key, self._open_until_key, self._probe_key])

    def record_failure(self) -> None:
        cache.add(self._failures_key, 0, timeout=self.memory_seconds)
        try:
            failures = cache.incr(self._failures_key)
        except ValueError:  # expired between add and incr
            cache.set(self._failures_key, 1, timeout=self.memory_seconds)
            failures = 1
        if failures >= self.failure_threshold:
            cache.set(
                self._open_until_key, time.time() + self.open_seconds, timeout=self.open_seconds
            )
            cache.delete(self._probe_key)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """check(); then record the call's outcome (any exception is a failure, re-raised)."""
        self.check()
        try:
            yield
        except Exception:
            self.record_failure()
            raise
        self.record_success()


LLM_BREAKER = CircuitBreaker("llm")
