from __future__ import annotations

import json

import pytest
from django.test import Client

from annotations.models import Annotation, IdempotencyRecord
from tests.annotations.helpers import payload, section_of, selectors_for

API = "/api/v1/annotations"


def post(client: Client, data, **headers):
    return client.post(API, json.dumps(data), content_type="application/json", headers=headers)


def patch(client: Client, annotation_id: int, data, **headers):
    return client.patch(
        f"{API}/{annotation_id}", json.dumps(data), content_type="application/json", headers=headers
    )


@pytest.fixture
def highlight(owner, article) -> Annotation:
    from annotations.services import annotation_create

    section = section_of(article)
    return annotation_create(
        owner=owner,
        article=article,
        section_anchor=section.anchor,
        kind="highlight",
        selectors=selectors_for(section, "people’s communes"),
    )


def test_owner_creates_a_highlight_and_gets_it_back(owner_client, article):
    response = post(owner_client, payload(article, "backyard furnaces"))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["kind"] == "highlight" and data["state"] == "anchored"
    assert data["quote"] == "backyard furnaces"
    assert data["url"] == f"/articles/great-leap-forward/#annotation-{data['id']}"
    quote, position = data["selectors"]
    assert quote["type"] == "TextQuoteSelector" and len(quote["prefix"]) == 32
    assert position["end"] - position["start"] == len("backyard furnaces")
    listed = owner_client.get(API, {"article": "great-leap-forward"}).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == data["id"]
    fetched = owner_client.get(f"{API}/{data['id']}")
    assert fetched.json() == data and fetched.headers["ETag"] == '"v1"'


def test_note_body_is_rendered_as_sanitised_markdown(owner_client, article):
    body = "**Key** point <script>alert(1)</script> [x](javascript:alert(1))"
    data = post(owner_client, payload(article, "backyard furnaces", kind="note", body=body)).json()
    assert "<strong>Key</strong>" in data["body_html"]
    assert "<script" not in data["body_html"] and 'href="javascript' not in data["body_html"]
    assert "&lt;script&gt;" in data["body_html"]  # shown as text, not run
    assert data["body"] == body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "note", "body": "  "}, "A note needs some text"),
        ({"kind": "scribble"}, None),
        ({"colour": "octarine"}, None),
        ({"section": "no-such-section"}, "no section"),
        ({"surprise": True}, None),  # unknown fields are rejected
        ({"selectors": []}, None),
    ],
)
def test_bad_input_is_refused_with_a_message_and_stores_nothing(
    owner_client, article, changes, message
):
    response = post(owner_client, {**payload(article, "backyard furnaces"), **changes})
    assert response.status_code in {400, 422}, response.content
    if message:
        assert message in response.json()["detail"]
    assert Annotation.all_objects.count() == 0


def test_selectors_must_match_the_section_text(owner_client, article):
    data = payload(article, "backyard furnaces")
    data["selectors"][0]["exact"] = "front-yard furnaces"
    response = post(owner_client, data)
    assert response.status_code == 400
    assert "does not match the article" in response.json()["detail"]
    data = payload(article, "backyard furnaces")
    data["selectors"][1]["start"] += 1
    assert post(owner_client, data).status_code == 400
    data = payload(article, "backyard furnaces")
    data["selectors"][0]["prefix"] = "something else entirely"
    assert post(owner_client, data).status_code == 400
    data = payload(article, "backyard furnaces")
    data["selectors"][1]["end"] = 10**9
    assert post(owner_client, data).status_code == 400
    assert Annotation.all_objects.count() == 0


def test_a_short_context_from_the_client_is_completed_on_the_server(owner_client, article):
    data = payload(article, "backyard furnaces")
    data["selectors"][0]["prefix"] = data["selectors"][0]["prefix"][-3:]
    data["selectors"][0]["suffix"] = ""
    stored = post(owner_client, data).json()
    assert len(stored["selectors"][0]["prefix"]) == 32 and stored["selectors"][0]["suffix"]


