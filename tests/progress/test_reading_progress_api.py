from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reader.models import ReadingProgress
from reader.services import article_import
from tests.conftest import import_sample

URL = "/api/v1/articles/great-leap-forward/progress"


def put(client: Client, body: dict, **extra):
    return client.put(URL, json.dumps(body), content_type="application/json", **extra)


def test_a_reader_saves_and_reads_back_their_position(owner_client, article):
    response = put(owner_client, {"anchor": "lessons", "fraction": 0.4, "read": ["key-takeaways"]})
    assert response.status_code == 200, response.content
    assert response.json()["anchor"] == "lessons"
    got = owner_client.get(URL).json()
    assert (got["anchor"], got["fraction"], got["read"]) == ("lessons", 0.4, ["key-takeaways"])


def test_sections_read_only_grow_and_follow_the_article_order(owner_client, article):
    put(owner_client, {"anchor": "lessons", "fraction": 0.1, "read": ["lessons"]})
    put(owner_client, {"anchor": "key-takeaways", "fraction": 0.2, "read": ["key-takeaways"]})
    body = put(owner_client, {"read": []}).json()
    assert body["read"] == ["key-takeaways", "lessons"]
    # A report of reads alone keeps the position.
    assert (body["anchor"], body["fraction"]) == ("key-takeaways", 0.2)


def test_progress_is_per_user(owner_client, other_client, article):
    put(owner_client, {"anchor": "lessons", "fraction": 0.5, "read": ["lessons"]})
    assert other_client.get(URL).json() == {
        "article": "great-leap-forward",
        "anchor": "",
        "fraction": 0.0,
        "read": [],
        "updated": None,
    }
    put(other_client, {"anchor": "key-takeaways", "fraction": 0.1, "read": []})
    assert owner_client.get(URL).json()["anchor"] == "lessons"
    assert ReadingProgress.objects.count() == 2


def test_visitors_get_401_and_nothing_is_stored(visitor_client, article):
    assert visitor_client.get(URL).status_code == 401
    assert put(visitor_client, {"anchor": "lessons"}).status_code == 401
    assert ReadingProgress.objects.count() == 0


def test_unknown_article_is_404(owner_client, db):
    assert owner_client.get("/api/v1/articles/nope/progress").status_code == 404


def test_csrf_is_required_for_a_session(owner, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert put(client, {"anchor": "lessons", "fraction": 0.5}).status_code == 403
    client.get("/articles/great-leap-forward/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = put(client, {"anchor": "lessons", "fraction": 0.5}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"anchor": "nope", "fraction": 0.5},
        {"anchor": "lessons", "read": ["key-takeaways", "nope"]},
    ],
)
def test_unknown_sections_are_refused_and_change_nothing(owner_client, article, body):
    put(owner_client, {"anchor": "key-takeaways", "fraction": 0.3, "read": ["key-takeaways"]})
    response = put(owner_client, body)
    assert response.status_code == 400
    assert "reload the page" in response.json()["detail"]
    got = owner_client.get(URL).json()
    assert (got["anchor"], got["read"]) == ("key-takeaways", ["key-takeaways"])


@pytest.mark.parametrize("fraction", [-0.1, 1.5])
def test_fraction_out_of_range_is_refused(owner_client, article, fraction):
    assert put(owner_client, {"anchor": "lessons", "fraction": fraction}).status_code == 422


def test_a_new_revision_forgets_read_marks_of_removed_sections(owner, article):
    ReadingProgress.objects.create(
        user=owner,
        article=article,
        anchor="lessons",
        fraction=0.5,
        sections_read=["key-takeaways", "lessons"],
    )

    article_import(
        data=b"# The Great Leap Forward\n\n## Key takeaways\n\nShorter.\n\n## New\n\nText.",
        name="x.md",
        slug="great-leap-forward",
    )
    progress = ReadingProgress.objects.get(user=owner)
    assert progress.sections_read == ["key-takeaways"]
    assert (progress.anchor, progress.fraction) == ("", 0.0)


def test_reader_page_marks_read_sections_in_the_table_of_contents(owner_client, article):
    put(owner_client, {"anchor": "lessons", "fraction": 0.5, "read": ["key-takeaways"]})
    body = owner_client.get("/articles/great-leap-forward/").content.decode()
    assert 'data-toc-link="key-takeaways" class="is-read">' in body
    assert 'data-toc-link="lessons">' in body  # not read
    config = body.split('id="reading-progress-config" type="application/json">')[1]
    config = json.loads(config.split("</script>")[0])
    assert config["position"] == {"anchor": "lessons", "fraction": 0.5}
    assert config["read"] == ["key-takeaways"]
    assert config["url"] == URL


def test_visitors_get_no_progress_tracking(visitor_client, article):
    body = visitor_client.get("/articles/great-leap-forward/").content.decode()
    assert "reading-progress-config" not in body and "is-read" not in body


def test_library_shows_each_articles_progress(owner_client, owner, article):
    import_sample("printing-press")
    ReadingProgress.objects.create(
        user=owner, article=article, anchor="lessons", sections_read=["key-takeaways", "lessons"]
    )
    body = owner_client.get("/").content.decode()
    assert "2 of 9 sections read" in body
    assert body.count("<progress") == 1


def _library_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_library_query_count_does_not_grow_with_articles(owner_client, owner, article):
    ReadingProgress.objects.create(user=owner, article=article, sections_read=["key-takeaways"])
    few = _library_queries(owner_client)
    for slug in ("printing-press", "how-vaccines-work"):
        other = import_sample(slug)
        ReadingProgress.objects.create(user=owner, article=other, sections_read=[])
    assert _library_queries(owner_client) == few


def test_library_query_count_for_visitors_is_one(visitor_client, article):
    import_sample("printing-press")
    assert _library_queries(visitor_client) == 1
