"""A reader's own articles: added from each source, private to them everywhere (page, API,
exports, flashcards, progress, library), deleted by them only."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.models import Annotation
from config.cli import main
from reader.models import Article
from tests.annotations.helpers import payload, section_of
from tests.own.documents import make_docx, make_epub, make_pdf
from tests.own.pages import NEWS_PAGE, serving

PASTED = (
    "# Hive diary\n\n## Morning\n\nThe bees left the hive at dawn to gather nectar. A forager "
    "visits several hundred flowers on each trip before it flies home. The nectar is carried in "
    "the honey stomach, a pouch separate from the bee's gut. Worker bees fan the stored nectar "
    "with their wings until most of its water has evaporated and it thickens into honey. A "
    "strong colony can store more than twenty kilograms of honey in a good summer.\n"
)


def add_text(client, text=PASTED, **extra):
    return client.post("/articles/new/", {"url": "", "text": text, "title": "", **extra})


@pytest.fixture
def own(owner, owner_client):
    response = add_text(owner_client)
    assert response.status_code == 302
    return Article.objects.get(owner=owner)


def test_the_form_has_the_four_labelled_sources_and_the_button(owner_client):
    body = owner_client.get("/articles/new/").content.decode()
    for label in ("Web address", "Paste text", "File", "Title"):
        assert f">{label}</label>" in body, label
    assert '<button type="submit" class="button">Add article</button>' in body


def test_visitors_are_sent_to_log_in(visitor_client, db):
    response = visitor_client.get("/articles/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pasted_text_becomes_a_private_article_and_the_reader_lands_on_it(owner, own):
    assert own.owner == owner and not own.is_public
    assert own.title == "Hive diary"
    assert own.current_revision.source_format == "pasted"


@pytest.mark.parametrize(
    ("name", "data", "heading"),
    [
        ("bees.epub", make_epub(), "How bees find flowers"),
        ("bees.pdf", make_pdf(), "The waggle dance"),
        ("bees.docx", make_docx(), "The waggle dance"),
        ("notes.md", b"# Notes\n\n## Waggle\n\nDance.", "Waggle"),
    ],
)
def test_each_kind_of_file_becomes_an_article(owner, owner_client, name, data, heading):
    upload = SimpleUploadedFile(name, data)
    response = owner_client.post("/articles/new/", {"file": upload, "title": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(owner=owner)
    assert response["Location"] == f"/articles/{article.slug}/"
    page = owner_client.get(response["Location"]).content.decode()
    assert heading in page and f"Source: {name}" in page


def test_a_title_given_replaces_the_sources_own(owner, owner_client):
    add_text(owner_client, title="My own name")
    assert Article.objects.get(owner=owner).title == "My own name"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"url": "", "text": ""}, "Nothing to add"),
        ({"url": "https://example.org/", "text": "Some text"}, "exactly one source"),
    ],
)
def test_one_source_exactly(owner_client, data, message):
    response = owner_client.post("/articles/new/", data)
    assert response.status_code == 400 and message in response.content.decode()


def test_a_refused_file_says_why_and_adds_nothing(owner, owner_client):
    upload = SimpleUploadedFile("scan.pdf", make_pdf(text_layer=False))
    response = owner_client.post("/articles/new/", {"file": upload})
    assert response.status_code == 400 and "no text layer" in response.content.decode()
    assert not Article.objects.filter(owner=owner).exists()


def test_a_private_address_is_refused_without_the_setting(owner_client, settings):
    settings.READMARK_FETCH_ALLOW_PRIVATE = False
    response = owner_client.post("/articles/new/", {"url": "http://127.0.0.1:9/admin"})
    assert response.status_code == 400
    assert "does not fetch from private" in response.content.decode()


def test_a_web_address_gives_the_article_and_again_a_new_revision(owner, owner_client, settings):
    settings.READMARK_FETCH_ALLOW_PRIVATE = True
    with serving() as server:
        url = server.add("/tides", NEWS_PAGE)
        assert owner_client.post("/articles/new/", {"url": url}).status_code == 302
        article = Article.objects.get(owner=owner)
        assert article.source == url
        section = section_of(article)
        made = owner_client.post(
            "/api/v1/annotations",
            json.dumps(payload(article, "heaps up into a bulge", anchor=section.anchor)),
            content_type="application/json",
        )
        assert made.status_code == 201
        server.add("/tides", NEWS_PAGE.replace("heaps up", "rises up then heaps up"))
        assert owner_client.post("/articles/new/", {"url": url}).status_code == 302
    article.refresh_from_db()
    assert Article.objects.filter(owner=owner).count() == 1
    assert article.current_revision.number == 2
    annotation = Annotation.objects.get(owner=owner)
    assert annotation.state == "anchored"
    assert annotation.revision_id == article.current_revision_id


def test_others_and_visitors_get_404_everywhere(own, other_client, visitor_client, owner_client):
    section = section_of(own).anchor
    slug = own.slug
    pages = [
        f"/articles/{slug}/",
        f"/articles/{slug}/export/notes.md",
        f"/articles/{slug}/export/notes.pdf",
        f"/articles/{slug}/export/annotations.jsonld",
        f"/articles/{slug}/export/flashcards.apkg",
        f"/articles/{slug}/delete/",
        f"/review/?article={slug}",
        f"/api/v1/articles/{slug}/notebook",
        f"/api/v1/articles/{slug}/progress",
        f"/api/v1/annotations?article={slug}",
        f"/api/v1/review/next?article={slug}",
    ]
    # With a set generated, the same section's deck is still nobody else's to read.
    deck = f"/api/v1/articles/{slug}/sections/{section}/flashcards"
    assert owner_client.post(deck, "", content_type="application/json").status_code == 200
    pages.append(deck)
    for path in pages:
        assert owner_client.get(path).status_code == 200, path
        assert other_client.get(path).status_code == 404, path
        assert visitor_client.get(path).status_code in (302, 401, 404), path
    assert visitor_client.get(f"/articles/{slug}/").status_code == 404
    writes = [
        ("/api/v1/annotations", payload(own, "gather nectar")),
        (f"/api/v1/articles/{slug}/sections/{section}/flashcards", None),
        (f"/api/v1/articles/{slug}/sections/{section}/flashcards/cards", {"question": "Q?"}),
    ]
    for path, body in writes:
        response = other_client.post(
            path, json.dumps(body) if body else "", content_type="application/json"
        )
        assert response.status_code == 404, path
    assert other_client.post(f"/articles/{slug}/delete/").status_code == 404
    assert Article.objects.filter(pk=own.pk).exists()


def test_the_library_shows_shared_and_own_articles_only(own, article, owner_client, other_client):
    mine = owner_client.get("/").content.decode()
    assert own.title in mine and article.title in mine and "Yours" in mine
    theirs = other_client.get("/").content.decode()
    assert own.title not in theirs and article.title in theirs
    assert own.title not in other_client.get("/?q=hive").content.decode()


def test_library_search_and_sort_by_last_read(own, article, owner, owner_client):
    own.title = "Wax and honey"  # after "The Great Leap Forward" by title
    own.save()
    found = owner_client.get("/?q=HONEY").content.decode()
    assert own.title in found and article.title not in found
    from reader.progress.services import reading_progress_record

    reading_progress_record(user=owner, article=own, anchor="", fraction=0, read=[])
    page = owner_client.get("/?sort=last-read").content.decode()
    assert page.index(own.title) < page.index(article.title)
    page = owner_client.get("/?sort=title").content.decode()
    assert page.index(article.title) < page.index(own.title)


def test_delete_asks_first_offering_the_export_then_removes_everything(own, owner, owner_client):
    note = payload(own, "gather nectar", kind="note", body="remember")
    assert owner_client.post(
        "/api/v1/annotations", json.dumps(note), content_type="application/json"
    ).status_code == 201  # fmt: skip
    confirm = owner_client.get(f"/articles/{own.slug}/delete/").content.decode()
    assert f"/articles/{own.slug}/export/notes.md" in confirm and "Delete article" in confirm
    response = owner_client.post(f"/articles/{own.slug}/delete/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not Article.objects.filter(pk=own.pk).exists()
    assert not Annotation.objects.filter(owner=owner).exists()


def test_shared_articles_cannot_be_deleted_by_readers(article, owner_client):
    assert owner_client.post(f"/articles/{article.slug}/delete/").status_code == 404


def test_the_api_adds_articles_and_explains_refusals(owner, owner_client, settings):
    response = owner_client.post("/api/v1/articles", {"text": PASTED, "title": "From a script"})
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "From a script" and data["url"] == f"/articles/{data['slug']}/"
    upload = SimpleUploadedFile("bees.docx", make_docx())
    assert owner_client.post("/api/v1/articles", {"file": upload}).status_code == 201
    refused = owner_client.post("/api/v1/articles", {})
    assert refused.status_code == 400 and "Nothing to add" in refused.json()["detail"]
    settings.READMARK_ARTICLES_PER_HOUR = 2
    limited = owner_client.post("/api/v1/articles", {"text": PASTED})
    assert limited.status_code == 429 and "an hour" in limited.json()["detail"]


def test_the_api_needs_a_reader(visitor_client, db):
    assert visitor_client.post("/api/v1/articles", {"text": PASTED}).status_code == 401


def test_cli_imports_a_file_for_a_reader_privately(owner, tmp_path, capsys):
    path = tmp_path / "bees.epub"
    path.write_bytes(make_epub())
    assert main(["import", str(path), "--user", owner.username]) == 0
    slug = capsys.readouterr().out.strip()
    article = Article.objects.get(slug=slug)
    assert article.owner == owner and not article.is_public


def test_cli_imports_a_web_address(owner, settings, capsys):
    settings.READMARK_FETCH_ALLOW_PRIVATE = True
    with serving() as server:
        url = server.add("/tides", NEWS_PAGE)
        assert main(["import", url, "--user", owner.username]) == 0
        mine = Article.objects.get(slug=capsys.readouterr().out.strip())
        assert main(["import", url]) == 0
        shared = Article.objects.get(slug=capsys.readouterr().out.strip())
    assert mine.owner == owner and not mine.is_public and mine.source == url
    assert shared.owner is None and shared.is_public and shared.pk != mine.pk


def test_cli_refuses_another_readers_slug(own, other, tmp_path, capsys):
    path = tmp_path / "x.md"
    path.write_text("# X\n\n## Y\n\nZ.")
    assert main(["import", str(path), "--slug", own.slug, "--user", other.username]) == 1
    assert "another reader" in capsys.readouterr().err


def test_cli_refuses_a_private_address(owner, settings, capsys):
    settings.READMARK_FETCH_ALLOW_PRIVATE = False
    assert main(["import", "http://169.254.169.254/latest/", "--user", owner.username]) == 1
    assert "link-local" in capsys.readouterr().err
