"""The profile's "sections read" list: the reader's own articles, by title, in one query."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reader.models import ReadingProgress, Section
from reader.progress.selectors import sections_read_per_article
from tests.conftest import import_sample


def _sections(article) -> int:
    return Section.objects.filter(revision_id=article.current_revision_id).count()


def test_each_started_article_by_title_with_read_and_total(owner, other, article):
    press = import_sample("printing-press")
    vaccines = import_sample("how-vaccines-work")
    ReadingProgress.objects.create(user=owner, article=article, sections_read=["lessons"])
    ReadingProgress.objects.create(user=owner, article=press, sections_read=[])
    ReadingProgress.objects.create(user=other, article=vaccines, sections_read=["intro"])

    with CaptureQueriesContext(connection) as queries:
        rows = sections_read_per_article(user=owner)
    assert len(queries) == 1
    expected = sorted([(article, 1), (press, 0)], key=lambda pair: pair[0].title)
    assert [(row["article"], row["read"]) for row in rows] == expected
    for row in rows:
        total = _sections(row["article"])
        assert row["total"] == total > 0
        assert row["percent"] == round(100 * row["read"] / total)
        assert row["article"].slug  # the article itself, for its link


def test_nothing_started_is_an_empty_list(owner, other, article):
    ReadingProgress.objects.create(user=other, article=article, sections_read=["lessons"])
    assert sections_read_per_article(user=owner) == []
