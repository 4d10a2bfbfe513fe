"""Load benchmark: the annotation API at 32 concurrent clients, side by side with the minimal JSON
view (GET /healthz) on the same granian server.

Run: ``.venv/bin/python bench/load/run.py`` (``--seconds``, ``--rounds``, ``--clients``,
``--workers``, ``--threads``, ``--python`` to force the Python client). It builds a throw-away
SQLite site in a temporary folder (``readmark setup``; one reader with a personal token and 50
annotations on one article, while creates go to another, so the list stays at 50), serves it with
granian as ``readmark serve`` does by default (one worker per core, one thread each), and loads four
endpoints in turn, ``--rounds`` times, interleaved so that a noisy neighbour hits all of them alike:

- ``GET /healthz`` (the baseline),
- ``POST /api/v1/annotations`` with a fresh ``Idempotency-Key`` per request (create),
- ``GET /api/v1/annotations?article=...`` (list, 50 items),
- ``GET /api/v1/articles/.../progress`` with the token (context only: what any
  token-authenticated call costs before doing its own work).

The load generator is wrk (``apt-get install wrk``; C, cheap on the CPU it shares with the
server) when it is installed, else Python threads on keep-alive connections. Each row reports
the median round's requests/s, p50 and p99, and the ratio to /healthz.

The ratio is taken within each round, against that round's /healthz, and the median of the
rounds' ratios is reported: the speed of these machines drifts by a fifth from one minute to
the next, so a ratio of two medians taken far apart measured the drift as much as the code.
Create runs right after the baseline for the same reason.

Targets (exit status 1 when missed), on SQLite: create >= 0.3x the requests/s of /healthz, and
p99 <= 100 ms for list and for create. Any non-2xx answer under load also fails the run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import harness  # noqa: E402
from harness import Result  # noqa: E402

from readmark.commands.serve import default_workers  # noqa: E402

ROOT = harness.ROOT
BIN = Path(sys.executable).parent
SLUG = "great-leap-forward"
MIN_CREATE_RATIO = 0.3
BASELINE = "GET /healthz (baseline)"
CREATE = "POST /api/v1/annotations (create)"
LIST = "GET /api/v1/annotations (list 50)"
MAX_P99_MS = 100.0
SEED_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from accounts.tokens import token_create
from annotations.services import annotation_create
from reader.models import Article
from tests.annotations.helpers import payload, section_of, selectors_for
article = Article.objects.get(slug="great-leap-forward")
user = get_user_model().objects.create_user("loader", password="correct-horse-battery-staple")
section = section_of(article)
for number in range(50):
    annotation_create(owner=user, article=article, section_anchor=section.anchor, kind="note",
                      selectors=selectors_for(section, "backyard furnaces"),
                      body=f"seeded note {number}")
# Creates go to another article, so the list under test keeps its 50 items.
other = Article.objects.get(slug="printing-press")
phrase = section_of(other).text[10:40]
print(json.dumps({"token": token_create(user=user, name="load").secret,
                  "payload": payload(other, phrase, kind="note", body="load")}))
"""


def site_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        READMARK_DATA_DIR=str(data_dir),
        SECRET_KEY="load-benchmark-" + "k" * 50,
        READMARK_LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(env: dict[str, str]) -> tuple[str, dict]:
    subprocess.run([str(BIN / "readmark"), "setup"], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + SEED_SCRIPT],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    seeded = json.loads(out.strip().splitlines()[-1])
    return seeded["token"], seeded["payload"]


# --- wrk ----------------------------------------------------------------------------------------

WRK_SCRIPT = """
local method, path, body, token = %s, %s, %s, %s
local prefix = %s
local counter = 0
request = function()
  counter = counter + 1
  local headers = {["Authorization"] = "Bearer " .. token}
  if method == "POST" then
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = prefix .. "-" .. counter
  end
  return wrk.format(method, path, headers, body)
end
"""


def lua_string(value: str) -> str:
    return "[==[" + value + "]==]"


