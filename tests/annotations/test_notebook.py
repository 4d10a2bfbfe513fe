from __future__ import annotations

import json

from django.test import Client

URL = "/api/v1/articles/great-leap-forward/notebook"


def put(client: Client, body: str, if_match: str | None):
    headers = {"If-Match": if_match} if if_match is not None else {}
    return client.put(
        URL, json.dumps({"body": body}), content_type="application/json", headers=headers
    )


def test_empty_notebook_starts_at_version_zero(owner_client, article):
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert response.json()["body"] == "" and response.headers["ETag"] == '"v0"'


def test_save_and_read_back_with_rendered_markdown(owner_client, article):
    saved = put(owner_client, "> quoted\n\n[↩](#annotation-3) and **bold**", '"v0"')
    assert saved.status_code == 200 and saved.headers["ETag"] == '"v1"'
    html = saved.json()["body_html"]
    assert "<blockquote>" in html and "<strong>bold</strong>" in html
    assert 'href="#annotation-3"' in html  # links back to the passage survive sanitising
    assert owner_client.get(URL).json()["body"].startswith("> quoted")


def test_a_stale_write_gets_412_with_the_stored_version(owner_client, article):
    put(owner_client, "first", '"v0"')
    put(owner_client, "second, from another tab", '"v1"')
    stale = put(owner_client, "edited from the first tab", '"v1"')
    assert stale.status_code == 412
    data = stale.json()
    assert "changed elsewhere" in data["detail"]
    assert data["current"]["body"] == "second, from another tab"
    assert data["current"]["version"] == 2
    assert owner_client.get(URL).json()["body"] == "second, from another tab"


def test_creating_twice_from_version_zero_conflicts(owner_client, article):
    assert put(owner_client, "tab one", '"v0"').status_code == 200
    response = put(owner_client, "tab two", '"v0"')
    assert response.status_code == 412 and response.json()["current"]["body"] == "tab one"


def test_if_match_is_required_and_must_be_well_formed(owner_client, article):
    missing = put(owner_client, "text", None)
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    assert put(owner_client, "text", "3").status_code == 400
    assert owner_client.get(URL).json()["version"] == 0


def test_size_is_capped(owner_client, article):
    too_big = put(owner_client, "x" * 200_001, '"v0"')
    assert too_big.status_code == 413 and "200,000" in too_big.json()["detail"]
    assert put(owner_client, "x" * 200_000, '"v0"').status_code == 200


def test_unknown_fields_are_rejected(owner_client, article):
    response = owner_client.put(
        URL,
        json.dumps({"body": "x", "version": 9}),
        content_type="application/json",
        headers={"If-Match": '"v0"'},
    )
    assert response.status_code == 422


def test_each_reader_has_their_own_notebook(owner_client, other_client, article):
    put(owner_client, "olivia's private notes", '"v0"')
    assert other_client.get(URL).json()["body"] == ""
    assert put(other_client, "oscar's", '"v0"').status_code == 200
    assert owner_client.get(URL).json()["body"] == "olivia's private notes"


def test_unknown_article_is_404(owner_client, db):
    assert owner_client.get("/api/v1/articles/nope/notebook").status_code == 404


def test_a_short_quote_reference_previews_as_a_link_back_to_the_passage(owner_client, article):
    saved = put(owner_client, "> quoted words [^q7]", '"v0"')
    html = saved.json()["body_html"]
    assert 'href="#annotation-7"' in html and "[^q7]" not in html
    assert owner_client.get(URL).json()["body"] == "> quoted words [^q7]"  # stored as written
