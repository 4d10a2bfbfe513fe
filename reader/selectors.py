from __future__ import annotations

from django.core.cache import cache
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

    One small query reads the article's current revision and last update; the article and its
    sections are cached under those, so a re-import (a new revision) or a metadata change from
    any process is seen at once, with nothing to invalidate.
    """
    found = (
        Article.objects.filter(slug=slug)
        .exclude(current_revision=None)
        .values_list("id", "current_revision_id", "updated")
        .first()
    )
    if found is None:
        raise Http404("No such article.")
    article_id, revision_id, updated = found
    key = f"reader:article:{article_id}:{revision_id}:{updated.isoformat()}"
    cached = cache.get(key)
    if cached is None:
        article = Article.objects.select_related("current_revision").get(pk=article_id)
        cached = (article, section_list(article=article))
        cache.set(key, cached, timeout=24 * 3600)
    return cached
