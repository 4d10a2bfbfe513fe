"""The list and create endpoints' fast paths (bench/load) answer exactly as the general ones."""

from __future__ import annotations

import json
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tokens import token_create
from annotations.idempotency import RETENTION
from annotations.models import Annotation, IdempotencyRecord
from tests.annotations.helpers import payload

API = "/api/v1/annotations"
PHRASES = ["backyard furnaces", "Mao Zedong", "1958"]


def bearer(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_create(user=user, name='t').secret}"})


def create(client: Client, data, **headers):
    return client.post(API, json.dumps(data), content_type="application/json", headers=headers)


def test_pages_count_everything_and_hold_the_same_items_as_single_gets(owner, article):
    client = bearer(owner)
    for phrase in PHRASES:
        assert create(client, payload(article, phrase)).status_code == 201
    full = client.get(API, {"article": article.slug}).json()
    assert full["count"] == 3 and len(full["items"]) == 3
    for item in full["items"]:
        assert client.get(f"{API}/{item['id']}").json() == item
    for offset, limit, shown in [(0, 2, 2), (2, 2, 1), (5, 2, 0), (0, 3, 3), (3, 1, 0)]:
        page = client.get(API, {"article": article.slug, "offset": offset, "limit": limit}).json()
        assert page["count"] == 3, (offset, limit)
        assert page["items"] == full["items"][offset : offset + limit]
        assert len(page["items"]) == shown


def test_list_and_create_run_few_queries(owner, article):
    client = bearer(owner)
    create(client, payload(article, "Mao Zedong"))  # warms the per-revision article cache
    data = payload(article, "1958")
    with CaptureQueriesContext(connection) as queries:
        response = create(client, data, **{"Idempotency-Key": "k1"})
    assert response.status_code == 201
    # token, key probe, article probe, then the transaction's two inserts (and its bookkeeping)
    assert len([q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]) <= 3
    with CaptureQueriesContext(connection) as queries:
        assert client.get(API, {"article": article.slug}).status_code == 200
    assert len(queries) == 3  # token, article probe, rows (a short page needs no COUNT)


def test_an_expired_key_is_used_afresh(owner, article):
    client = bearer(owner)
    first = create(client, payload(article, "Mao Zedong"), **{"Idempotency-Key": "k"}).json()
    IdempotencyRecord.objects.update(created=timezone.now() - RETENTION - timedelta(minutes=1))
    second = create(client, payload(article, "1958"), **{"Idempotency-Key": "k"})
    assert second.status_code == 201
    assert second.json()["id"] != first["id"] and second.json()["quote"] == "1958"
    assert IdempotencyRecord.objects.get().response["id"] == second.json()["id"]
    assert Annotation.objects.count() == 2


def test_token_use_is_recorded_without_a_write_per_request(owner, article):
    client = bearer(owner)
    assert client.get(API).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(API).status_code == 200
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]


def test_an_inactive_users_token_is_refused(owner, article):
    client = bearer(owner)
    owner.is_active = False
    owner.save()
    assert client.get(API).status_code == 401
