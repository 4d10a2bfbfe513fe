from __future__ import annotations

from django.core.cache import caches
from django.db.models import QuerySet
from django.http import Http404

from reader.access import User, can_read, visible_to
from reader.models import Article, Section


def article_list(*, user: User | None, q: str = "") -> QuerySet[Article]:
    """The articles `user` may read (the shared library and their own), by title; `q` keeps
    those whose title contains it."""
    articles = Article.objects.exclude(current_revision=None).filter(visible_to(user))
    if q.strip():
        articles = articles.filter(title__icontains=q.strip())
    return articles.order_by("title")


def section_list(*, article: Article) -> list[Section]:
    if article.current_revision_id is None:
        return []
    return list(Section.objects.filter(revision_id=article.current_revision_id).order_by("order"))


def article_for_reading(slug: str, *, user: User | None) -> tuple[Article, list[Section]]:
    """The article and its sections for the reader page, from the cache when unchanged; 404
    unless `user` may read it (reader.access).

    One small query reads the article's current revision, last update and who may see it; the
    article and its sections are cached under the first two, so a re-import (a new revision)
    or a metadata change from any process is seen at once, with nothing to invalidate.
    """
    row = (
        Article.objects.filter(slug=slug)
        .values_list("id", "current_revision_id", "updated", "is_public", "owner_id")
        .first()
    )
    if row is None or row[1] is None or not can_read(user=user, is_public=row[3], owner_id=row[4]):
        raise Http404("No such article.")
    article_id = row[0]
    key = f"reader:article:{article_id}:{row[1]}:{row[2].isoformat()}"
    cached = caches["local"].get(key)
    if cached is None:
        article = Article.objects.select_related("current_revision").get(pk=article_id)
        cached = (article, section_list(article=article))
        caches["local"].set(key, cached, timeout=24 * 3600)
    return cached
