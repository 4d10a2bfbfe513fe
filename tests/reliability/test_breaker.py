"""The circuit breaker that keeps a dead LLM provider from being hammered (study/breaker.py)."""

from __future__ import annotations

import time

import pytest

from study.breaker import CircuitBreaker, CircuitOpen


class Boom(Exception):
    pass


def fail(breaker: CircuitBreaker) -> None:
    with pytest.raises(Boom), breaker.guard():
        raise Boom


def test_opens_after_five_failures_in_a_row_and_refuses_at_once():
    breaker = CircuitBreaker("test-open", failure_threshold=5, open_seconds=60)
    for _ in range(4):
        fail(breaker)
    breaker.check()  # four failures: still closed
    fail(breaker)
    with pytest.raises(CircuitOpen) as refused:
        breaker.check()
    assert 55 <= refused.value.retry_after <= 60
    assert "try again" in str(refused.value)


def test_a_success_resets_the_count():
    breaker = CircuitBreaker("test-reset", failure_threshold=3)
    fail(breaker)
    fail(breaker)
    with breaker.guard():
        pass
    fail(breaker)
    fail(breaker)
    breaker.check()
    assert breaker.failures() == 2


def test_after_the_open_period_one_probe_goes_through_and_its_outcome_decides():
    breaker = CircuitBreaker("test-probe", failure_threshold=2, open_seconds=1)
    fail(breaker)
    fail(breaker)
    with pytest.raises(CircuitOpen):
        breaker.check()
    time.sleep(1.1)
    breaker.check()  # the probe
    with pytest.raises(CircuitOpen):
        breaker.check()  # a second caller waits for the probe's outcome
    breaker.record_failure()
    with pytest.raises(CircuitOpen):
        breaker.check()  # the probe failed: open again
    time.sleep(1.1)
    with breaker.guard():
        pass  # the next probe succeeds: closed
    breaker.check()
    breaker.check()
    assert breaker.failures() == 0


def test_breakers_are_independent():
    dead = CircuitBreaker("test-dead", failure_threshold=1)
    alive = CircuitBreaker("test-alive", failure_threshold=1)
    fail(dead)
    with pytest.raises(CircuitOpen):
        dead.check()
    alive.check()
