from __future__ import annotations

from django.core.cache import cache
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


# Per-process copies of what the shared cache holds, under the same keys: the key already
# names the revision and the last update, so a stale entry is never read, only left behind.
# Unpickling the article and its sections from the cache was most of this function's time on
# the annotation API (bench/load). Callers must not change what they get: it is shared.
_LOCAL_MAX = 64
_local: dict[str, tuple[Article, list[Section]]] = {}


def article_for_reading(slug: str, *, user: User | None) -> tuple[Article, list[Section]]:
    """The article and its sections for the reader page, from the cache when unchanged; 404
    unless `user` may read it (reader.access).

    One small probe reads the article's current revision, last update and who may see it; the
    article and its sections are cached under the first two, so a re-import (a new revision)
    or a metadata change from any process is seen at once, with no invalidation messages
    between processes.
    """
    row = (
        Article.objects.filter(slug=slug)
        .values_list("id", "current_revision_id", "updated", "is_public", "owner_id")
        .first()
    )
    if row is None or row[1] is None or not can_read(user=user, is_public=row[3], owner_id=row[4]):
        raise Http404("No such article.")
    key = f"reader:article:{row[0]}:{row[1]}:{row[2].isoformat()}"
    found = _local.get(key)
    if found is not None:
        return found
    cached = cache.get(key)
    if cached is None:
        article = Article.objects.select_related("current_revision").get(pk=row[0])
        cached = (article, section_list(article=article))
        cache.set(key, cached, timeout=24 * 3600)
    if len(_local) >= _LOCAL_MAX:
        _local.clear()  # old revisions' entries: cheaper to drop all than to track ages
    _local[key] = cached
    return cached
