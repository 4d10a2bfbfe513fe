from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from reader.models import Article, Section


def article_list() -> QuerySet[Article]:
    return Article.objects.exclude(current_revision=None).order_by("title")


def section_list(*, article: Article) -> list[Section]:
    if article.current_revision_id is None:
        return []
    return list(Section.objects.filter(revision_id=article.current_revision_id).order_by("order"))


def article_for_reading(slug: str) -> tuple[Article, list[Section]]:
    """The article and its sections for the reader page, from the cache when unchanged.

    One plain SQL probe reads the article's current revision and last update; the article and
    its sections are cached under those, so a re-import (a new revision) or a metadata change
    from any process is seen at once, with no invalidation messages between processes. The probe
    skips the ORM because compiling a query costs more than running it on this page.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, current_revision_id, updated FROM reader_article WHERE slug = %s", [slug]
        )
        row = cursor.fetchone()
    if row is None or row[1] is None:
        raise Http404("No such article.")
    key = f"reader:article:{row[0]}:{row[1]}:{str(row[2]).replace(' ', 'T')}"
    cached = cache.get(key)
    if cached is None:
        article = Article.objects.select_related("current_revision").get(pk=row[0])
        cached = (article, section_list(article=article))
        cache.set(key, cached, timeout=24 * 3600)
    return cached
