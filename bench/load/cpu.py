"""Part of bench/load/run.py: the CPU time each endpoint of the mix costs Django, run in this
process through Django's test client on the benchmark's site (no HTTP server, no other
requests), median of ``requests`` calls after a warm-up. CPU time of this thread, which other
work on the machine moves far less than latency: where the capacity run's time goes. Prints
one JSON object: {name: milliseconds}.
"""

from __future__ import annotations

import json
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text())
    client = Client()
    figures = {}
    for endpoint in plan["endpoints"]:

        def call(endpoint=endpoint) -> int:
            headers = dict(endpoint["headers"])
            if endpoint["idempotency"]:
                headers["Idempotency-Key"] = uuid.uuid4().hex
            return client.generic(
                endpoint["method"], endpoint["path"], endpoint["body"] or "",
                content_type="application/json", headers=headers,
            ).status_code  # fmt: skip

        for _ in range(3):
            call()
        times = []
        for _ in range(plan["requests"]):
            started = time.thread_time()
            status = call()
            times.append(time.thread_time() - started)
            if status != endpoint["expect"]:
                raise SystemExit(f"{endpoint['name']} answered {status}")
        times.sort()
        figures[endpoint["name"]] = 1000 * times[len(times) // 2]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
