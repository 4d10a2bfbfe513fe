"""Moving annotations: JSON-LD out of one account, back into another (web and command line)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.models import Annotation
from config.cli import main
from tests.exports.data import annotate
from tests.exports.readers import pdf_pages

HYPOTHESIS_TEMPLATE = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "Annotation",
    "id": "https://hypothes.is/a/xyz",
    "created": "2024-05-01T08:00:00+00:00",
    "body": [{"type": "TextualBody", "value": "From Hypothesis.", "format": "text/markdown"}],
    "target": [{"source": "https://en.wikipedia.org/wiki/Great_Leap_Forward", "selector": []}],
}


def export_jsonld(client, article) -> bytes:
    return client.get(f"/articles/{article.slug}/export/annotations.jsonld").content


def snapshot(user, article):
    return sorted(
        Annotation.objects.filter(owner=user, article=article).values_list(
            "section_anchor", "start", "end", "kind", "body", "quote"
        )
    )


def test_web_round_trip_into_another_account_keeps_everything(
    owner, owner_client, other, other_client, article
):
    saved = annotate(owner, article)
    data = export_jsonld(owner_client, article)
    response = other_client.post(
        "/export/import-annotations",
        {"file": SimpleUploadedFile("notes.jsonld", data, "application/ld+json")},
    )
    assert response.status_code == 302 and response["Location"].endswith(
        "/accounts/profile/#exports"
    )
    assert snapshot(other, article) == snapshot(owner, article)
    created = {a.quote: a.created for a in Annotation.objects.filter(owner=other)}
    for annotation in saved.annotations:
        assert created[annotation.quote].replace(microsecond=0) == annotation.created.replace(
            microsecond=0
        )
    page = other_client.get("/accounts/profile/")
    assert "Imported 4 annotations into “The Great Leap Forward”" in page.content.decode()

    # The same file again adds nothing.
    other_client.post(
        "/export/import-annotations",
        {"file": SimpleUploadedFile("notes.jsonld", data, "application/ld+json")},
    )
    assert Annotation.objects.filter(owner=other).count() == 4
    assert "4 you already had" in other_client.get("/accounts/profile/").content.decode()


def test_hypothesis_annotation_needs_a_chosen_article_and_is_then_placed(
    owner, other_client, other, article
):
    section = annotate(owner, article).sections[2]
    words = section.text.split()
    exact = next(
        phrase
        for start in range(3, len(words))
        if (phrase := " ".join(words[start : start + 6])) in section.text
    )
    entry = json.loads(json.dumps(HYPOTHESIS_TEMPLATE))
    entry["target"][0]["selector"] = [{"type": "TextQuoteSelector", "exact": exact}]
    upload = json.dumps([entry]).encode()

    other_client.post(
        "/export/import-annotations", {"file": SimpleUploadedFile("h.jsonld", upload)}
    )
    assert not Annotation.objects.filter(owner=other).exists()
    assert (
        "no article here matches its source"
        in other_client.get("/accounts/profile/").content.decode()
    )

    other_client.post(
        "/export/import-annotations",
        {"file": SimpleUploadedFile("h.jsonld", upload), "article": article.slug},
    )
    (imported,) = Annotation.objects.filter(owner=other)
    assert imported.quote == exact and imported.kind == "note"
    assert imported.body == "From Hypothesis." and imported.section_anchor == section.anchor


def test_unreadable_upload_changes_nothing_and_says_why(other_client, other, article):
    response = other_client.post(
        "/export/import-annotations", {"file": SimpleUploadedFile("x.jsonld", b"{not json")}
    )
    assert response.status_code == 302
    page = other_client.get("/accounts/profile/").content.decode()
    assert "Nothing was imported. The file is not valid JSON" in page
    assert not Annotation.objects.filter(owner=other).exists()


def test_import_needs_login_and_csrf(visitor_client, other, article):
    assert visitor_client.post("/export/import-annotations").status_code == 302
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other)
    assert strict.post("/export/import-annotations", {}).status_code == 403


def test_profile_lists_exports_and_the_import_form(owner, owner_client, article):
    annotate(owner, article)
    page = owner_client.get("/accounts/profile/").content.decode()
    assert 'id="exports"' in page
    assert f'href="/articles/{article.slug}/export/notes.pdf"' in page
    assert f'href="/articles/{article.slug}/export/annotations.jsonld"' in page
    assert 'action="/export/import-annotations"' in page and 'type="file"' in page


def test_cli_exports_every_format_and_imports(owner, other, article, tmp_path, capsys):
    saved = annotate(owner, article)
    for fmt in ("pdf", "md", "jsonld", "apkg"):
        path = tmp_path / f"out.{fmt}"
        argv = ["export", article.slug, "--user", owner.username, "--format", fmt, "-o", str(path)]
        assert main(argv) == 0
        assert path.stat().st_size > 0
    assert saved.phrases[0] in " ".join(
        " ".join(pdf_pages((tmp_path / "out.pdf").read_bytes())).split()
    )
    assert saved.phrases[0] in (tmp_path / "out.md").read_text()
    collection = json.loads((tmp_path / "out.jsonld").read_text())
    assert collection["first"]["items"][0]["target"]["source"] == (
        f"http://localhost:8000/articles/{article.slug}/"
    )
    capsys.readouterr()
    assert main(["import-annotations", str(tmp_path / "out.jsonld"), "--user", other.username]) == 0
    assert "Imported 4 annotations" in capsys.readouterr().out
    assert snapshot(other, article) == snapshot(owner, article)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["export", "great-leap-forward", "--user", "nobody", "--format", "pdf"],
            "no user 'nobody'",
        ),
        (["export", "no-such", "--user", "olivia", "--format", "md"], "no article 'no-such'"),
        (["import-annotations", "/no/such/file.jsonld", "--user", "olivia"], "no such file"),
    ],
)
def test_cli_errors_are_one_clear_line(owner, article, capsys, argv, message):
    assert main(argv) == 1
    assert message in capsys.readouterr().err


def test_a_second_import_while_one_runs_is_refused_with_a_clear_message(
    owner, owner_client, other, other_client, article
):
    from django.core.cache import cache

    from exports.import_jobs import _slot_key

    annotate(owner, article)
    data = export_jsonld(owner_client, article)
    cache.add(_slot_key(other.pk), "running elsewhere", 60)  # an import of other's is running
    client = other_client
    response = client.post(
        "/export/import-annotations", {"file": SimpleUploadedFile("n.jsonld", data)}, follow=True
    )
    page = response.content.decode()
    assert "Nothing was imported. Another import of yours is still running" in page
    assert Annotation.objects.filter(owner=other).count() == 0
    cache.delete(_slot_key(other.pk))
    client.post("/export/import-annotations", {"file": SimpleUploadedFile("n.jsonld", data)})
    assert Annotation.objects.filter(owner=other).count() == 4


@pytest.mark.django_db(transaction=True)
def test_placing_runs_with_no_transaction_open_and_writes_go_in_batches(
    owner, owner_client, other, article, monkeypatch
):
    from django.db import connection

    from exports import services

    annotate(owner, article)
    data = export_jsonld(owner_client, article)
    during: list[bool] = []
    monkeypatch.setattr(services, "WRITE_BATCH", 1)
    atomic_blocks = []
    real_write = services._write_batch

    def write_batch(*args, **kwargs):
        atomic_blocks.append(connection.in_atomic_block)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(services, "_write_batch", write_batch)
    report = services.annotations_import(
        owner=other,
        data=data,
        progress=lambda placed, total: during.append(connection.in_atomic_block),
    )
    assert report.created == 4
    assert during and not any(during)  # the fuzzy search never inside a transaction
    assert atomic_blocks == [True] * 4  # each write batch its own short transaction


@pytest.mark.django_db(transaction=True)
def test_an_article_imported_again_mid_import_leaves_the_rest_unwritten(
    owner, owner_client, other, article, monkeypatch
):
    from exports import services
    from reader.models import Article

    annotate(owner, article)
    data = export_jsonld(owner_client, article)
    revision = article.current_revision_id

    def progress(placed, total):  # a new revision appears between placing and writing
        Article.objects.filter(pk=article.pk).update(current_revision=None)

    report = services.annotations_import(owner=other, data=data, progress=progress)
    Article.objects.filter(pk=article.pk).update(current_revision=revision)
    assert report.created == 0
    assert [s.reason for s in report.skipped] == [services._CHANGED] * 4


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_imported_in_the_background_and_the_profile_follows_it(
    owner, owner_client, other, other_client, article, monkeypatch
):
    import threading

    from exports import import_jobs

    annotate(owner, article)
    data = export_jsonld(owner_client, article)
    monkeypatch.setattr(import_jobs, "INLINE_MAX", 1)  # 4 annotations count as a large file
    response = other_client.post(
        "/export/import-annotations", {"file": SimpleUploadedFile("n.jsonld", data)}, follow=True
    )
    assert "Import started" in response.content.decode()
    for thread in threading.enumerate():
        if thread.name == f"annotation-import-{other.pk}":
            thread.join(timeout=60)
    status = import_jobs.import_status(owner=other)
    assert status is not None and status.state == "done" and status.placed == 4
    page = other_client.get("/accounts/profile/").content.decode()
    assert "Last import: Imported 4 annotations into “The Great Leap Forward”" in page
    assert Annotation.objects.filter(owner=other).count() == 4


def test_an_import_whose_process_stopped_says_so(other, db):
    from django.core.cache import cache

    from exports import import_jobs

    import_jobs._save(other.pk, import_jobs.ImportStatus(state="running", total=10, placed=3))
    cache.set(import_jobs._slot_key(other.pk), "token", 60)
    assert import_jobs.import_status(owner=other).running
    cache.delete(import_jobs._slot_key(other.pk))  # the process died: its slot expired
    status = import_jobs.import_status(owner=other)
    assert status.state == "failed" and "import the same file again" in status.summary
