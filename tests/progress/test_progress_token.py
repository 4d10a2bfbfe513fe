"""Scripts reach reading progress with a personal token, like the rest of /api/v1."""

from __future__ import annotations

import json

from django.test import Client

from accounts.tokens import token_create

URL = "/api/v1/articles/great-leap-forward/progress"


def test_a_personal_token_reads_and_writes_progress_without_a_session(owner, article):
    secret = token_create(user=owner, name="script").secret
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    body = json.dumps({"anchor": "lessons", "fraction": 0.5, "read": ["key-takeaways"]})
    response = client.put(URL, body, content_type="application/json")
    assert response.status_code == 200, response.content
    got = client.get(URL).json()
    assert (got["anchor"], got["fraction"], got["read"]) == ("lessons", 0.5, ["key-takeaways"])


def test_a_wrong_token_is_401(article):
    client = Client(headers={"Authorization": "Bearer rmk_not-a-real-token"})
    assert client.get(URL).status_code == 401
