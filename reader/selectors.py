from __future__ import annotations

from django.db.models import QuerySet

from reader.models import Article, Section


def article_list() -> QuerySet[Article]:
    return Article.objects.exclude(current_revision=None).order_by("title")


def section_list(*, article: Article) -> list[Section]:
    if article.current_revision_id is None:
        return []
    return list(Section.objects.filter(revision_id=article.current_revision_id).order_by("order"))
