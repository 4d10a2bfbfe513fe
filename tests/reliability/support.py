"""Real processes for the reliability suite: a data folder prepared by `readmark setup`, granian
servers started and killed like in production, and a site script run with Django set up.

Everything listens on 127.0.0.1 ports picked free at run time; every wait is bounded.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GRANIAN = BIN / "granian"
PASSWORD = "correct-horse-battery-staple"
SECRET = "reliability-suite-secret-key-" + "x" * 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a deployed site: our settings, a fixed secret, nothing inherited
    that would point it at the test run's database or cache."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "READMARK_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        READMARK_DATA_DIR=str(data_dir),
        SECRET_KEY=SECRET,
        READMARK_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def run_site_script(env: dict[str, str], code: str, *, timeout: float = 120) -> str:
    """Run Python `code` with Django set up against the site's database; returns stdout."""
    script = "import django\ndjango.setup()\n" + code
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(f"site script failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_site(env: dict[str, str], *, users: tuple[str, ...] = ("olivia",)) -> dict[str, str]:
    """Migrate, load the bundled articles, and make users with personal API tokens."""
    subprocess.run(
        [str(BIN / "readmark"), "setup"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    code = f"""
import json
from django.contrib.auth import get_user_model
from accounts.tokens import token_create
tokens = {{}}
for name in {list(users)!r}:
    user, _ = get_user_model().objects.get_or_create(username=name)
    user.set_password({PASSWORD!r})
    user.save()
    tokens[name] = token_create(user=user, name="reliability").secret
print(json.dumps(tokens))
"""
    return json.loads(run_site_script(env, code).strip().splitlines()[-1])


class Server:
    """A granian server as `readmark serve` runs it, in its own process group."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        workers: int = 1,
        threads: int = 2,
        log_dir: Path | None = None,
    ) -> None:
        self.env = env
        self.port = free_port()
        self.workers = workers
        self.threads = threads
        self.process: subprocess.Popen | None = None
        self.log = (log_dir or Path(env["READMARK_DATA_DIR"])) / f"granian-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_within: float = 30) -> Server:
        command = [
            str(GRANIAN),
            "--interface", "wsgi",
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--workers", str(self.workers),
            "--blocking-threads", str(self.threads),
            "--no-ws",
            "config.wsgi:application",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + ready_within
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"granian exited at start:\n{self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"granian not ready in {ready_within} s:\n{self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL the whole server (master and workers): a crash, a power cut of the process."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def running(server: Server):
    server.start()
    try:
        yield server
    finally:
        server.stop()


def sqlite_integrity(path: Path) -> list[str]:
    from readmark.backup import integrity_problems

    return integrity_problems(path)
