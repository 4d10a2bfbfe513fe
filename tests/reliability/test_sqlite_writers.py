"""Eight processes writing to one SQLite file at once, with our settings (IMMEDIATE
transactions, WAL, busy timeout): no "database is locked", every acknowledged write stored."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.reliability.support import (
    ROOT,
    prepare_site,
    run_site_script,
    site_env,
    sqlite_integrity,
)

# Its own SQLite site in subprocesses: the run's DATABASE_URL does not apply (one CI pass).
pytestmark = pytest.mark.own_site

WRITERS = 8
EACH = 40


def test_eight_concurrent_writers_lose_nothing(tmp_path):
    env = site_env(tmp_path)
    prepare_site(env)
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.writer", f"w{n}", str(EACH)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    results = []
    for writer in writers:
        out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    errors = [e for result in results for e in result["errors"]]
    acked = [pk for result in results for pk in result["acked"]]
    assert errors == []
    assert len(acked) == WRITERS * EACH == len(set(acked))
    stored = run_site_script(
        env,
        "from annotations.models import Annotation\n"
        "print(sorted(Annotation.objects.values_list('pk', flat=True)))",
    )
    assert sorted(acked) == json.loads(stored.strip().splitlines()[-1])
    assert sqlite_integrity(tmp_path / "readmark.sqlite3") == []
