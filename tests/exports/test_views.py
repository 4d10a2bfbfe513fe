"""The export URLs: login, the requester's own data only, file names, constant queries."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anchoring import describe, to_w3c
from annotations.services import annotation_create
from exports.selectors import export_document
from tests.exports.data import annotate, sections_of
from tests.exports.readers import assert_in_order, flat, pdf_pages

EXPORTS = [
    ("notes.pdf", "application/pdf", "great-leap-forward.pdf"),
    ("notes.md", "text/markdown; charset=utf-8", "great-leap-forward.md"),
    (
        "annotations.jsonld",
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
        "great-leap-forward.jsonld",
    ),
    ("flashcards.apkg", "application/apkg", "great-leap-forward.apkg"),
]


def url(article, name: str) -> str:
    return f"/articles/{article.slug}/export/{name}"


@pytest.mark.parametrize(("name", "content_type", "filename"), EXPORTS)
def test_download_is_an_attachment_named_after_the_slug(
    owner_client, owner, article, name, content_type, filename
):
    annotate(owner, article)
    response = owner_client.get(url(article, name))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "content_type", "filename"), EXPORTS)
def test_visitors_are_sent_to_log_in(visitor_client, article, name, content_type, filename):
    response = visitor_client.get(url(article, name))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "content_type", "filename"), EXPORTS)
def test_unknown_article_is_404(owner_client, db, name, content_type, filename):
    assert owner_client.get(f"/articles/no-such-article/export/{name}").status_code == 404


def test_pdf_holds_the_owners_notes_in_reading_order(owner_client, owner, article):
    saved = annotate(owner, article)
    text = "\n".join(pdf_pages(owner_client.get(url(article, "notes.pdf")).content))
    expected = [article.title]
    rows = list(zip(saved.annotations, saved.phrases, saved.notes, strict=True))
    for section in saved.sections:
        marks = [r for r in rows if r[0].section_anchor == section.anchor and r[0].kind != "quote"]
        if marks:
            expected.append(section.heading)
        for _, phrase, note in marks:
            expected.append(phrase)
            if note:
                expected.append(note.replace("*", "").replace("[link](", "link ("))
    expected += ["General notes", "General line one.", "General line two.", saved.phrases[2]]
    assert_in_order(text, expected)


def test_others_get_their_own_empty_export_and_none_of_the_owners_words(
    owner, other_client, article
):
    saved = annotate(owner, article)
    pdf = flat("\n".join(pdf_pages(other_client.get(url(article, "notes.pdf")).content)))
    assert "no notes yet" in pdf
    markdown = other_client.get(url(article, "notes.md")).content.decode()
    collection = json.loads(other_client.get(url(article, "annotations.jsonld")).content)
    for phrase in saved.phrases:
        assert flat(phrase) not in pdf and phrase not in markdown
    assert "General line one." not in pdf and "General line one." not in markdown
    assert collection["total"] == 0


def test_jsonld_download_lists_the_owners_annotations(owner_client, owner, article):
    saved = annotate(owner, article)
    collection = json.loads(owner_client.get(url(article, "annotations.jsonld")).content)
    items = collection["first"]["items"]
    assert [item["target"]["selector"][0]["exact"] for item in items] == saved.phrases
    assert items[0]["target"]["source"] == f"http://testserver/articles/{article.slug}/"
    assert (
        items[0]["id"]
        == f"http://testserver/articles/{article.slug}/#annotation-{saved.annotations[0].pk}"
    )


def test_export_document_runs_a_constant_number_of_queries(owner, article):
    annotate(owner, article)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            export_document(owner=owner, article=article, article_url="http://x/")
        return len(queries)

    few = count()
    section = sections_of(article)[3]
    for n in range(30):
        start = n * 3
        annotation_create(
            owner=owner,
            article=article,
            section_anchor=section.anchor,
            kind="note",
            selectors=to_w3c(describe(section.text, start, start + 2)),
            body=f"note {n}",
        )
    assert count() == few


def test_hostile_note_through_the_database_fetches_nothing(owner, owner_client, article):
    from tests.exports.readers import LoopbackListener

    section = sections_of(article)[0]
    with LoopbackListener() as listener:
        body = (
            f'<img src="file:///etc/passwd"> <img src="http://127.0.0.1:{listener.port}/x.png">\n\n'
            f"![x](http://127.0.0.1:{listener.port}/y.png) [here](http://127.0.0.1:{listener.port}/z)"
        )
        annotation_create(
            owner=owner,
            article=article,
            section_anchor=section.anchor,
            kind="note",
            selectors=to_w3c(describe(section.text, 0, 12)),
            body=body,
        )
        for name in ("notes.pdf", "notes.md", "annotations.jsonld", "flashcards.apkg"):
            response = owner_client.get(url(article, name))
            assert response.status_code == 200
            assert b"root:x:0:0" not in response.content
        assert listener.connections == 0
    text = flat("\n".join(pdf_pages(owner_client.get(url(article, "notes.pdf")).content)))
    assert '<img src="file:///etc/passwd">' in text
    assert f"here (http://127.0.0.1:{listener.port}/z)" in text


def test_profile_page_queries_do_not_grow_with_articles_and_notes(owner, owner_client, article):
    from tests.conftest import import_sample

    annotate(owner, article)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get("/accounts/profile/").status_code == 200
        return len(queries)

    few = count()
    other_article = import_sample("printing-press")
    annotate(owner, other_article)
    assert count() == few
