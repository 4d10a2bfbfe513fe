"""The scaled shape for real: two web processes and a worker on one PostgreSQL database and one
Redis, as docs/deployment.md describes.

A cooldown started through one web process holds in the other; a queued language-model
generation whose worker is SIGKILLed mid-call is redelivered to a second worker and done
exactly once (one card set, at most two provider calls).

Needs the PostgreSQL and Redis servers on 127.0.0.1 (`.ci/run` starts them). It makes its own
database and uses Redis database 14, flushing only that one."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest
import redis

from tests.generation.fake_openai import FakeOpenAI, reply_cards
from tests.generation.test_openai import GOOD_CARDS, SECTION
from tests.reliability.support import BIN, ROOT, Server, prepare_site, run_site_script, site_env

pytestmark = pytest.mark.postgres

PG_ADMIN = os.environ.get("READMARK_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_DB = "redis://127.0.0.1:6379/14"
LLM_TIMEOUT = 5
ARTICLE = f"""# Inflation

## Prices

{SECTION}

## Banks

Central banks set interest rates. When a central bank raises its rate, borrowing costs more,
people and firms spend less, and the rise in prices slows. The Bank of England was founded in
1694 to lend money to the government. The Federal Reserve, created by the United States
Congress in 1913, aims for inflation of 2 percent a year. In 1979 Paul Volcker raised American
rates to nearly 20 percent, and inflation fell from 13.5 percent in 1980 to 3.2 percent in 1983.
"""
STATE = """
import json
from study.models import CardSet, Generation
print(json.dumps({
    "sets": CardSet.objects.count(),
    "generations": list(Generation.objects.values_list("status", flat=True)),
}))
"""


@pytest.fixture
def postgres_url():
    name = f"readmark_scaled_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url():
    client = redis.Redis.from_url(REDIS_DB)
    client.flushdb()
    yield REDIS_DB
    client.flushdb()
    client.close()


class Worker:
    def __init__(self, env: dict[str, str], log: Path) -> None:
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(BIN / "readmark"), "worker"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def wait(condition, *, within: float, what: str):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {within} s waiting for {what}")


def test_two_web_processes_and_workers_share_cooldowns_and_run_each_job_once(
    tmp_path, postgres_url, redis_url
):
    with FakeOpenAI() as fake:
        env = site_env(
            tmp_path,
            DATABASE_URL=postgres_url,
            REDIS_URL=redis_url,
            READMARK_TASK_BACKEND="redis",
            READMARK_LLM_BASE_URL=fake.base_url,
            READMARK_LLM_MODEL="fake-model",
            READMARK_LLM_API_KEY="not-a-real-key",
            READMARK_LLM_TIMEOUT_SECONDS=str(LLM_TIMEOUT),
            READMARK_LOG_LEVEL="INFO",  # the workers' logs in tmp_path tell what happened
        )
        token = prepare_site(env)["olivia"]
        (tmp_path / "inflation.md").write_text(ARTICLE)
        imported = subprocess.run(
            [
                str(BIN / "readmark"),
                "import",
                str(tmp_path / "inflation.md"),
                "--slug",
                "inflation",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert imported.returncode == 0, imported.stderr
        # The first call is still being answered when its worker dies; the redelivered job's
        # call gets the cards at once.
        fake.script(
            dataclasses.replace(reply_cards(GOOD_CARDS), delay=LLM_TIMEOUT - 1),
            reply_cards(GOOD_CARDS),
        )
        web_a = Server(env, threads=2).start()
        web_b = Server(env, threads=2).start()
        first = Worker(env, tmp_path / "worker-1.log")
        second = None
        auth = {"Authorization": f"Bearer {token}"}
        deck = "/api/v1/articles/inflation/sections/{}/flashcards"
        try:
            started = httpx.post(web_a.url + deck.format("prices"), headers=auth, timeout=15)
            assert started.status_code == 202, started.text

            # The cooldown claimed through web A holds on web B.
            refused = httpx.post(web_b.url + deck.format("banks"), headers=auth, timeout=15)
            assert refused.status_code == 429, refused.text
            assert int(refused.headers["Retry-After"]) > 60

            # Kill the worker while its provider call is in flight.
            wait(lambda: fake.requests, within=60, what="the worker to call the provider")
            first.kill()
            second = Worker(env, tmp_path / "worker-2.log")
            ready = wait(
                lambda: (
                    (body := httpx.get(web_b.url + deck.format("prices"), headers=auth).json())
                    and body.get("status") not in ("queued", "running")
                    and body
                ),
                within=120,
                what="the redelivered generation",
            )
            assert ready["status"] == "ready", ready
            assert len(ready["cards"]) >= 2
            same = httpx.get(web_a.url + deck.format("prices"), headers=auth).json()
            assert [c["question"] for c in same["cards"]] == [c["question"] for c in ready["cards"]]
            state = json.loads(run_site_script(env, STATE).strip().splitlines()[-1])
            assert state == {"sets": 1, "generations": ["done"]}
            assert len(fake.requests) == 2
        finally:
            for process in (first, second):
                if process is not None:
                    process.stop()
            web_a.stop()
            web_b.stop()
            # Shown by pytest only when the test failed.
            for log in sorted(tmp_path.glob("*.log")):
                print(f"--- {log.name}\n{log.read_text()[-4000:]}")
