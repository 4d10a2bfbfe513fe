"""The Procfile starts the stack: `readmark serve --workers 2` answers, `readmark worker` runs,
and honcho stops both on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import httpx
import pytest

from tests.reliability.support import BIN, ROOT, free_port, prepare_site, site_env

pytestmark = pytest.mark.own_site


def test_honcho_starts_the_web_server_and_a_worker(tmp_path):
    env = site_env(tmp_path, READMARK_TASK_BACKEND="worker", READMARK_LOG_LEVEL="INFO")
    prepare_site(env)
    port = free_port()
    env["PORT"] = str(port)
    log = tmp_path / "honcho.log"
    with log.open("wb") as out:
        honcho = subprocess.Popen(
            [str(BIN / "honcho"), "start", "--no-prefix"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 60
        answer = None
        while time.monotonic() < deadline and answer is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json()
            except httpx.HTTPError:
                time.sleep(0.2)
        assert answer == {"ok": True}, log.read_text()
        deadline = time.monotonic() + 30
        while "readmark worker" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "is running" in log.read_text()
        assert "Traceback" not in log.read_text()
    finally:
        os.killpg(honcho.pid, signal.SIGTERM)
        honcho.wait(timeout=30)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
