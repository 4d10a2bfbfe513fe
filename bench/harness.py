"""The harness the closed-loop server benchmarks share (bench/reader, bench/review,
bench/cards/cached.py), so that they measure the same way: the same throw-away SQLite site, the
same granian server as ``readmark serve`` runs it, the same keep-alive clients, the same
alternating rounds and the same percentiles. A fix to how one of them measures then reaches all
three. bench/load, whose capacity run needs open-loop arrivals, has its own generator.

Hand-written rather than a load-testing library: the clients have to run in-process next to the
seeded Django objects (session cookies, card ids handed out one per request), and the whole loop
is a few dozen lines of the standard library.

Use from a script under bench/<name>/: ``sys.path.insert(0, str(Path(__file__).resolve()
.parents[1]))`` then ``import harness``. What a benchmark seeds and which endpoints it loads stay
in its own script.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# (method, path, body, headers) for one request; the client number comes in.
Request = tuple[str, str, "str | None", dict]
RequestFactory = Callable[[int], Request]


@dataclass
class Result:
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int = 0
    errors: int = 0
    failures: list[str] = field(default_factory=list)


def setup_django(data_dir: Path) -> None:
    """Django in this process on a fresh SQLite database in `data_dir`, migrated."""
    os.environ["READMARK_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def session_cookie(user, engine: str | None = None) -> str:
    """A Cookie header value signing `user` in, saved through the session `engine`, with the
    first configured authentication backend that can load a user (the one Django's test client
    records in force_login)."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        load_backend,
    )

    backend = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    session = import_module(engine or settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    data_dir: Path,
    port: int,
    *,
    env: dict[str, str] | None = None,
    workers: int = 1,
    threads: int = 1,
) -> subprocess.Popen:
    """granian as ``readmark serve`` runs it, once GET /healthz answers 200."""
    granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or "granian"
    if env is None:
        env = {
            **os.environ,
            "READMARK_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        }
    # A file, not a pipe: nobody reads the pipe while the load runs, and a full one would stall
    # the server; the file's tail explains a failed start.
    log_path = data_dir / "granian.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [granian, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
             "--workers", str(workers), "--blocking-threads", str(threads), "--no-ws",
             "config.wsgi:application"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    raise SystemExit("the server did not start: " + log_path.read_text(errors="replace")[-2000:])


def stop_server(process: subprocess.Popen) -> None:
    # The whole process group: granian's workers are children of the process we started.
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


def get(path: str, headers: dict | None = None) -> RequestFactory:
    request = ("GET", path, None, headers or {})
    return lambda _client: request


def run_clients(port: int, clients: int, seconds: float, make_request: RequestFactory) -> Result:
    """`clients` threads, each on one keep-alive connection, send requests for `seconds`; any
    answer outside 2xx counts as an error."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            method, path, body, headers = make_request(number)
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if not 200 <= response.status < 300:
                with lock:
                    failures.append(f"{method} {path}: {response.status}")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begun
    latencies.sort()
    count = len(latencies)
    return Result(
        rps=count / elapsed,
        p50_ms=1000 * latencies[count // 2],
        p95_ms=1000 * latencies[int(count * 0.95)],
        p99_ms=1000 * latencies[min(count - 1, int(count * 0.99))],
        requests=count,
        errors=len(failures),
        failures=failures,
    )


def load(port: int, clients: int, seconds: float, make_request: RequestFactory) -> Result:
    """run_clients, stopping the benchmark at the first round with a failed request."""
    result = run_clients(port, clients, seconds, make_request)
    if result.failures:
        raise SystemExit(f"{len(result.failures)} failed requests, e.g. {result.failures[:3]}")
    return result


def alternate(rounds: int, runs: dict[str, Callable[[], Result]]) -> dict[str, list[Result]]:
    """Each run once per round, in turn, so a noisy neighbour slows all of them alike."""
    results: dict[str, list[Result]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            results[name].append(run())
    return results


def best_of_rounds(
    port: int, clients: int, seconds: float, rounds: int, requests: dict[str, RequestFactory]
) -> dict[str, Result]:
    """Each request loaded in turn for `rounds` rounds; the best round of each counts."""
    runs = {
        name: partial(load, port, clients, seconds, request) for name, request in requests.items()
    }
    return {name: best(results) for name, results in alternate(rounds, runs).items()}


def best(results: Iterable[Result]) -> Result:
    return max(results, key=lambda result: result.rps)


def median(results: Iterable[Result]) -> Result:
    ordered = sorted(results, key=lambda result: result.rps)
    return ordered[len(ordered) // 2]
