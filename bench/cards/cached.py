"""Benchmark: a cached flashcards GET against the minimal JSON view, on the same server.

Run: ``.venv/bin/python bench/cards/cached.py`` (``--seconds``, ``--rounds``, ``--clients``).

It builds a throw-away SQLite database in a temporary folder, imports the sample article, generates
the "Lessons" set once (the cache), signs a reader in, and serves it with granian as ``readmark
serve`` runs it, on one worker with one thread. Keep-alive clients then take turns, round after
round: GET /healthz, then the reader's GET /api/v1/articles/great-leap-forward/sections/
lessons/flashcards (authenticated with the session cookie, the set coming from the cache). The best
round of each counts. The figures are context, not targets: /healthz touches no database, so
ratios to it are no longer targets; cached sets are a tenth of bench/load's reader mix, which
holds them to the latency budget a reader feels.

For context it also runs the cheapest signed-in JSON view (the reader's progress in the same
article): loading the session and the user is a fixed cost of every signed-in request that
/healthz, asked by a visitor, does not pay. The "vs signed-in floor" line compares against it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import harness  # noqa: E402

ROOT = harness.ROOT
URL = "/api/v1/articles/great-leap-forward/sections/lessons/flashcards"


def settings_module(data_dir: Path, cached_sessions: bool) -> str:
    """config.settings, or a copy that keeps sessions in the cache (what-if measurement)."""
    if not cached_sessions:
        return "config.settings"
    (data_dir / "bench_settings.py").write_text(
        "from config.settings import *  # noqa: F403\n"
        'SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"\n'
    )
    sys.path.insert(0, str(data_dir))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(data_dir), str(ROOT)])
    return "bench_settings"


def setup(data_dir: Path) -> str:
    """Database, article, cached set and a signed-in reader; returns the Cookie header."""
    os.environ["READMARK_FLASHCARD_GENERATOR"] = "local"
    harness.setup_django(data_dir)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from reader.models import Section
    from reader.services import article_import
    from study.services import cardset_get_or_generate

    path = ROOT / "content" / "great-leap-forward.md"
    article = article_import(data=path.read_bytes(), name=path.name).article
    users = get_user_model().objects
    maker = users.create_user("maker", password="bench-only-password-123")
    lessons = Section.objects.get(revision_id=article.current_revision_id, anchor="lessons")
    made = cardset_get_or_generate(user=maker, article=article, section=lessons)
    assert made.status == "ready", made
    reader = users.create_user("reader", password="bench-only-password-123")
    # cached_db writes the row and the cache entry, so the cookie works with either engine.
    cookie = harness.session_cookie(reader, "django.contrib.sessions.backends.cached_db")
    connection.close()  # the server is the only writer from here on
    return cookie


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--cached-sessions",
        action="store_true",
        help="What if sessions were read from the cache (SESSION_ENGINE cached_db)?",
    )
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="readmark-bench-cards-"))
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module(data_dir, args.cached_sessions)
        cookie = setup(data_dir)
        port = harness.free_port()
        server = harness.start_server(data_dir, port)
        endpoints = {
            "GET /healthz": harness.get("/healthz"),
            "signed-in floor": harness.get(
                "/api/v1/articles/great-leap-forward/progress",
                {"Cookie": cookie, "Accept": "application/json"},
            ),
            "GET flashcards (cached)": harness.get(
                URL, {"Cookie": cookie, "Accept": "application/json"}
            ),
        }
        try:
            for request in endpoints.values():
                harness.load(port, args.clients, 1.0, request)  # warm-up
            best = harness.best_of_rounds(port, args.clients, args.seconds, args.rounds, endpoints)
        finally:
            harness.stop_server(server)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    base = best["GET /healthz"]
    cached = best["GET flashcards (cached)"]
    print(
        f"{args.clients} clients · best of {args.rounds} x {args.seconds:.0f} s · "
        "granian, 1 worker, 1 thread, SQLite"
        + (", cached_db sessions" if args.cached_sessions else "")
    )
    print(f"{'endpoint':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, result in best.items():
        print(f"{name:<24} {result.rps:>8.0f} {result.p50_ms:>8.2f} {result.p95_ms:>8.2f}")
    latency = cached.p50_ms / base.p50_ms
    throughput = base.rps / cached.rps
    floor = best["signed-in floor"]
    print(f"\ncached GET vs /healthz: p50 {latency:.2f}x, throughput {throughput:.2f}x slower")
    print(
        f"cached GET vs signed-in floor: p50 {cached.p50_ms / floor.p50_ms:.2f}x, "
        f"throughput {floor.rps / cached.rps:.2f}x slower"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