def parse_duration_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, method: str, path: str, body: str, token: str, clients: int,
            seconds: float, workdir: Path) -> Result:  # fmt: skip
    script = workdir / f"{method.lower()}.lua"
    script.write_text(
        WRK_SCRIPT % tuple(lua_string(v) for v in (method, path, body, token, uuid.uuid4().hex))
    )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
         "--latency", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_duration_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = parse_duration_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    failed = re.search(r"Socket errors:.*?timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (int(failed.group(1)) if failed else 0)
    # wrk prints no 95th percentile, and this benchmark reports p99.
    return Result(rps=rps, p50_ms=p50, p95_ms=float("nan"), p99_ms=p99, errors=errors)


# --- Python fallback ----------------------------------------------------------------------------


def run_python(port: int, method: str, path: str, body: str, token: str, clients: int,
               seconds: float) -> Result:  # fmt: skip
    prefix = uuid.uuid4().hex
    counter = itertools.count(1)  # next() on it is atomic under the GIL

    def request(_client: int) -> harness.Request:
        headers = {"Authorization": f"Bearer {token}"}
        if method != "POST":
            return method, path, None, headers
        headers |= {"Content-Type": "application/json",
                    "Idempotency-Key": f"{prefix}-{next(counter)}"}  # fmt: skip
        return method, path, body, headers

    return harness.run_clients(port, clients, seconds, request)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=32)
    # As `readmark serve` runs by default: one worker per core, one thread each.
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--python", action="store_true", help="use the Python client, not wrk")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python

    workdir = Path(tempfile.mkdtemp(prefix="readmark-load-"))
    env = site_env(workdir)
    token, payload = prepare(env)
    port = harness.free_port()
    server = harness.start_server(workdir, port, env=env, workers=args.workers,
                                  threads=args.threads)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    body = json.dumps(payload)
    endpoints = {
        BASELINE: ("GET", "/healthz"),
        CREATE: ("POST", "/api/v1/annotations"),
        LIST: ("GET", f"/api/v1/annotations?article={SLUG}"),
        # Context, not a target: the cheapest token-authenticated JSON view (one small read).
        "GET progress (token floor)": ("GET", f"/api/v1/articles/{SLUG}/progress"),
    }

    def run(method: str, path: str) -> Result:
        if use_wrk:
            return run_wrk(url, method, path, body, token, args.clients, args.seconds, workdir)
        return run_python(port, method, path, body, token, args.clients, args.seconds)

    try:
        results = harness.alternate(
            args.rounds,
            {
                name: lambda m=method, p=path: run(m, p)
                for name, (method, path) in endpoints.items()
            },
        )
    finally:
        harness.stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)

    def median(name: str) -> Result:
        return harness.median(results[name])

    def round_ratios(name: str) -> list[float]:
        return [r.rps / base.rps for r, base in zip(results[name], results[BASELINE], strict=True)]

    client = "wrk -t1" if use_wrk else "Python threads"
    print(
        f"granian {args.workers} worker(s) x {args.threads} threads, SQLite; {client}, "
        f"{args.clients} connections, {args.rounds} x {args.seconds:g} s, median round"
    )
    print(f"{'endpoint':38} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name in endpoints:
        row = median(name)
        errors = sum(r.errors for r in results[name])
        ratio = statistics.median(round_ratios(name))
        print(f"{name:38} {row.rps:8.0f} {ratio:6.2f} {row.p50_ms:7.1f} "
              f"{row.p99_ms:7.1f} {errors:6d}")  # fmt: skip
        runs = ", ".join(f"{r.rps:.0f}" for r in results[name])
        ratios = ", ".join(f"{ratio:.2f}" for ratio in round_ratios(name))
        print(f"{'':38} rounds: {runs}" + (f" (ratios {ratios})" if name != BASELINE else ""))
    create_ratio = statistics.median(round_ratios(CREATE))
    failures = []
    if create_ratio < MIN_CREATE_RATIO:
        failures.append(f"create at {create_ratio:.2f}x /healthz (target >= 0.3x)")
    for name, short in ((CREATE, "create"), (LIST, "list")):
        if median(name).p99_ms > MAX_P99_MS:
            failures.append(f"{short} p99 {median(name).p99_ms:.0f} ms (target <= 100 ms)")
    all_errors = sum(r.errors for rounds in results.values() for r in rounds)
    if all_errors:
        failures.append(f"{all_errors} failed requests under load")
    print("targets: " + ("met" if not failures else "MISSED: " + "; ".join(failures)))
    # For comparison with runs before the ratio was taken per round.
    medians = median(CREATE).rps / median(BASELINE).rps
    print(f"create: median req/s over median /healthz req/s: {medians:.2f}x")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
