"""The reader page's annotation data, the profile's "Saved in your profile", query counts."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.models import Annotation
from annotations.services import annotation_create, annotation_delete, notebook_save
from tests.annotations.helpers import section_of, selectors_for
from tests.conftest import clear_caches

READER = "/articles/great-leap-forward/"


def annotate(owner, article, phrase, anchor="key-takeaways", **extra):
    section = section_of(article, anchor)
    return annotation_create(
        owner=owner,
        article=article,
        section_anchor=anchor,
        kind=extra.pop("kind", "highlight"),
        selectors=selectors_for(section, phrase),
        **extra,
    )


def page_data(response) -> dict:
    match = re.search(
        r'<script id="annotations-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "annotation data missing"
    return json.loads(match.group(1))


def test_reader_page_embeds_only_the_readers_own_annotations(owner_client, owner, other, article):
    mine = annotate(owner, article, "backyard furnaces", kind="note", body="**mine**")
    annotate(other, article, "people’s communes")
    notebook_save(owner=owner, article=article, body="general", expected_version=0)
    response = owner_client.get(READER)
    data = page_data(response)
    rows = [dict(zip(data["fields"], row, strict=True)) for row in data["annotations"]]
    assert [a["id"] for a in rows] == [mine.pk]
    first = rows[0]
    assert first["quote"] is None  # the page holds the text; only orphans carry their quote
    assert (first["start"], first["end"]) == (mine.start, mine.end)
    assert first["body_html"] == "<p><strong>mine</strong></p>\n"
    assert data["notebook"]["body"] == "general" and data["notebook"]["version"] == 1
    body = response.content.decode()
    assert 'aria-label="Notes"' in body and 'id="notes-panel"' in body
    assert ">General notes</label>" in body and ">Download PDF</a>" in body
    assert ">Highlight</button>" in body and ">Add Note</button>" in body


def test_visitors_get_no_annotation_tools_or_data(visitor_client, owner, article):
    annotate(owner, article, "backyard furnaces")
    body = visitor_client.get(READER).content.decode()
    assert "annotations-data" not in body and 'id="notes-panel"' not in body
    assert "backyard furnaces" in body  # the article itself, of course


def test_orphans_on_the_page_carry_their_quote(owner_client, owner, article):
    annotation = annotate(owner, article, "backyard furnaces")
    Annotation.objects.filter(pk=annotation.pk).update(state="orphaned")
    data = page_data(owner_client.get(READER))
    row = dict(zip(data["fields"], data["annotations"][0], strict=True))
    assert row["state"] == "orphaned" and row["quote"] == "backyard furnaces"


def test_deleted_annotations_are_not_on_the_page(owner_client, owner, article):
    annotation = annotate(owner, article, "backyard furnaces")
    annotation_delete(annotation=annotation)
    assert page_data(owner_client.get(READER))["annotations"] == []


def test_reader_page_query_count_does_not_grow_with_annotations(owner_client, owner, article):
    def count() -> int:
        clear_caches()  # compare the uncached paths: a warm cache would hide growth
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get(READER).status_code == 200
        return len(queries)

    count()  # the first request of a process may load one-off things (content types...)
    empty = count()
    for phrase in ["backyard furnaces", "people’s communes", "Mao Zedong", "1958", "famine"]:
        annotate(owner, article, phrase)
    assert count() == empty


def test_list_endpoint_query_count_does_not_grow(owner_client, owner, article):
    def count() -> int:
        clear_caches()  # compare the uncached paths: a warm cache would hide growth
        with CaptureQueriesContext(connection) as queries:
            response = owner_client.get("/api/v1/annotations", {"article": article.slug})
            assert response.status_code == 200
        return len(queries)

    annotate(owner, article, "backyard furnaces")
    one = count()
    for phrase in ["people’s communes", "Mao Zedong", "1958", "famine"]:
        annotate(owner, article, phrase)
    assert count() == one


# --- Profile ----------------------------------------------------------------------------------


def test_profile_groups_by_article_and_section_in_reading_order(owner_client, owner, article):
    annotate(owner, article, "planners lose sight of reality", anchor="lessons", kind="quote")
    annotate(owner, article, "overtake Britain", anchor="what-it-was")
    annotate(owner, article, "Mao Zedong", anchor="key-takeaways")
    annotate(owner, article, "backyard furnaces", anchor="key-takeaways")
    body = owner_client.get("/accounts/profile/").content.decode()
    assert "Saved in your profile" in body
    headings = re.findall(r'<h4 class="saved-section">(.*?)</h4>', body)
    assert headings == ["Key takeaways", "What it was", "Lessons"]
    quotes = re.findall(r'class="saved-quote" href="([^"]+)">“(.*?)”', body)
    assert [q for _, q in quotes] == [
        "Mao Zedong",
        "backyard furnaces",
        "overtake Britain",
        "planners lose sight of reality",
    ]
    assert all(re.fullmatch(r"/articles/great-leap-forward/#annotation-\d+", h) for h, _ in quotes)


def test_profile_search_covers_notes_and_quotes_and_only_ones_own(
    owner_client, owner, other, article
):
    annotate(owner, article, "backyard furnaces", kind="note", body="steel that was *useless*")
    annotate(owner, article, "Mao Zedong")
    annotate(other, article, "people’s communes", kind="note", body="steel too")
    notebook_save(owner=owner, article=article, body="On steel quotas", expected_version=0)
    body = owner_client.get("/accounts/profile/", {"q": "useless steel"}).content.decode()
    assert "backyard furnaces" in body and "Mao Zedong" not in body
    assert "people’s communes" not in body
    body = owner_client.get("/accounts/profile/", {"q": "zedong"}).content.decode()
    assert "Mao Zedong" in body and "backyard furnaces" not in body
    body = owner_client.get("/accounts/profile/", {"q": "quotas"}).content.decode()
    assert "On steel quotas" in body


def test_profile_lists_orphans_apart(owner_client, owner, article):
    annotation = annotate(owner, article, "backyard furnaces")
    Annotation.objects.filter(pk=annotation.pk).update(state="orphaned", orphan_reason="not_found")
    body = owner_client.get("/accounts/profile/").content.decode()
    assert "Passages to re-attach (1)" in body and "backyard furnaces" in body


def test_profile_query_count_does_not_grow(owner_client, owner, article):
    def count() -> int:
        clear_caches()  # compare the uncached paths: a warm cache would hide growth
        with CaptureQueriesContext(connection) as queries:
            assert owner_client.get("/accounts/profile/").status_code == 200
        return len(queries)

    annotate(owner, article, "backyard furnaces")
    one = count()
    for phrase in ["people’s communes", "Mao Zedong", "1958"]:
        annotate(owner, article, phrase)
    annotate(owner, article, "overtake Britain", anchor="what-it-was")
    assert count() == one


@pytest.mark.parametrize("kind", ["highlight", "quote"])
def test_orphan_is_reattached_by_patching_new_selectors(owner_client, owner, article, kind):
    annotation = annotate(owner, article, "backyard furnaces", kind=kind)
    Annotation.objects.filter(pk=annotation.pk).update(state="orphaned", orphan_reason="low_score")
    section = section_of(article, "what-it-was")
    response = owner_client.patch(
        f"/api/v1/annotations/{annotation.pk}",
        json.dumps({"section": section.anchor, "selectors": selectors_for(section, "overtake")}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["state"] == "anchored" and data["section"] == "what-it-was"
    assert data["quote"] == "overtake" and data["orphan_reason"] == ""


def test_page_data_follows_every_kind_of_write(owner_client, owner, article):
    """The rows are cached under a stamp of the reader's annotations: each write must show."""
    from annotations.services import annotation_restore, annotation_update
    from reader.services import article_import
    from tests.conftest import CONTENT

    def rows():
        data = page_data(owner_client.get(READER))
        return [dict(zip(data["fields"], row, strict=True)) for row in data["annotations"]]

    assert rows() == []
    annotation = annotate(owner, article, "backyard furnaces")
    assert [r["kind"] for r in rows()] == ["highlight"]
    annotation_update(annotation=annotation, kind="note", body="now a note")
    assert [(r["kind"], r["body"]) for r in rows()] == [("note", "now a note")]
    annotation_update(annotation=Annotation.objects.get(), colour="pink")
    assert rows()[0]["colour"] == "pink"
    annotation_delete(annotation=annotation)
    assert rows() == []
    annotation_restore(annotation=annotation)
    assert len(rows()) == 1
    source = (CONTENT / "great-leap-forward.md").read_text()
    line = next(x for x in source.splitlines() if "backyard furnaces" in x)
    article_import(data=source.replace(line, "- Rural life changed.").encode(), name="x.md")
    assert rows()[0]["state"] == "orphaned"  # re-anchoring on the new revision shows too


def test_profile_shows_general_notes_without_quote_references(owner_client, owner, article):
    body = "> a quoted line [^q5]\n\n> an older one [↩](#annotation-6)\n\nMy own words."
    notebook_save(owner=owner, article=article, body=body, expected_version=0)
    page = owner_client.get("/accounts/profile/", {"q": "words"}).content.decode()
    listed = page[page.index('id="saved-notebooks-heading"') :]
    assert "My own words." in listed and "a quoted line" in listed
    assert "[^q" not in listed and "(#annotation-" not in listed and "↩" not in listed
