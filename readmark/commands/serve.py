from __future__ import annotations

import argparse
import errno
import os
import shutil
import socket
import sys

from readmark.commands import CommandError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="Serve the web app with granian (WSGI).")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="Worker processes (WEB_WORKERS; default: one per available CPU core).",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=default_threads(),
        help="Blocking threads per worker (WEB_THREADS; default: 2).",
    )
    parser.set_defaults(handler=run, needs_django=False)


def default_workers() -> int:
    """WEB_WORKERS, else one granian process per CPU core this process may run on: requests are
    mostly Python, and one process runs Python on one core at a time. The processes share the
    database and the cache ("default" in the settings: Redis, or files in the data folder)."""
    configured = os.environ.get("WEB_WORKERS", "").strip()
    if configured:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)))


def default_threads() -> int:
    """WEB_THREADS, else 2: a second thread lets a slow request (a notes PDF, an import) run
    beside the short ones instead of holding them up, and overlaps their waits on the database."""
    configured = os.environ.get("WEB_THREADS", "").strip()
    return int(configured) if configured else 2


def ensure_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"port {port} on {host} is already in use: stop the other server, "
                    f"or choose another port (PORT={port + 1} make run)."
                ) from None
            raise CommandError(f"cannot listen on {host}:{port}: {error.strerror}.") from None


def run(args: argparse.Namespace) -> int:
    ensure_port_free(args.host, args.port)
    granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or "granian"
    command = [
        granian,
        "--interface", "wsgi",
        "--host", args.host,
        "--port", str(args.port),
        "--workers", str(args.workers),
        "--blocking-threads", str(args.threads),
        "--respawn-failed-workers",
        "--no-ws",
        "config.wsgi:application",
    ]  # fmt: skip
    print(f"Readmark is serving on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.execv(granian, command)
    return 0  # not reached
