"""The signed-in reader page reads its flashcards state and annotations with hand-written SQL and
prepared queries (study/selectors.py, annotations/selectors.py): the page must be byte for byte
what the straightforward ORM reads give, in every state those reads tell apart."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count, Max, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import annotations.templatetags.annotations_tags as annotations_tags
import study.templatetags.flashcards as flashcards_tags
from anchoring import describe, to_w3c
from annotations import selectors as annotation_selectors
from annotations.models import Annotation, Notebook
from annotations.present import notebook_data
from reader.models import Section
from study import tasks
from study.cooldown import cooldown_remaining
from study.engine import generator_choice
from study.models import IN_FLIGHT, Card, CardSet, Cooldown, Generation
from study.services import cardset_generate_now

PAGE = "/articles/great-leap-forward/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.READMARK_FLASHCARD_GENERATOR = "local"
    settings.READMARK_TASK_BACKEND = "embedded"
    tasks.backend_reset()
    yield
    tasks.backend_reset()


def _orm_flashcards_config(*, user, article, sections, keys):
    keyed = [(keys(section.content_hash), section) for section in sections]
    all_keys = sorted({key for key, _ in keyed})
    cached = set(CardSet.objects.filter(cache_key__in=all_keys).values_list("cache_key", flat=True))
    running = Generation.objects.filter(cache_key__in=all_keys, status__in=IN_FLIGHT)
    in_flight = dict(running.values_list("cache_key", "user_id"))
    own = set(
        Card.objects.filter(owner=user, article=article).values_list("section_anchor", flat=True)
    )
    return {
        "sections": [
            {
                "id": section.anchor,
                "title": section.heading,
                "cached": key in cached or section.anchor in own,
                "generating": key in in_flight,
                "mine": key in in_flight and in_flight[key] == user.pk,
            }
            for key, section in keyed
        ],
        "cooldownSeconds": cooldown_remaining(user=user),
    }


def _orm_reader_payload(*, owner, article):
    stamp = Annotation.objects.filter(owner_id=owner.pk, article=article).aggregate(
        count=Count("id"), last=Max("modified"), versions=Sum("version")
    )
    rows = annotation_selectors.reader_rows(owner=owner, article=article)
    notebook = Notebook.objects.filter(owner_id=owner.pk, article=article).first()
    script_json = annotation_selectors.script_json
    assert stamp["count"] == len(rows)
    return (
        f'{{"fields":{script_json(annotation_selectors.READER_FIELDS)},'
        f'"annotations":{script_json(rows)},'
        f'"notebook":{script_json(notebook_data(notebook, article=article))}}}'
    )


def _page(client) -> str:
    body = client.get(PAGE).content.decode()
    assert len(TOKEN.findall(body)) == 1
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', body)


def _assert_same_as_orm(client, monkeypatch) -> str:
    fast = _page(client)
    with monkeypatch.context() as patched:
        patched.setattr(flashcards_tags, "config_for", _orm_flashcards_config)
        patched.setattr(annotations_tags, "reader_payload", _orm_reader_payload)
        straightforward = _page(client)
    assert fast == straightforward
    return fast


def _annotate(owner, article, count: int) -> None:
    sections = list(Section.objects.filter(revision_id=article.current_revision_id))
    rows = []
    for i in range(count):
        section = sections[i % len(sections)]
        start, end = 0, min(len(section.text), 20 + i)
        kind = ("highlight", "note", "quote")[i % 3]
        rows.append(
            Annotation(
                owner=owner, article=article, revision_id=section.revision_id, section=section,
                section_anchor=section.anchor, kind=kind,
                selectors=to_w3c(describe(section.text, start, end)),
                quote=section.text[start:end], start=start, end=end,
                body=f"Note <{i}> & more" if kind == "note" else "",
                body_html=f"<p>Note &lt;{i}&gt;</p>" if kind == "note" else "",
            )
        )  # fmt: skip
    Annotation.objects.bulk_create(rows)


def _section(article, anchor: str) -> Section:
    return Section.objects.get(revision_id=article.current_revision_id, anchor=anchor)


def _in_flight(user, article, section: Section, status: str) -> Generation:
    choice = generator_choice()
    return Generation.objects.create(
        user=user, article=article, section=section, section_anchor=section.anchor,
        cache_key=choice.cache_key(section.content_hash), content_hash=section.content_hash,
        generator="local", generator_version="1", options_hash=choice.options_hash,
        status=status,
    )  # fmt: skip


def test_a_reader_with_nothing_gets_the_same_page(owner_client, article, monkeypatch):
    body = _assert_same_as_orm(owner_client, monkeypatch)
    assert '"annotations":[]' in body and '"cooldownSeconds": 0' in body


def test_every_flashcards_and_annotations_state_gives_the_same_page(
    owner_client, owner, other, article, monkeypatch
):
    sections = list(Section.objects.filter(revision_id=article.current_revision_id))
    cardset_generate_now(article=article, section=_section(article, "lessons"))
    _in_flight(owner, article, sections[0], "queued")  # mine
    _in_flight(other, article, sections[1], "running")  # someone else's
    Generation.objects.filter(pk=_in_flight(owner, article, sections[2], "queued").pk).update(
        status="failed"
    )  # not in flight
    Card.objects.create(
        owner=owner, article=article, section_anchor=sections[3].anchor, question="Q?", answer="A"
    )
    Card.objects.create(
        owner=other, article=article, section_anchor=sections[4].anchor, question="Q?", answer="A"
    )
    Cooldown.objects.create(user=owner, until=timezone.now() + timedelta(minutes=5))
    _annotate(owner, article, 40)
    _annotate(other, article, 5)
    Annotation.objects.filter(owner=owner, kind="quote").order_by("pk").first().delete()
    Annotation.all_objects.filter(owner=owner, kind="highlight").order_by("pk").update(
        deleted_at=timezone.now()
    )  # deleted a moment ago: hidden
    Notebook.objects.create(owner=owner, article=article, body="<b>mine</b>", body_html="<p>x</p>")
    body = _assert_same_as_orm(owner_client, monkeypatch)
    assert '"generating": true, "mine": true' in body
    assert '"generating": true, "mine": false' in body
    assert '"cooldownSeconds": 0' not in body
    assert "Note \\u003c1\\u003e" in body and "\\u003cb\\u003emine" in body


def test_each_write_shows_on_the_next_page(owner_client, owner, article, monkeypatch):
    _annotate(owner, article, 3)
    before = _assert_same_as_orm(owner_client, monkeypatch)
    Annotation.objects.filter(owner=owner).update(body="edited", version=2)
    after = _assert_same_as_orm(owner_client, monkeypatch)
    assert before != after and '"edited"' in after
    Cooldown.objects.create(user=owner, until=timezone.now() - timedelta(seconds=1))
    assert '"cooldownSeconds": 0' in _assert_same_as_orm(owner_client, monkeypatch)


def test_the_query_count_does_not_grow_with_annotations(owner_client, owner, article):
    owner_client.get(PAGE)
    with CaptureQueriesContext(connection) as none:
        owner_client.get(PAGE)
    _annotate(owner, article, 60)
    owner_client.get(PAGE)  # the rows are read once, then cached under their stamp
    with CaptureQueriesContext(connection) as many:
        owner_client.get(PAGE)
    assert len(many) == len(none)