def test_note_size_is_capped_with_413(owner_client, article):
    body = "x" * 20_001
    response = post(owner_client, payload(article, "backyard furnaces", kind="note", body=body))
    assert response.status_code == 413
    assert "20,000" in response.json()["detail"]
    ok = post(owner_client, payload(article, "backyard furnaces", kind="note", body=body[:-1]))
    assert ok.status_code == 201


def test_patch_edits_the_note_and_bumps_the_version(owner_client, highlight):
    response = patch(owner_client, highlight.pk, {"kind": "note", "body": "_Why_ it failed"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["kind"] == "note" and "<em>Why</em>" in data["body_html"]
    assert data["version"] == 2 and response.headers["ETag"] == '"v2"'


def test_patch_with_a_stale_if_match_is_412(owner_client, highlight):
    response = patch(owner_client, highlight.pk, {"colour": "pink"}, **{"If-Match": '"v7"'})
    assert response.status_code == 412
    assert response.json()["version"] == 1
    highlight.refresh_from_db()
    assert highlight.colour == ""
    ok = patch(owner_client, highlight.pk, {"colour": "pink"}, **{"If-Match": '"v1"'})
    assert ok.status_code == 200 and ok.json()["colour"] == "pink"


def test_patch_rejects_unknown_fields(owner_client, highlight):
    assert patch(owner_client, highlight.pk, {"owner": 2}).status_code == 422


def test_delete_then_restore(owner_client, highlight):
    assert owner_client.delete(f"{API}/{highlight.pk}").status_code == 204
    assert owner_client.get(f"{API}/{highlight.pk}").status_code == 404
    assert owner_client.get(API).json()["count"] == 0
    restored = owner_client.post(f"{API}/{highlight.pk}/restore")
    assert restored.status_code == 200 and restored.json()["id"] == highlight.pk
    assert owner_client.get(API).json()["count"] == 1
    assert owner_client.post(f"{API}/{highlight.pk}/restore").status_code == 404


# --- owner / other / visitor on every endpoint ---------------------------------------------


def _calls(annotation_id: int, article_slug: str, article):
    return {
        "list": ("get", API, None),
        "create": ("post", API, payload(article, "backyard furnaces")),
        "get": ("get", f"{API}/{annotation_id}", None),
        "patch": ("patch", f"{API}/{annotation_id}", {"colour": "blue"}),
        "delete": ("delete", f"{API}/{annotation_id}", None),
        "restore": ("post", f"{API}/{annotation_id}/restore", None),
        "notebook-get": ("get", f"/api/v1/articles/{article_slug}/notebook", None),
        "notebook-put": ("put", f"/api/v1/articles/{article_slug}/notebook", {"body": "hi"}),
    }


def _call(client: Client, method: str, url: str, data):
    kwargs = {"content_type": "application/json"} if data is not None else {}
    headers = {"If-Match": '"v0"'} if method == "put" else {}
    body = json.dumps(data) if data is not None else None
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(url, body, headers=headers, **kwargs)


OWNER = {
    "list": 200, "create": 201, "get": 200, "patch": 200, "delete": 204, "restore": 404,
    "notebook-get": 200, "notebook-put": 200,
}  # fmt: skip
OTHER = {**OWNER, "get": 404, "patch": 404, "delete": 404, "restore": 404}


@pytest.mark.parametrize("endpoint", list(OWNER))
def test_permission_matrix(owner_client, other_client, visitor_client, highlight, endpoint):
    method, url, data = _calls(highlight.pk, "great-leap-forward", highlight.article)[endpoint]
    assert _call(visitor_client, method, url, data).status_code == 401
    assert _call(other_client, method, url, data).status_code == OTHER[endpoint]
    highlight.refresh_from_db()
    assert highlight.colour == "" and highlight.deleted_at is None  # other changed nothing
    assert _call(owner_client, method, url, data).status_code == OWNER[endpoint]


def test_lists_show_only_ones_own(owner_client, other_client, highlight):
    assert other_client.get(API).json() == {"count": 0, "limit": 500, "offset": 0, "items": []}
    assert owner_client.get(API).json()["count"] == 1


def test_other_users_deleted_annotation_cannot_be_restored(owner_client, other_client, highlight):
    owner_client.delete(f"{API}/{highlight.pk}")
    assert other_client.post(f"{API}/{highlight.pk}/restore").status_code == 404
    assert Annotation.all_objects.get(pk=highlight.pk).deleted_at is not None


def test_unknown_article_is_404(owner_client, article):
    assert owner_client.get(API, {"article": "nope"}).status_code == 404
    data = {**payload(article, "backyard furnaces"), "article": "nope"}
    assert post(owner_client, data).status_code == 404


# --- CSRF -----------------------------------------------------------------------------------


def test_session_writes_need_the_csrf_token(owner, article, highlight):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.get(API).status_code == 200  # safe methods need no token
    assert post(client, payload(article, "backyard furnaces")).status_code == 403
    assert patch(client, highlight.pk, {"colour": "blue"}).status_code == 403
    assert client.delete(f"{API}/{highlight.pk}").status_code == 403
    assert Annotation.objects.count() == 1
    client.get("/articles/great-leap-forward/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = post(client, payload(article, "backyard furnaces"), **{"X-CSRFToken": token})
    assert response.status_code == 201


# --- Idempotency ----------------------------------------------------------------------------


def test_a_retried_post_returns_the_first_result(owner_client, article):
    data = payload(article, "backyard furnaces")
    first = post(owner_client, data, **{"Idempotency-Key": "key-1"})
    again = post(owner_client, data, **{"Idempotency-Key": "key-1"})
    assert first.status_code == again.status_code == 201
    # Byte for byte, on every database (PostgreSQL's jsonb would reorder the keys).
    assert first.content == again.content
    assert Annotation.objects.count() == 1
    other = post(owner_client, data, **{"Idempotency-Key": "key-2"})
    assert other.json()["id"] != first.json()["id"]
    assert Annotation.objects.count() == 2


def test_a_key_reused_for_a_different_request_is_refused(owner_client, article):
    post(owner_client, payload(article, "backyard furnaces"), **{"Idempotency-Key": "k"})
    response = post(owner_client, payload(article, "Mao Zedong"), **{"Idempotency-Key": "k"})
    assert response.status_code == 422
    assert "different request" in response.json()["detail"]
    assert Annotation.objects.count() == 1


def test_idempotency_keys_are_per_user(owner_client, other_client, article):
    data = payload(article, "backyard furnaces")
    a = post(owner_client, data, **{"Idempotency-Key": "same"}).json()
    b = post(other_client, data, **{"Idempotency-Key": "same"}).json()
    assert a["id"] != b["id"]
    assert IdempotencyRecord.objects.count() == 2


def test_a_failed_post_is_not_remembered(owner_client, article):
    bad = payload(article, "backyard furnaces", kind="note", body="")
    assert post(owner_client, bad, **{"Idempotency-Key": "k"}).status_code == 400
    good = payload(article, "backyard furnaces", kind="note", body="fixed")
    assert post(owner_client, good, **{"Idempotency-Key": "k"}).status_code == 201


# --- Tokens -----------------------------------------------------------------------------------


def test_bearer_token_works_without_csrf_and_a_bad_one_is_401(owner, article):
    from accounts.tokens import token_create

    secret = token_create(user=owner, name="script").secret
    client = Client(enforce_csrf_checks=True)
    auth = {"Authorization": f"Bearer {secret}"}
    assert post(client, payload(article, "backyard furnaces"), **auth).status_code == 201
    assert client.get(API, headers=auth).json()["count"] == 1
    wrong = {"Authorization": "Bearer rmk_not-a-real-token"}
    assert client.get(API, headers=wrong).status_code == 401
    assert client.get(API, headers={"Authorization": "Basic abc"}).status_code == 401


def test_openapi_document_lists_the_endpoints(visitor_client, db):
    paths = visitor_client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/annotations" in paths
    assert "/api/v1/annotations/{annotation_id}" in paths
    assert "/api/v1/articles/{slug}/notebook" in paths
