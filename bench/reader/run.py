"""Benchmark: the reader page with 1,000 of one reader's annotations against the same page with
none, and the reader page against the minimal JSON view (GET /healthz), on one granian server.

Run: ``.venv/bin/python bench/reader/run.py`` (``--annotations``, ``--seconds``, ``--rounds``,
``--clients``, ``--no-browser``). It builds a throw-away SQLite database in a temporary folder,
imports the sample article, gives one reader ``--annotations`` highlights, notes and quotes (random
passages, overlaps included) and a notebook, and serves it with granian as ``readmark serve`` runs
it, on one worker with one thread. Clients on keep-alive connections (Python threads on loopback)
then take turns on each endpoint for ``--seconds``; each runs ``--rounds`` times, alternating, and
the best round counts. It also counts the page's SQL queries for both readers, and (unless
``--no-browser``) times drawing the marks in Chromium.

Targets (exit status 1 when missed):
- reader page with 1,000 annotations: <= 2x the time per request of the page with none;
- the same number of SQL queries with 1,000 annotations as with none;
- foundation: the reader page (a visitor) at >= 0.5x the requests per second of /healthz.
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
MIN_FOUNDATION_RATIO = 0.5
SEED = 20261129


def seed(count: int):
    """Two readers: `empty` with nothing, `heavy` with `count` annotations and a notebook."""
    from django.contrib.auth import get_user_model

    from anchoring import describe, to_w3c
    from annotations.models import Annotation, Notebook
    from reader.models import Section
    from reader.services import article_import
    from readmark.markdown import render_markdown

    path = ROOT / "content" / f"{SLUG}.md"
    article = article_import(data=path.read_bytes(), name=path.name).article
    users = get_user_model().objects
    empty = users.create_user("empty", password="bench-only-password-123")
    heavy = users.create_user("heavy", password="bench-only-password-123")
    sections = list(Section.objects.filter(revision_id=article.current_revision_id))
    rng = random.Random(SEED)
    kinds = ["highlight", "note", "quote"]
    rows = []
    for i in range(count):
        section = rng.choice(sections)
        words = [m.start() for m in re.finditer(r"\b\w", section.text)]
        start = rng.choice(words)
        end = min(len(section.text), start + rng.randint(12, 120))
        kind = kinds[i % 3]
        body = f"Note {i}: **why** this passage matters, with a [link](https://example.org/{i})."
        rows.append(
            Annotation(
                owner=heavy,
                article=article,
                revision_id=section.revision_id,
                section=section,
                section_anchor=section.anchor,
                kind=kind,
                selectors=to_w3c(describe(section.text, start, end)),
                quote=section.text[start:end],
                start=start,
                end=end,
                body=body if kind == "note" else "",
                body_html=render_markdown(body) if kind == "note" else "",
            )
        )
    Annotation.objects.bulk_create(rows, batch_size=500)
    notes = "\n\n".join(f"> quote {i} [↩](#annotation-{i})" for i in range(1, 200))
    Notebook.objects.create(
        owner=heavy, article=article, body=notes, body_html=render_markdown(notes), version=1
    )
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
    foundation = best[names[1]].rps / base
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
        (f"foundation: reader page (visitor) at {foundation:.2f}x /healthz "
         f"(target >= {MIN_FOUNDATION_RATIO})", foundation >= MIN_FOUNDATION_RATIO),
    ]  # fmt: skip
    for text, passed in verdicts:
        print(("PASS " if passed else "FAIL ") + text)
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
