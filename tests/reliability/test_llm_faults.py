"""A misbehaving language-model provider: refused, hanging, 500, 429, garbage, huge.

A real server (granian, embedded task backend) talks to the fake OpenAI server over real
sockets. For every fault: the generate request is answered at once (202) while the provider
hangs, the reader gets a clear failure message, nothing is cached, the cooldown is given back;
after five failures in a row the circuit breaker stops calls reaching the provider at all."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from tests.generation.fake_openai import FakeOpenAI, Reply, error, hang, html
from tests.reliability.support import (
    Server,
    free_port,
    prepare_site,
    run_site_script,
    site_env,
)

# Its own SQLite site in subprocesses: the run's DATABASE_URL does not apply (one CI pass).
pytestmark = pytest.mark.own_site

LLM_TIMEOUT = 2
# Long enough that a web request waiting on the provider would hit the client's timeout.
HANG_SECONDS = 20
CLIENT_TIMEOUT = 15
SECTIONS = """
from reader.models import Article, Section
article = Article.objects.get(slug="great-leap-forward")
print(" ".join(Section.objects.filter(revision_id=article.current_revision_id)
               .order_by("order").values_list("anchor", flat=True)))
"""
COUNT_SETS = "from study.models import CardSet\nprint(CardSet.objects.count())"


def faults() -> dict[str, Reply]:
    return {
        "hanging": hang(HANG_SECONDS),
        "500": error(500, "internal error"),
        "429": error(429, "rate limited", headers={"Retry-After": "1"}),
        "garbage": Reply(body="{ this is not json at all ]]"),
        "huge": Reply(body=json.dumps({"choices": [{"message": {"content": "x" * 10_000_000}}]})),
        "html": html(502),
    }


class Reader:
    def __init__(self, server: Server, token: str) -> None:
        self.base = f"{server.url}/api/v1/articles/great-leap-forward/sections"
        self.client = httpx.Client(
            timeout=CLIENT_TIMEOUT, headers={"Authorization": f"Bearer {token}"}
        )

    def generate(self, section: str) -> httpx.Response:
        return self.client.post(f"{self.base}/{section}/flashcards")

    def deck(self, section: str) -> dict:
        return self.client.get(f"{self.base}/{section}/flashcards").json()

    def wait_until_settled(self, section: str, *, within: float = 60) -> dict:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            deck = self.deck(section)
            if deck["status"] not in ("queued", "running"):
                return deck
            time.sleep(0.2)
        raise AssertionError(f"generation for {section} did not finish in {within} s")


def message_of(deck: dict) -> str:
    return deck.get("detail") or (deck.get("generation") or {}).get("error", "")


def assert_failed_cleanly(reader: Reader, section: str, env) -> str:
    deck = reader.wait_until_settled(section)
    assert deck["status"] == "failed", deck
    message = message_of(deck)
    assert len(message) > 20 and "Traceback" not in message, deck
    print(f"{section}: {message}")
    assert deck.get("cards", []) == [] and deck["cooldown_seconds"] == 0, deck
    assert run_site_script(env, COUNT_SETS).strip() == "0"
    return message


@pytest.fixture
def site(tmp_path):
    def make(base_url: str):
        env = site_env(
            tmp_path,
            READMARK_LLM_BASE_URL=base_url,
            READMARK_LLM_MODEL="fake-model",
            READMARK_LLM_API_KEY="not-a-real-key",
            READMARK_LLM_TIMEOUT_SECONDS=str(LLM_TIMEOUT),
            READMARK_TASK_BACKEND="embedded",
        )
        token = prepare_site(env)["olivia"]
        sections = run_site_script(env, SECTIONS).split()
        return env, token, sections

    return make


def test_each_fault_fails_fast_and_cleanly_then_the_breaker_spares_the_provider(site):
    with FakeOpenAI() as fake:
        env, token, sections = site(fake.base_url)
        server = Server(env, threads=4).start()
        reader = Reader(server, token)
        try:
            names = list(faults())
            for section, name in zip(sections[:5], names[:5], strict=True):
                fake.always(faults()[name])
                started = reader.generate(section)
                # Answered while the provider still hangs: the request never waits on it.
                assert started.status_code == 202, (name, started.text)
                message = assert_failed_cleanly(reader, section, env)
                assert "provider" in message or "AI" in message, (name, message)
            # Five failures in a row: the breaker is open. The next generation is refused
            # without a single request reaching the provider, with a message that says so.
            calls = len(fake.requests)
            fake.always(faults()["html"])
            refused = reader.generate(sections[5])
            assert refused.status_code in (202, 422), refused.text
            message = assert_failed_cleanly(reader, sections[5], env)
            assert "stopped asking" in message, message
            assert len(fake.requests) == calls
            # The cooldown was never spent: the reader may ask again at once.
            assert reader.generate(sections[6]).status_code != 429
        finally:
            reader.client.close()
            server.stop()


def test_a_provider_that_refuses_connections(site):
    env, token, sections = site(f"http://127.0.0.1:{free_port()}/v1")
    server = Server(env).start()
    reader = Reader(server, token)
    try:
        assert reader.generate(sections[0]).status_code == 202
        message = assert_failed_cleanly(reader, sections[0], env)
        assert "Could not reach the AI provider" in message
        assert reader.generate(sections[1]).status_code != 429
    finally:
        reader.client.close()
        server.stop()
