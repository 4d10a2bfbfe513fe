"""One writer process for the concurrent-writers test: read, then write, in one transaction,
`count` times; prints {"acked": [ids], "errors": [messages]} as JSON.

Run: python -m tests.reliability.writer NAME COUNT  (with the site's environment)
With --stream, prints one JSON line per write as it is acknowledged instead:
{"id": ..., "started": <time.time() before the transaction began>} or {"error": ...}.
With --paced, it waits a few milliseconds between writes, as requests arriving one after another
do, instead of taking the write lock again the moment it lets go of it.
"""

from __future__ import annotations

import json
import sys
import time

import django


def main(name: str, count: int, stream: bool = False, paced: bool = False) -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import OperationalError, transaction

    from annotations.models import Annotation
    from annotations.services import annotation_create
    from reader.models import Article
    from tests.annotations.helpers import section_of, selectors_for

    user = get_user_model().objects.get(username="olivia")
    article = Article.objects.get(slug="great-leap-forward")
    section = section_of(article)
    selectors = selectors_for(section, "backyard furnaces")
    acked, errors = [], []
    for number in range(count):
        started = time.monotonic()
        wall = time.time()
        try:
            with transaction.atomic():
                # Read first, then write: the pattern that deferred transactions lose to
                # "database is locked" (the read lock cannot be upgraded while others write).
                seen = Annotation.objects.filter(owner=user).count()
                created = annotation_create(
                    owner=user,
                    article=article,
                    section_anchor=section.anchor,
                    kind="note",
                    selectors=selectors,
                    body=f"{name} #{number} saw {seen}",
                )
            acked.append(created.pk)
            if paced:
                time.sleep(0.005)
            if stream:
                print(json.dumps({"id": created.pk, "started": wall}), flush=True)
        except OperationalError as error:
            errors.append(f"{error} after {time.monotonic() - started:.2f} s")
            if stream:
                print(json.dumps({"error": errors[-1]}), flush=True)
    if stream:
        return
    print(json.dumps({"acked": acked, "errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), stream="--stream" in sys.argv, paced="--paced" in sys.argv)
