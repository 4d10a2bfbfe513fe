"""SIGKILL the server in the middle of a stream of annotation writes, ten times.

Clients send each write with an Idempotency-Key and, when the connection dies before an
answer, retry it with the same key once the server is back (as static/js/lib/api.js does).
Afterwards: every acknowledged write is stored, no key made two annotations, and SQLite's
integrity check passes after every kill."""

from __future__ import annotations

import json
import random
import threading
import time

import httpx
import pytest

from tests.reliability.support import (
    Server,
    prepare_site,
    run_site_script,
    site_env,
    sqlite_integrity,
)

# Its own SQLite site in subprocesses: the run's DATABASE_URL does not apply (one CI pass).
pytestmark = pytest.mark.own_site

KILLS = 10
CLIENTS = 4
PAYLOAD_SCRIPT = """
import json
from reader.models import Article
from tests.annotations.helpers import payload
print(json.dumps(payload(Article.objects.get(slug="great-leap-forward"), "backyard furnaces",
                         kind="note", body="crash test")))
"""


class Writer(threading.Thread):
    """Posts new annotations until told to stop; remembers what was acknowledged and what
    died in flight."""

    def __init__(self, url: str, token: str, payload: dict, prefix: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.url, self.token, self.payload, self.prefix, self.stop = (
            url,
            token,
            payload,
            prefix,
            stop,
        )
        self.acked: dict[str, int] = {}
        self.unacked: list[str] = []

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(timeout=10, headers=headers) as client:
            number = 0
            while not self.stop.is_set() and number < 500:
                key = f"{self.prefix}-{number}"
                number += 1
                body = self.payload | {"body": f"crash test {key}"}
                try:
                    response = client.post(
                        f"{self.url}/api/v1/annotations",
                        json=body,
                        headers={"Idempotency-Key": key},
                    )
                except httpx.HTTPError:
                    self.unacked.append(key)
                    return  # the server is gone
                if response.status_code in (200, 201):
                    self.acked[key] = response.json()["id"]
                else:
                    self.unacked.append(key)


def test_acknowledged_writes_survive_ten_kills_and_retries_do_not_duplicate(tmp_path):
    env = site_env(tmp_path)
    token = prepare_site(env)["olivia"]
    payload = json.loads(run_site_script(env, PAYLOAD_SCRIPT).strip().splitlines()[-1])
    database = tmp_path / "readmark.sqlite3"
    rng = random.Random(7)
    acked: dict[str, int] = {}
    retried = 0
    server = Server(env, workers=1, threads=4)
    pending: list[str] = []
    for round_number in range(KILLS):
        server.start()
        auth = {"Authorization": f"Bearer {token}"}
        # First the retries of writes that died in flight last time: same key, same body.
        for key in pending:
            response = httpx.post(
                f"{server.url}/api/v1/annotations",
                json=payload | {"body": f"crash test {key}"},
                headers=auth | {"Idempotency-Key": key},
                timeout=10,
            )
            assert response.status_code in (200, 201), response.text
            acked[key] = response.json()["id"]
            retried += 1
        stop = threading.Event()
        writers = [
            Writer(server.url, token, payload, f"k{round_number}.{n}", stop) for n in range(CLIENTS)
        ]
        for writer in writers:
            writer.start()
        # Kill mid-stream: once writes are flowing, at a random moment.
        deadline = time.monotonic() + 10
        while sum(len(w.acked) for w in writers) < CLIENTS and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        server.kill()
        stop.set()
        for writer in writers:
            writer.join(timeout=15)
            acked.update(writer.acked)
        pending = [key for writer in writers for key in writer.unacked]
        assert sqlite_integrity(database) == [], f"after kill {round_number + 1}"
    server.start()
    try:
        for key in pending:
            response = httpx.post(
                f"{server.url}/api/v1/annotations",
                json=payload | {"body": f"crash test {key}"},
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
                timeout=10,
            )
            assert response.status_code in (200, 201)
            acked[key] = response.json()["id"]
            retried += 1
    finally:
        server.stop()
    listing = run_site_script(
        env,
        "import json\nfrom annotations.models import Annotation\n"
        "print(json.dumps([[a.body.removeprefix('crash test '), a.pk]"
        " for a in Annotation.objects.all()]))",
    )
    rows = json.loads(listing.strip().splitlines()[-1])
    stored = dict(rows)
    assert len(acked) >= KILLS * CLIENTS  # the stream really ran
    assert retried >= KILLS  # and kills really cut requests off
    # Every acknowledged write is there, under the id the client was given...
    assert {key: stored.get(key) for key in acked} == acked
    # ...and nothing else: no key made a second annotation.
    assert len(rows) == len(stored) == len(acked)
    assert sqlite_integrity(database) == []
