"""Part of bench/load/run.py, run in its own process on the benchmark's site: one reader, signed
in (a session cookie) and with a personal token, and the text of two articles' sections for the
run to build selectors from. Prints one JSON object.

Public means only, so that the benchmark outlives refactors of the app: the ORM, and Django's
test client for the session (force_login goes through SESSION_ENGINE and the authentication
backends, whichever they are) and for the token, made on the profile page as a reader makes it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from reader.models import Article, Section  # noqa: E402


def sections(slug: str) -> list[dict[str, str]]:
    article = Article.objects.get(slug=slug)
    rows = Section.objects.filter(revision_id=article.current_revision_id).order_by("order")
    return [{"anchor": row.anchor, "text": row.text} for row in rows]


def main() -> None:
    slugs = sys.argv[1:]
    user = get_user_model().objects.create_user("load-reader", password="bench-only-pass-9f3k")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    # The answer to the profile page's form shows the new token's secret, once.
    page = client.post("/accounts/tokens/", {"name": "bench/load"})
    secret = re.search(rb"rmk_[A-Za-z0-9_-]{43}", page.content)
    if page.status_code != 201 or secret is None:
        raise SystemExit(f"creating a token on the profile page answered {page.status_code}")
    print(
        json.dumps(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}",
                "token": secret.group().decode(),
                "sections": {slug: sections(slug) for slug in slugs},
            }
        )
    )


if __name__ == "__main__":
    main()
