"""Load benchmark: how many requests per second of a reader's mix Readmark serves within a latency
budget, and its annotation create side by side with the conventional Django implementation.

Run: ``.venv/bin/python bench/load/run.py`` (about 8 minutes), ``--quick`` for a smoke run
(about a minute); ``--rates``, ``--seconds``, ``--rounds``, ``--round-seconds``,
``--concurrency``, ``--workers`` and ``--threads`` (passed to ``readmark serve``),
``--no-capacity``, ``--no-compare``. Needs Node.js and npm (as ``make test``
does): the first run installs the load generator into bench/load/node_modules with
``npm ci --prefix bench/load``.

It builds a throw-away site in a temporary folder the way ``make run`` does (``readmark setup``:
SQLite, the sample articles), generates the "Lessons" flashcard set of the sample article
(``readmark flashcards``), gives one reader a session cookie and a personal token, and serves the
site with ``readmark serve`` and its defaults (a granian process per core, two threads each).
The reader's 100 annotations on that article are made through the API, as a browser would.

1. Capacity. An open-loop load of a reader's mix, in this interleaved order:
   40% reader pages (``GET /articles/great-leap-forward/``, signed in, with the reader's 100
   annotations), 30% creates (``POST /api/v1/annotations``, a note with a fresh
   Idempotency-Key, on another article so the page and the list keep 100), 20% lists
   (``GET /api/v1/annotations?article=great-leap-forward``, 100 items) and 10% cached flashcard
   sets (``GET /api/v1/articles/great-leap-forward/sections/lessons/flashcards``). The API
   calls carry the personal token. Each rate in ``--rates`` is held for ``--seconds``, rising
   until a step misses the budget: p99 <= 150 ms over all its requests, and no error (an
   answer other than 200, or 201 for a create; a failed connection). The figure is the
   highest rate that held. Target: >= 200 requests/s.
2. Create against the conventional implementation. The server restarts with
   bench/load/settings.py, whose URLconf adds ``POST /bench/reference/annotations``
   (bench/load/reference.py: a ninja schema, the same token authentication, then
   ``Annotation.objects.create``). Both endpoints get the same note, each request with its own
   Idempotency-Key, from ``--concurrency`` keep-alive clients that send a request as soon as
   the last one is answered (closed loop, to find the most each can serve), ``--round-seconds``
   each, taking turns for ``--rounds`` rounds. The ratio of requests/s is taken within each
   round, and the median of the rounds' ratios counts: these shared machines drift from one
   minute to the next. Target: Readmark >= 0.6x the reference.

The load generator is loadtest (npm, MIT, maintained), in its requests-per-second mode: requests
leave on a fixed schedule whether or not the earlier ones were answered (bench/load/mix.mjs
picks and times them, latency counted from when each request was due). Open loop because a
closed-loop tool (wrk, ab, hey, locust) waits for an answer before sending the next request,
so when the server stalls it stops sending and never measures the queue a real crowd of
readers would build. vegeta and wrk2, the usual open-loop tools, are not in this Debian
release, and loadtest's Node process costs the shared cores little next to a Python client.

The generator runs on the same cores as the server, as a reader's browser would not: its CPU
is part of what each figure is measured with, and each step says how much it used. Each step
and each endpoint of the comparison also print the server's CPU time per request (its processes'
user and system time over the requests answered): other work on the machine moves latency and
requests/s a lot and CPU per request much less (a busy machine still inflates it somewhat), so
that column is the one to compare between runs made at different times. Between the two
parts, bench/load/cpu.py times each endpoint of the mix alone in one Django process (thread CPU
time, median): where the time goes.

Exit status 1 when a target is missed (also with ``--quick``, whose short steps are indicative
only). The reader page's own budget (1,000 annotations against none) is bench/reader/run.py.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
SLUG = "great-leap-forward"
OTHER_SLUG = "printing-press"
CARDS_SECTION = "lessons"
ANNOTATIONS = 100
P99_BUDGET_MS = 150.0
MIN_CAPACITY = 200
MIN_CREATE_RATIO = 0.6
DEFAULT_RATES = "100,150,200,250,300"
QUICK_RATES = "100,200"
CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector, as the browser sends


@dataclass
class Endpoint:
    name: str
    weight: int
    method: str
    path: str
    headers: dict[str, str]
    body: str | None = None
    idempotency: bool = False

    @property
    def expect(self) -> int:
        """The only answer that counts as served: a create must create, not replay (200)."""
        return 201 if self.method == "POST" else 200

    def plan(self) -> dict:
        return {
            "name": self.name, "weight": self.weight, "method": self.method,
            "path": self.path, "headers": self.headers, "body": self.body,
            "idempotency": self.idempotency, "expect": self.expect,
        }  # fmt: skip


@dataclass
class Row:
    """One endpoint's (or the whole mix's) figures from one load run."""

    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int


# --- the site ------------------------------------------------------------------------------------


def site_env(data_dir: Path, settings: str = "config.settings") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    for name in ("WEB_WORKERS", "WEB_THREADS", "READMARK_FLASHCARD_GENERATOR"):
        env.pop(name, None)  # `make run` defaults, whatever this shell exports
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        READMARK_DATA_DIR=str(data_dir),
        READMARK_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def run_quietly(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], port: int, log: Path, options: list[str]) -> subprocess.Popen:
    """``readmark serve`` (its defaults unless `options` say otherwise), once GET /healthz
    answers 200."""
    command = [str(BIN / "readmark"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("ab") as out:
        process = subprocess.Popen(
            command + options, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("the server did not start:\n" + log.read_text(errors="replace")[-3000:])


def stop_server(process: subprocess.Popen) -> None:
    # The whole group: granian's workers are children of the process `readmark serve` became.
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time used so far by the server's processes (granian and its workers: one process
    group). CPU per request moves far less than requests per second with other work on the
    machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[2]) == server.pid:  # the process group
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def call(port: int, method: str, path: str, headers: dict[str, str], body: str | None = None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=body.encode() if body is not None else None,
        method=method,
        headers={**headers, **({"Content-Type": "application/json"} if body else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def selectors(text: str, start: int, end: int) -> list[dict]:
    return [
        {"type": "TextQuoteSelector", "exact": text[start:end],
         "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT]},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]  # fmt: skip


def passage(text: str, rng: random.Random) -> tuple[int, int]:
    words = [m.start() for m in re.finditer(r"\b\w", text)] or [0]
    start = rng.choice(words[: max(1, len(words) - 3)])
    end = min(len(text), start + rng.randint(15, 90))
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return start, end


def seed_annotations(port: int, token: str, sections: list[dict]) -> None:
    """The reader's annotations on the article, through the API as the browser makes them."""
    rng = random.Random(13)
    kinds = ["highlight", "note", "quote"]
    auth = {"Authorization": f"Bearer {token}"}
    for number in range(ANNOTATIONS):
        section = sections[number % len(sections)]
        start, end = passage(section["text"], rng)
        kind = kinds[number % 3]
        body = f"Note {number}: **why** this passage matters." if kind == "note" else ""
        status, answer = call(
            port, "POST", "/api/v1/annotations", auth,
            json.dumps({"article": SLUG, "section": section["anchor"], "kind": kind,
                        "selectors": selectors(section["text"], start, end), "body": body}),
        )  # fmt: skip
        if status != 201:
            raise SystemExit(f"seeding annotation {number} answered {status}: {answer[:300]!r}")


