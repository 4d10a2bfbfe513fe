"""The disk fills up under a running site (a small tmpfs holds the data folder): writes fail
with a clear 507 page or JSON answer, the database stays intact, and writes resume once space
is freed. Mounting needs root, as our machines and CI run."""

from __future__ import annotations

import errno
import json
import os
import subprocess

import httpx
import pytest

from tests.reliability.support import (
    PASSWORD,
    Server,
    prepare_site,
    run_site_script,
    site_env,
    sqlite_integrity,
)

# Its own SQLite site in subprocesses: the run's DATABASE_URL does not apply (one CI pass).
pytestmark = pytest.mark.own_site

DISK = "8m"
NOTE = "A long note. " * 1100  # about 14 KB, under the 20,000-character cap
PAYLOAD_SCRIPT = """
import json
import os
from reader.models import Article
from tests.annotations.helpers import payload
print(json.dumps(payload(Article.objects.get(slug="great-leap-forward"), "backyard furnaces",
                         kind="note")))
"""


@pytest.fixture
def small_disk(tmp_path):
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    assert mounted.returncode == 0, f"cannot mount a {DISK} tmpfs (needs root): {mounted.stderr}"
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=False)


def fill(disk) -> None:
    """Write a filler file until the disk refuses another byte."""
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            try:
                while True:
                    os.write(descriptor, b"\0" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def test_a_full_disk_gives_a_clear_answer_loses_nothing_and_recovers(small_disk, tmp_path):
    env = site_env(small_disk)
    token = prepare_site(env)["olivia"]
    payload = json.loads(run_site_script(env, PAYLOAD_SCRIPT).strip().splitlines()[-1])
    server = Server(env, threads=2, log_dir=tmp_path).start()
    api = httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    browser = httpx.Client(base_url=server.url, timeout=30)
    try:
        saved = []
        for number in range(5):
            response = api.post("/api/v1/annotations", json=payload | {"body": f"kept {number}"})
            assert response.status_code == 201
            saved.append(response.json()["id"])

        fill(small_disk)
        refusal = None
        for number in range(300):
            response = api.post("/api/v1/annotations", json=payload | {"body": NOTE + str(number)})
            if response.status_code == 201:
                saved.append(response.json()["id"])
                continue
            refusal = response
            break
        assert refusal is not None, "the disk never filled up"
        assert refusal.status_code == 507, refusal.text
        assert "run out of storage space" in refusal.json()["detail"]

        # The same in the browser: a sign-up (new account, new session) gets the 507 page.
        browser.get("/accounts/signup/")
        page = browser.post(
            "/accounts/signup/",
            data={
                "username": "newcomer",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            },
        )
        assert page.status_code == 507
        assert (
            "Out of storage space" in page.text and "Everything saved before is safe" in page.text
        )

        assert sqlite_integrity(small_disk / "readmark.sqlite3") == []
        (small_disk / "filler").unlink()

        resumed = api.post("/api/v1/annotations", json=payload | {"body": "after the storm"})
        assert resumed.status_code == 201, resumed.text
        saved.append(resumed.json()["id"])
        listed = api.get("/api/v1/annotations", params={"limit": 2000}).json()
        assert sorted(item["id"] for item in listed["items"]) == sorted(saved)
    finally:
        api.close()
        browser.close()
        server.stop()
    assert sqlite_integrity(small_disk / "readmark.sqlite3") == []
