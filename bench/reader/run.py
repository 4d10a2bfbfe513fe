"""Benchmark: the reader page with 1,000 of one reader's annotations against the same page with
none, on one granian server.

Run: ``.venv/bin/python bench/reader/run.py`` (``--annotations``, ``--seconds``, ``--rounds``,
``--clients``, ``--no-browser``). It builds a throw-away SQLite database in a temporary folder,
imports the sample article, gives one reader ``--annotations`` highlights, notes and quotes (random
passages, overlaps included, saved through the API) and a notebook, and serves it with granian as
``readmark serve`` runs
it, on one worker with one thread. Clients on keep-alive connections (Python threads on loopback)
then take turns on each endpoint for ``--seconds``; each runs ``--rounds`` times, alternating, and
the best round counts. It also counts the page's SQL queries for both readers, and (unless
``--no-browser``) times drawing the marks in Chromium.

Targets (exit status 1 when missed):
- reader page with 1,000 annotations: <= 2x the time per request of the page with none;
- the same number of SQL queries with 1,000 annotations as with none.

GET /healthz and the visitor's page are printed for context only (ratios to /healthz are no
longer targets: it touches no database). bench/load measures the page within a reader's mix.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import harness  # noqa: E402

ROOT = harness.ROOT
SLUG = "great-leap-forward"
PAGE = f"/articles/{SLUG}/"
MAX_SLOWDOWN = 2.0
SEED = 20261129


def selectors(text: str, start: int, end: int) -> list[dict]:
    """The W3C selectors the browser sends for a passage (32 characters of context)."""
    return [
        {"type": "TextQuoteSelector", "exact": text[start:end],
         "prefix": text[max(0, start - 32):start], "suffix": text[end:end + 32]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]  # fmt: skip


def seed(count: int):
    """Two readers: `empty` with nothing, `heavy` with `count` annotations and a notebook.

    Through public means only, so that the benchmark outlives refactors of the app: the
    ``readmark import`` command, the ORM for users and section texts, and the API (as the
    browser saves highlights, notes and quotes) for the annotations and the notebook.
    """
    import json
    import subprocess

    from django.contrib.auth import get_user_model
    from django.test import Client

    from reader.models import Article, Section

    path = ROOT / "content" / f"{SLUG}.md"
    readmark = Path(sys.executable).parent / "readmark"
    subprocess.run([str(readmark), "import", str(path)], check=True, capture_output=True)
    article = Article.objects.get(slug=SLUG)
    users = get_user_model().objects
    empty = users.create_user("empty", password="bench-only-password-123")
    heavy = users.create_user("heavy", password="bench-only-password-123")
    sections = list(Section.objects.filter(revision_id=article.current_revision_id))
    client = Client()
    client.force_login(heavy)
    rng = random.Random(SEED)
    kinds = ["highlight", "note", "quote"]
    for i in range(count):
        section = rng.choice(sections)
        words = [m.start() for m in re.finditer(r"\b\w", section.text)]
        start = rng.choice(words)
        end = min(len(section.text), start + rng.randint(12, 120))
        kind = kinds[i % 3]
        body = f"Note {i}: **why** this passage matters, with a [link](https://example.org/{i})."
        payload = {
            "article": SLUG, "section": section.anchor, "kind": kind,
            "selectors": selectors(section.text, start, end),
            "body": body if kind == "note" else "",
        }  # fmt: skip
        answer = client.post(
            "/api/v1/annotations", json.dumps(payload), content_type="application/json"
        )
        if answer.status_code != 201:
            raise SystemExit(f"seeding annotation {i} answered {answer.status_code}: "
                             f"{answer.content[:300]!r}")  # fmt: skip
    notes = "\n\n".join(f"> quote {i} [↩](#annotation-{i})" for i in range(1, 200))
    answer = client.put(
        f"/api/v1/articles/{SLUG}/notebook", json.dumps({"body": notes}),
        content_type="application/json", headers={"If-Match": '"v0"'},
    )  # fmt: skip
    if answer.status_code != 200:
        raise SystemExit(f"saving the notebook answered {answer.status_code}")
    return empty, heavy


def cpu_ms(user, path: str = PAGE, requests: int = 60) -> float:
    """Median CPU time of the whole Django request in this process (thread time: other
    processes on a busy machine do not count, unlike wall time)."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(path)  # warm: templates compiled, cache filled
    times = []
    for _ in range(requests):
        started = time.thread_time()
        assert client.get(path).status_code == 200
        times.append(time.thread_time() - started)
    times.sort()
    return 1000 * times[len(times) // 2]


def query_count(user) -> tuple[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PAGE)
        assert response.status_code == 200
    return len(queries), len(response.content)


def signed_in(port: int, cookie: str, username: str) -> bool:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", PAGE, headers={"Cookie": cookie})
    response = connection.getresponse()
    return response.status == 200 and f">{username}<".encode() in response.read()


def browser_render_ms(port: int, cookie: str) -> float | None:
    """Time Chromium takes to draw the marks (the page records it with performance.measure)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = os.environ.get("READMARK_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        return None
    name, value = cookie.split("=", 1)
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": name, "value": value, "url": f"http://127.0.0.1:{port}"}])
        page = context.new_page()
        for _ in range(3):
            page.goto(f"http://127.0.0.1:{port}{PAGE}")
            page.wait_for_function(
                "performance.getEntriesByName('annotations:render').length > 0", timeout=30000
            )
            timings.append(
                page.evaluate("performance.getEntriesByName('annotations:render')[0].duration")
            )
        browser.close()
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="readmark-bench-reader-"))
    try:
        harness.setup_django(data_dir)
        started = time.perf_counter()
        empty, heavy = seed(args.annotations)
        print(f"seeded {args.annotations:,} annotations in {time.perf_counter() - started:.1f} s")
        counts = {"visitor": query_count(None), "none": query_count(empty)}
        counts["many"] = query_count(heavy)
        cpu = {
            "healthz": cpu_ms(None, "/healthz"),
            "visitor": cpu_ms(None),
            "none": cpu_ms(empty),
            "many": cpu_ms(heavy),
        }
        cookies = {"none": harness.session_cookie(empty), "many": harness.session_cookie(heavy)}
        from django.db import connection

        connection.close()
        endpoints = {
            "GET /healthz": harness.get("/healthz"),
            "reader, visitor": harness.get(PAGE),
            "reader, 0 annotations": harness.get(PAGE, {"Cookie": cookies["none"]}),
            f"reader, {args.annotations:,} annotations": harness.get(
                PAGE, {"Cookie": cookies["many"]}
            ),
        }
        port = harness.free_port()
        server = harness.start_server(data_dir, port)
        try:
            harness.load(port, args.clients, 1.0, harness.get(PAGE))  # warm-up
            for name, who in (("empty", "none"), ("heavy", "many")):
                if not signed_in(port, cookies[who], name):
                    raise SystemExit(f"the page does not show {name} signed in: the session "
                                     "cookie was not accepted")  # fmt: skip
            best = harness.best_of_rounds(port, args.clients, args.seconds, args.rounds, endpoints)
            render_ms = None if args.no_browser else browser_render_ms(port, cookies["many"])
        finally:
            harness.stop_server(server)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    names = list(endpoints)
    base = best[names[0]].rps
    print(
        f"\n{args.clients} clients · best of {args.rounds} x {args.seconds:.0f} s · granian, "
        "1 worker, 1 thread, SQLite"
    )
    print(f"{'endpoint':<28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs healthz':>11}")
    for name in names:
        result = best[name]
        print(
            f"{name:<28} {result.rps:>8.0f} {result.p50_ms:>8.2f} "
            f"{result.p95_ms:>8.2f} {result.rps / base:>11.2f}"
        )
    slowdown = best[names[2]].rps / best[names[3]].rps
    print(
        f"\nqueries / page bytes: visitor {counts['visitor'][0]} / {counts['visitor'][1]:,}, "
        f"0 annotations {counts['none'][0]} / {counts['none'][1]:,}, "
        f"{args.annotations:,} annotations {counts['many'][0]} / {counts['many'][1]:,}"
    )
    print(
        f"CPU per request (median, in process): /healthz {cpu['healthz']:.2f} ms, "
        f"visitor {cpu['visitor']:.1f} ms, 0 annotations {cpu['none']:.1f} ms, "
        f"{args.annotations:,} annotations {cpu['many']:.1f} ms "
        f"({cpu['many'] / cpu['none']:.2f}x)"
    )
    if render_ms is not None:
        print(f"Chromium draws {args.annotations:,} annotations' marks in {render_ms:.0f} ms")
    ok = True
    verdicts = [
        (f"{args.annotations:,} annotations vs none: {slowdown:.2f}x the time per request "
         f"(target <= {MAX_SLOWDOWN})", slowdown <= MAX_SLOWDOWN),
        (f"query count with {args.annotations:,} annotations equals none: "
         f"{counts['many'][0]} vs {counts['none'][0]}", counts["many"][0] == counts["none"][0]),
    ]  # fmt: skip
    for text, passed in verdicts:
        print(("PASS " if passed else "FAIL ") + text)
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