def create_body(sections: list[dict]) -> str:
    section = sections[0]
    start, end = passage(section["text"], random.Random(7))
    return json.dumps(
        {"article": OTHER_SLUG, "section": section["anchor"], "kind": "note",
         "selectors": selectors(section["text"], start, end),
         "body": "Compare with the *movable type* of the chapter before: [why](#top)."}
    )  # fmt: skip


# --- the load generator --------------------------------------------------------------------------


def ensure_loadtest() -> None:
    if (HERE / "node_modules" / "loadtest").is_dir():
        return
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise SystemExit("bench/load needs Node.js and npm: apt-get install nodejs npm")
    print("Installing the load generator (loadtest, from bench/load/package-lock.json)...")
    subprocess.run(
        ["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
    )


def load(url: str, endpoints: list[Endpoint], seconds: float, *, rate: float | None = None,
         concurrency: int | None = None, workdir: Path) -> dict:  # fmt: skip
    plan = {
        "url": url, "seconds": seconds, "rate": rate, "concurrency": concurrency,
        "requests": [endpoint.plan() for endpoint in endpoints],
    }  # fmt: skip
    plan_path = workdir / "plan.json"
    plan_path.write_text(json.dumps(plan))
    out_path = workdir / "results.json"
    done = subprocess.run(
        ["node", str(HERE / "mix.mjs"), str(plan_path), str(out_path)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"the load generator failed:\n{done.stderr[-3000:]}")
    return json.loads(out_path.read_text())


def percentile(ordered: list[float], share: float) -> float:
    """Nearest rank: the smallest value that `share` of the values do not exceed."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarise(run: dict, index: int | None = None, *, open_loop: bool = True) -> Row:
    """Figures for one endpoint (`index`) or, with None, for every request of the run. In an
    open loop the requests still unanswered at the end count with their age so far as their
    latency (a server that stalls at the end cannot hide it); in a closed loop they are only the
    clients' last requests, cut off by the end of the run, and do not count."""
    answered = [r for r in run["results"] if index is None or r[0] == index]
    pending = [r for r in run["unanswered"] if index is None or r[0] == index] if open_loop else []
    latencies = sorted([r[1] for r in answered] + [r[1] for r in pending])
    good = sum(1 for r in answered if r[2] == run["expect"][r[0]])
    return Row(
        requests=len(latencies),
        per_second=good / run["seconds"],
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        max_ms=latencies[-1] if latencies else math.nan,
        errors=len(answered) - good,
    )


# --- 1. capacity ---------------------------------------------------------------------------------


def capacity(args, url: str, mix: list[Endpoint], workdir: Path, server) -> int | None:
    rates = [int(rate) for rate in args.rates.split(",")]
    shares = ", ".join(f"{e.weight * 10}% {e.name}" for e in mix)
    print(f"\n1. Capacity: open-loop mix ({shares}); each step {args.seconds:g} s")
    load(url, mix, args.warmup, rate=20, workdir=workdir)  # connections, caches, templates
    names = [e.name for e in mix]
    print(
        f"{'req/s':>6} {'served/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6}  "
        + "  ".join(f"{'p99 ' + n.split()[0]:>12}" for n in names)
        + f"  {'CPU/req':>7}  verdict"
    )
    held = None
    for rate in rates:
        cpu_before = server_cpu_seconds(server)
        run = load(url, mix, args.seconds, rate=rate, workdir=workdir)
        cpu = (server_cpu_seconds(server) - cpu_before) * 1000 / max(1, len(run["results"]))
        row = summarise(run)
        ok = row.p99_ms <= P99_BUDGET_MS and row.errors == 0
        parts = "  ".join(f"{summarise(run, i).p99_ms:>12.1f}" for i in range(len(mix)))
        lag = f", up to {run['max_lag_ms']:.0f} ms late" if run["max_lag_ms"] > 20 else ""
        print(
            f"{rate:>6} {row.per_second:>9.1f} {row.p50_ms:>7.1f} {row.p99_ms:>7.1f} "
            f"{row.max_ms:>7.0f} {row.errors:>6}  {parts}  {cpu:>4.1f} ms  "
            f"{'held' if ok else 'MISSED'} "
            f"(generator {run['cpu_ms'] / 10 / run['seconds']:.0f}% of a core{lag}; "
            f"load average {os.getloadavg()[0]:.1f})"
        )
        if run["failures"]:
            print(f"{'':>6} e.g. {'; '.join(run['failures'][:3])}")
        if not ok:
            break
        held = rate
        time.sleep(2)  # let the step's last requests drain before the next
    return held


def cpu_per_endpoint(mix: list[Endpoint], env: dict[str, str], workdir: Path, requests: int):
    """bench/load/cpu.py on the same site, with the server stopped."""
    healthz = Endpoint("/healthz (for scale)", 0, "GET", "/healthz", {})
    plan = {"endpoints": [e.plan() for e in [*mix, healthz]], "requests": requests}
    plan_path = workdir / "cpu-plan.json"
    plan_path.write_text(json.dumps(plan))
    figures = json.loads(
        run_quietly([sys.executable, str(HERE / "cpu.py"), str(plan_path)], env)
        .strip().splitlines()[-1]
    )  # fmt: skip
    print(
        f"\nCPU per request of each endpoint (Django in one process through its test client, "
        f"no HTTP server, median of {requests}; thread CPU time, which other work on the "
        "machine moves far less than latency):"
    )
    print("   " + ", ".join(f"{name} {ms:.1f} ms" for name, ms in figures.items()))
    weighted = sum(figures[e.name] * e.weight for e in mix) / sum(e.weight for e in mix)
    print(f"   the mix, weighted: {weighted:.1f} ms")


# --- 2. create against the conventional implementation -------------------------------------------


def compare(
    args, url: str, readmark: Endpoint, reference: Endpoint, workdir: Path, server
) -> tuple[float, int]:
    """The median of the rounds' ratios of requests/s, and the number of failed requests."""
    print(
        f"\n2. Create against the conventional implementation: {args.concurrency} keep-alive "
        f"clients, closed loop, {args.rounds} rounds of {args.round_seconds:g} s each, in turns"
    )
    for endpoint in (readmark, reference):  # warm both the same way
        load(url, [endpoint], args.warmup, concurrency=args.concurrency, workdir=workdir)
    rows: dict[str, list[Row]] = {readmark.name: [], reference.name: []}
    cpu: dict[str, list[float]] = {readmark.name: [], reference.name: []}
    failures: list[str] = []
    for _ in range(args.rounds):
        for endpoint in (readmark, reference):
            before = server_cpu_seconds(server)
            run = load(url, [endpoint], args.round_seconds, concurrency=args.concurrency,
                       workdir=workdir)  # fmt: skip
            used = server_cpu_seconds(server) - before
            cpu[endpoint.name].append(1000 * used / max(1, len(run["results"])))
            rows[endpoint.name].append(summarise(run, open_loop=False))
            failures += run["failures"]
    ratios = [
        mine.per_second / theirs.per_second
        for mine, theirs in zip(rows[readmark.name], rows[reference.name], strict=True)
    ]
    print(
        f"{'endpoint':<40} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
        f"{'CPU/req':>8}  rounds (req/s)"
    )
    for name, runs in rows.items():
        middle = sorted(runs, key=lambda r: r.per_second)[len(runs) // 2]
        rounds = ", ".join(f"{r.per_second:.0f}" for r in runs)
        errors = sum(r.errors for r in runs)
        print(
            f"{name:<40} {middle.per_second:>7.1f} {middle.p50_ms:>7.1f} {middle.p99_ms:>7.1f} "
            f"{errors:>6} {statistics.median(cpu[name]):>5.2f} ms  {rounds}"
        )
    print(f"per-round ratios (Readmark / reference): {', '.join(f'{r:.2f}' for r in ratios)}")
    print(
        "server CPU per create, reference / Readmark (context: moved less by other work): "
        f"{statistics.median(cpu[reference.name]) / statistics.median(cpu[readmark.name]):.2f}x"
    )
    if failures:
        print(f"failed requests, e.g. {'; '.join(failures[:3])}")
    return statistics.median(ratios), len(failures)


# --- main ----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: short steps, 2 rates")
    parser.add_argument("--rates", help=f"requests/s per step (default {DEFAULT_RATES})")
    parser.add_argument("--seconds", type=float, help="length of each step (default 60)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up before measuring")
    parser.add_argument("--rounds", type=int, help="create comparison rounds (default 5)")
    parser.add_argument("--round-seconds", type=float, help="seconds per endpoint per round")
    parser.add_argument("--concurrency", type=int, default=8, help="clients in the comparison")
    parser.add_argument("--workers", type=int, help="readmark serve --workers (default: its own)")
    parser.add_argument("--threads", type=int, help="readmark serve --threads (default: its own)")
    parser.add_argument("--no-capacity", action="store_true")
    parser.add_argument("--no-compare", action="store_true")
    args = parser.parse_args()
    quick = {"rates": QUICK_RATES, "seconds": 10, "warmup": 2, "rounds": 2, "round_seconds": 5}
    full = {"rates": DEFAULT_RATES, "seconds": 60, "warmup": 5, "rounds": 5, "round_seconds": 10}
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)

    ensure_loadtest()
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="readmark-load-"))
    env = site_env(workdir)
    server = None
    try:
        run_quietly([str(BIN / "readmark"), "setup"], env)
        run_quietly([str(BIN / "readmark"), "flashcards", SLUG, "--section", CARDS_SECTION], env)
        seeded = json.loads(
            run_quietly([sys.executable, str(HERE / "seed.py"), SLUG, OTHER_SLUG], env)
            .strip().splitlines()[-1]
        )  # fmt: skip
        token_header = {"Authorization": f"Bearer {seeded['token']}", "Accept": "application/json"}
        page_header = {"Cookie": seeded["cookie"], "Accept": "text/html"}
        body = create_body(seeded["sections"][OTHER_SLUG])
        create = Endpoint("create", 3, "POST", "/api/v1/annotations", token_header, body, True)
        mix = [
            Endpoint(f"page ({ANNOTATIONS} annotations)", 4, "GET", f"/articles/{SLUG}/",
                     page_header),
            create,
            Endpoint(f"list ({ANNOTATIONS} items)", 2, "GET",
                     f"/api/v1/annotations?article={SLUG}", token_header),
            Endpoint("cards (cached set)", 1, "GET",
                     f"/api/v1/articles/{SLUG}/sections/{CARDS_SECTION}/flashcards",
                     token_header),
        ]  # fmt: skip
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = workdir / "server.log"
        serve = [f"--{name}={getattr(args, name)}" for name in ("workers", "threads")
                 if getattr(args, name) is not None]  # fmt: skip
        server = start_server(env, port, log, serve)
        seed_annotations(port, seeded["token"], seeded["sections"][SLUG])
        for endpoint in mix:  # each answers as the mix needs before any load
            status, answer = call(port, endpoint.method, endpoint.path, endpoint.headers,
                                  endpoint.body)  # fmt: skip
            if status != endpoint.expect:
                raise SystemExit(f"{endpoint.name} answered {status}: {answer[:300]!r}")
        page = call(port, "GET", mix[0].path, page_header)[1]
        if b"load-reader" not in page:
            raise SystemExit("the reader page does not show the signed-in reader: the session "
                             "cookie made by bench/load/seed.py was not accepted")  # fmt: skip
        list_size = json.loads(call(port, "GET", mix[2].path, token_header)[1])["count"]
        if list_size != ANNOTATIONS:
            raise SystemExit(f"the list holds {list_size} annotations, not {ANNOTATIONS}")
        print(
            f"Readmark: `{' '.join(['readmark serve', *serve])}`"
            + ("" if serve else " with its defaults (a process per core, two threads each)")
            + ", "
            f"SQLite, on {len(os.sched_getaffinity(0))} cores shared with the load generator "
            f"(loadtest 8.2.1, Node); reader page {len(page):,} bytes; load average before the "
            f"run {os.getloadavg()[0]:.1f} (other work on this machine lowers every figure)"
        )

        held = None
        if not args.no_capacity:
            held = capacity(args, url, mix, workdir, server)
        stop_server(server)
        server = None
        cpu_per_endpoint(mix, env, workdir, 20 if args.quick else 60)

        ratio, failed = None, 0
        if not args.no_compare:
            env = site_env(workdir, "bench.load.settings")
            server = start_server(env, port, log, serve)
            reference = Endpoint(
                "reference: Annotation.objects.create", 1, "POST",
                "/bench/reference/annotations", token_header, body, True,
            )  # fmt: skip
            status, answer = call(port, "POST", reference.path, token_header, body)
            if status != 201:
                raise SystemExit(f"the reference endpoint answered {status}: {answer[:300]!r}")
            readmark = Endpoint(
                "Readmark: POST /api/v1/annotations", 1, "POST", create.path, token_header, body,
                True,
            )  # fmt: skip
            ratio, failed = compare(args, url, readmark, reference, workdir, server)
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\nSummary ({'--quick: indicative only, ' if args.quick else ''}"
          f"{time.monotonic() - started:.0f} s)")  # fmt: skip
    failures = []
    if not args.no_capacity:
        top = int(args.rates.split(",")[-1])
        figure = (
            "no step held" if held is None
            else f"{held} req/s held" + (" (every step held)" if held == top else "")
        )  # fmt: skip
        met = held is not None and held >= MIN_CAPACITY
        print(
            f"{'PASS' if met else 'FAIL'} capacity: {figure}, the highest step with "
            f"p99 <= {P99_BUDGET_MS:g} ms and 0 errors (target >= {MIN_CAPACITY} req/s)"
        )
        failures += [] if met else ["capacity"]
    if ratio is not None:
        met = ratio >= MIN_CREATE_RATIO and not failed
        print(
            f"{'PASS' if met else 'FAIL'} create: Readmark at {ratio:.2f}x the requests/s of "
            f"Annotation.objects.create behind the same auth (median of rounds; target >= "
            f"{MIN_CREATE_RATIO}x)" + (f", {failed} failed requests" if failed else "")
        )
        failures += [] if met else ["create ratio"]
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
