"""Benchmark: the review page and the rating endpoint with 10,000 cards due, side by side with
the minimal JSON view (GET /healthz) on the same server.

Run: ``.venv/bin/python bench/review/run.py`` (``--cards``, ``--seconds``, ``--rounds``,
``--clients``). It builds a throw-away SQLite database in a temporary folder, imports the sample
article, puts ``--cards`` flashcards in one reader's review (all due), and serves it with granian as
``readmark serve`` runs it, on one worker with one thread. Clients on keep-alive connections then
take turns: /healthz, GET /review/, POST a rating (each request rates the next card, so every rating
is a real write). Each endpoint runs ``--rounds`` times, alternating, and the best round counts. It
also counts the SQL queries of both endpoints for a reader with 10 cards due and one with
``--cards`` due: they must be equal.

Target: a constant query count (exit status 1 when missed). The ratio to /healthz is printed
for context only: /healthz touches no database, so ratios to it are no longer targets. For
context it also runs the cheapest signed-in JSON view (reading progress): loading the session
and user rows is a fixed cost of every signed-in request that /healthz does not pay; the
"vs floor" column compares against it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import harness  # noqa: E402

ROOT = harness.ROOT


def seed(cards: int):
    """Two readers: `few` with 10 due cards, `many` with `cards` due. Returns (few, many, ids)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from reader.services import article_import
    from study import scheduling
    from study.models import Card, CardSet, ReviewState

    path = ROOT / "content" / "great-leap-forward.md"
    article = article_import(data=path.read_bytes(), name=path.name).article
    users = get_user_model().objects
    now = timezone.now()
    made = {}
    for name, count in (("few", 10), ("many", cards)):
        user = users.create_user(name, password="bench-only-password-123")
        cardset = CardSet.objects.create(
            cache_key=f"bench-{name}",
            content_hash="0" * 64,
            generator="bench",
            generator_version="1",
            options_hash="0" * 64,
            article=article,
            section_anchor="lessons",
        )
        created = Card.objects.bulk_create(
            (
                Card(
                    cardset=cardset,
                    position=i,
                    question=f"What does passage {i} of the lessons say about planning?",
                    answer=f"That targets {i} were set without local reports.",
                    quote=f"targets were set without local reports {i}",
                    start=0,
                    end=40,
                )
                for i in range(count)
            ),
            batch_size=2000,
        )
        ReviewState.objects.bulk_create(
            (
                ReviewState(
                    user=user,
                    card=card,
                    article=article,
                    section_anchor="lessons",
                    memory=scheduling.new_memory(card_id=card.id, now=now),
                    phase=scheduling.Phase.LEARNING,
                    due=now - timezone.timedelta(minutes=i % 600),
                )
                for i, card in enumerate(created)
            ),
            batch_size=2000,
        )
        made[name] = (user, [card.id for card in created])
    return made


def query_counts(user, card_ids: list[int]) -> tuple[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as page:
        assert client.get("/review/").status_code == 200
    with CaptureQueriesContext(connection) as rating:
        response = client.post(
            f"/api/v1/review/cards/{card_ids[0]}/rating",
            json.dumps({"grade": 3}),
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
    return len(page), len(rating)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="readmark-bench-review-"))
    try:
        harness.setup_django(data_dir)
        started = time.perf_counter()
        made = seed(args.cards)
        print(f"seeded {args.cards:,} due cards in {time.perf_counter() - started:.1f} s")
        few_user, few_ids = made["few"]
        many_user, many_ids = made["many"]
        few_counts = query_counts(few_user, few_ids)
        many_counts = query_counts(many_user, many_ids)
        # Leave the bench's DB connection closed while the server writes.
        from django.db import connection

        connection.close()
        cookie = harness.session_cookie(many_user)
        connection.close()
        csrf = "b" * 32
        headers = {
            "Cookie": f"{cookie}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        cards = iter(many_ids[1:])
        card_lock = threading.Lock()

        def rating(_client):
            with card_lock:
                card_id = next(cards)
            body = json.dumps({"grade": 3})
            return "POST", f"/api/v1/review/cards/{card_id}/rating", body, headers

        requests = {
            "GET /healthz": harness.get("/healthz"),
            # The cheapest signed-in JSON view (session and user rows, one small query): what
            # any page for a signed-in reader costs before doing its own work.
            "signed-in floor": harness.get(
                "/api/v1/articles/great-leap-forward/progress", {"Cookie": headers["Cookie"]}
            ),
            "GET /review/": harness.get("/review/", {"Cookie": headers["Cookie"]}),
            "POST rating": rating,
        }
        port = harness.free_port()
        server = harness.start_server(data_dir, port)
        try:
            harness.load(port, args.clients, args.seconds, requests["GET /healthz"])  # warm-up
            best = harness.best_of_rounds(port, args.clients, args.seconds, args.rounds, requests)
        finally:
            harness.stop_server(server)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    base = best["GET /healthz"].rps
    ok = True
    print(f"\n{args.cards:,} cards due · {args.clients} clients · best of {args.rounds} x "
          f"{args.seconds:.0f} s · granian, 1 worker, 1 thread, SQLite")  # fmt: skip
    floor = best["signed-in floor"].rps
    print(f"{'endpoint':<16} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7} {'vs floor':>9}")
    for name, result in best.items():
        ratio = result.rps / base
        print(
            f"{name:<16} {result.rps:>8.0f} {result.p50_ms:>8.2f} "
            f"{result.p95_ms:>8.2f} {ratio:>7.2f} {result.rps / floor:>9.2f}"
        )
    print(
        f"\nqueries (10 due / {args.cards:,} due): review page {few_counts[0]} / "
        f"{many_counts[0]}, rating {few_counts[1]} / {many_counts[1]}"
    )
    if few_counts != many_counts:
        print("query count grows with the number of cards due")
        ok = False
    print(f"target: a constant query count: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
