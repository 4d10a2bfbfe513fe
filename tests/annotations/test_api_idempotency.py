"""Paging, idempotent creates and token use on the annotation API."""

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
from reader.services import article_import
from tests.annotations.helpers import payload
from tests.conftest import CONTENT

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


def test_an_expired_key_is_used_afresh(owner, article):
    client = bearer(owner)
    first = create(client, payload(article, "Mao Zedong"), **{"Idempotency-Key": "k"}).json()
    IdempotencyRecord.objects.update(created=timezone.now() - RETENTION - timedelta(minutes=1))
    second = create(client, payload(article, "1958"), **{"Idempotency-Key": "k"})
    assert second.status_code == 201
    assert second.json()["id"] != first["id"] and second.json()["quote"] == "1958"
    assert json.loads(IdempotencyRecord.objects.get().response)["id"] == second.json()["id"]
    assert Annotation.objects.count() == 2


def test_a_retry_gets_the_first_answer_after_the_text_it_quoted_is_gone(owner, article):
    client = bearer(owner)
    phrase = "Mao Zedong"
    data = payload(article, phrase)
    first = create(client, data, **{"Idempotency-Key": "k"})
    assert first.status_code == 201
    source = (CONTENT / "great-leap-forward.md").read_text()
    assert phrase in source
    article_import(data=source.replace(phrase, "the Chairman").encode(),
                   name="great-leap-forward.md")  # fmt: skip
    assert create(client, data).status_code == 400  # as a new request it no longer fits the text
    retry = create(client, data, **{"Idempotency-Key": "k"})
    assert (retry.status_code, retry.json()) == (201, first.json())
    assert Annotation.objects.filter(owner=owner).count() == 1


def test_a_retry_with_a_new_body_under_the_same_key_is_refused_and_stores_nothing(owner, article):
    client = bearer(owner)
    assert create(client, payload(article, "1958"), **{"Idempotency-Key": "k"}).status_code == 201
    reused = create(client, payload(article, "Mao Zedong"), **{"Idempotency-Key": "k"})
    assert reused.status_code == 422
    assert Annotation.objects.filter(owner=owner).count() == 1
    assert IdempotencyRecord.objects.count() == 1


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


def raw(client: Client, method: str, path: str, body: bytes):
    return client.generic(method, path, body, content_type="application/json")


def test_the_create_body_is_refused_as_ninja_refuses_the_patch_body(owner, article):
    """POST parses its own body (config.api_contract.parse_json_body); PATCH is parsed by
    ninja. The same mistake must get the same answer from both."""
    client = bearer(owner)
    created = create(client, payload(article, "1958")).json()
    item = f"{API}/{created['id']}"
    cases = [
        (b"{not json", 400),
        (b"", 422),
        (b"[]", 422),
        (json.dumps({"surprise": True}).encode(), 422),
        (json.dumps({"body": 5}).encode(), 422),
    ]
    for body, status in cases:
        post_answer = raw(client, "POST", API, body)
        patch_answer = raw(client, "PATCH", item, body)
        assert post_answer.status_code == patch_answer.status_code == status, body
        if status == 400:
            assert post_answer.json() == patch_answer.json(), body
        else:
            first = post_answer.json()["errors"]
            assert all(error["loc"][:2] == ["body", "payload"] for error in first), first
            assert "The request is not valid" in post_answer.json()["detail"]
    bad_selector = payload(article, "1958")
    bad_selector["selectors"][1]["start"] = "early"
    errors = raw(client, "POST", API, json.dumps(bad_selector).encode()).json()["errors"]
    assert [error["loc"][:4] for error in errors] == [["body", "payload", "selectors", 1]]
    assert Annotation.objects.filter(owner=owner).count() == 1


def test_the_document_describes_the_create_body(owner_client):
    document = owner_client.get("/api/v1/openapi.json").json()
    body = document["paths"]["/api/v1/annotations"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AnnotationIn"
    }
    schemas = document["components"]["schemas"]
    assert {"AnnotationIn", "TextQuoteSelector", "TextPositionSelector"} <= set(schemas)
    assert "$defs" not in schemas["AnnotationIn"]


def test_a_post_save_receiver_on_annotations_fires_and_the_create_still_succeeds(owner, article):
    """An audit log or a search index hooks into saves: the API's create must go through
    ``save()`` like any other, so the receiver runs and sees the stored row."""
    from django.db.models.signals import post_save

    seen: list[tuple[int, bool]] = []

    def audit(sender, instance, created, **kwargs):
        seen.append((instance.pk, created))

    post_save.connect(audit, sender=Annotation, dispatch_uid="test-audit")
    try:
        client = bearer(owner)
        plain = create(client, payload(article, "Mao Zedong"))
        keyed = create(client, payload(article, "1958"), **{"Idempotency-Key": "audit"})
    finally:
        post_save.disconnect(dispatch_uid="test-audit", sender=Annotation)
    assert plain.status_code == keyed.status_code == 201
    assert seen == [(plain.json()["id"], True), (keyed.json()["id"], True)]
