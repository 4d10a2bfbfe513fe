from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import CONTENT


def test_library_lists_articles_with_length_and_reading_time(visitor_client, article):
    response = visitor_client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "The Great Leap Forward" in body
    assert re.search(r"\d+ words", body) and re.search(r"\d+ min read", body)


def test_reader_page_has_semantic_sections_and_study_buttons(visitor_client, article):
    body = visitor_client.get("/articles/great-leap-forward/").content.decode()
    assert body.count("<article") == 1
    assert body.count("<section") == 9
    assert body.count('<h2 id="heading-') == 9
    # Every section but the reading list, which has no facts to ask about.
    assert body.count(">Generate Flashcards<") == 8
    assert 'aria-label="Table of contents"' in body
    assert ">Notes</button>" in body


def test_visitor_is_invited_to_log_in(visitor_client, article):
    body = visitor_client.get("/articles/great-leap-forward/").content.decode()
    assert "/accounts/login/?next=/articles/great-leap-forward/" in body
    assert "Log in to use study tools" in body


def test_unknown_article_is_404(visitor_client, db):
    assert visitor_client.get("/articles/nope/").status_code == 404


def test_reader_page_query_count_is_small(visitor_client, article):
    with CaptureQueriesContext(connection) as queries:
        visitor_client.get("/articles/great-leap-forward/")
    assert len(queries) <= 4


def test_every_page_sends_security_headers(visitor_client, article):
    response = visitor_client.get("/articles/great-leap-forward/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts(visitor_client, article):
    body = visitor_client.get("/articles/great-leap-forward/").content.decode()
    for tag in re.findall(r"<script[^>]*>", body):
        assert 'type="module" src=' in tag or 'type="application/json"' in tag, tag


def test_healthz_is_minimal_json(visitor_client, db):
    assert visitor_client.get("/healthz").json() == {"ok": True}


@pytest.mark.parametrize("path", ["/articles/import/"])
def test_upload_form_is_for_staff_only(owner_client, path):
    response = owner_client.get(path)
    # Not staff: our login page (to sign in as someone who is), never the admin's.
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_staff_upload_imports_and_refuses(staff, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(staff)
    good = SimpleUploadedFile("x.md", b"# Upload\n\n## One\n\nSome text here.")
    response = client.post("/articles/import/", {"file": good, "slug": "", "title": ""})
    assert response.status_code == 302 and response["Location"] == "/articles/upload/"
    bad = SimpleUploadedFile("y.md", b"\x00\x00")
    response = client.post("/articles/import/", {"file": bad, "slug": "", "title": ""})
    assert response.status_code == 400
    assert "binary" in response.content.decode()


def test_visitors_share_a_cached_page_that_follows_a_reimport(visitor_client, article):
    from reader.services import article_import

    first = visitor_client.get("/articles/great-leap-forward/").content.decode()
    assert "csrfmiddlewaretoken" not in first  # nothing personal may be cached
    assert Client().get("/articles/great-leap-forward/").content.decode() == first
    edited = (
        (CONTENT / "great-leap-forward.md")
        .read_text()
        .replace("## Lessons\n", "## Lessons\n\nA freshly added sentence about planning.\n", 1)
    )
    article_import(data=edited.encode(), name="great-leap-forward.md")
    after = visitor_client.get("/articles/great-leap-forward/").content.decode()
    assert "A freshly added sentence about planning." in after


def test_signed_in_readers_never_get_the_visitor_copy(owner_client, visitor_client, article):
    visitor_client.get("/articles/great-leap-forward/")
    body = owner_client.get("/articles/great-leap-forward/").content.decode()
    assert "Log in to use study tools" not in body
    assert "olivia" in body
