"""Benchmark: a cached flashcards GET against the minimal JSON view, on the same server.

Run: ``.venv/bin/python bench/cards/cached.py`` (``--seconds``, ``--rounds``, ``--clients``).

It builds a throw-away SQLite database in a temporary folder, imports the sample article,
generates the "Lessons" set once (the cache), signs a reader in, and serves it with granian as
``readmark serve`` does (one worker, four threads). Keep-alive clients then take turns, round
after round: GET /healthz, then the reader's GET /api/v1/articles/great-leap-forward/sections/
lessons/flashcards (authenticated with the session cookie, the set coming from the cache).
The best round of each counts. Target: the cached GET within 1.5x of /healthz (p50 latency
at most 1.5x, requests per second at least 1/1.5 of it). Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TARGET = 1.5
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
    os.environ["READMARK_DATA_DIR"] = str(data_dir)
    os.environ["READMARK_FLASHCARD_GENERATOR"] = "local"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.management import call_command
    from django.db import connection

    from reader.models import Section
    from reader.services import article_import
    from study.services import cardset_get_or_generate

    call_command("migrate", verbosity=0)
    path = ROOT / "content" / "great-leap-forward.md"
    article = article_import(data=path.read_bytes(), name=path.name).article
    users = get_user_model().objects
    maker = users.create_user("maker", password="bench-only-password-123")
    lessons = Section.objects.get(revision_id=article.current_revision_id, anchor="lessons")
    made = cardset_get_or_generate(user=maker, article=article, section=lessons)
    assert made.status == "ready", made
    reader = users.create_user("reader", password="bench-only-password-123")
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.save()
    connection.close()  # the server is the only writer from here on
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or "granian"
    env = {**os.environ, "READMARK_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--blocking-threads", "4", "--no-ws", "config.wsgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start: " + process.stderr.read().decode()[-2000:])


def load(port: int, clients: int, seconds: float, path: str, headers: dict) -> dict:
    """`clients` threads on keep-alive connections, GET `path` for `seconds`."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(response.status)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begun
    if failures:
        raise SystemExit(f"{len(failures)} failed requests to {path}: {sorted(set(failures))}")
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p95_ms": 1000 * latencies[int(len(latencies) * 0.95)],
    }


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
        port = free_port()
        server = start_server(data_dir, port)
        endpoints = {
            "GET /healthz": ("/healthz", {}),
            "GET flashcards (cached)": (URL, {"Cookie": cookie, "Accept": "application/json"}),
        }
        best: dict[str, dict] = {}
        try:
            for path, headers in endpoints.values():
                load(port, args.clients, 1.0, path, headers)  # warm-up
            for _ in range(args.rounds):
                for name, (path, headers) in endpoints.items():
                    result = load(port, args.clients, args.seconds, path, headers)
                    if name not in best or result["rps"] > best[name]["rps"]:
                        best[name] = result
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    base = best["GET /healthz"]
    cached = best["GET flashcards (cached)"]
    print(
        f"{args.clients} clients · best of {args.rounds} x {args.seconds:.0f} s · "
        "granian, 1 worker, 4 threads, SQLite"
        + (", cached_db sessions" if args.cached_sessions else "")
    )
    print(f"{'endpoint':<24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, result in best.items():
        print(f"{name:<24} {result['rps']:>8.0f} {result['p50_ms']:>8.2f} {result['p95_ms']:>8.2f}")
    latency = cached["p50_ms"] / base["p50_ms"]
    throughput = base["rps"] / cached["rps"]
    print(f"\ncached GET vs /healthz: p50 {latency:.2f}x, throughput {throughput:.2f}x slower")
    ok = latency <= TARGET and throughput <= TARGET
    print(f"target within {TARGET}x: {'met' if ok else 'missed'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
