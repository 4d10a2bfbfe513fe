from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from reader.models import Article, ReadingProgress, Section


def reading_progress_get(
    *, user: AbstractBaseUser | AnonymousUser, article: Article
) -> ReadingProgress | None:
    if not user.is_authenticated:
        return None
    return ReadingProgress.objects.filter(user_id=user.pk, article_id=article.pk).first()


def _section_count() -> Subquery:
    counts = (
        Section.objects.filter(revision_id=OuterRef("current_revision_id"))
        .order_by()
        .values("revision_id")
        .annotate(total=Count("id"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def library_articles(
    *, articles: QuerySet[Article], user: AbstractBaseUser | AnonymousUser, sort: str = "title"
) -> list[Article]:
    """The library's articles, each with `section_count` and, for a signed-in reader, `progress`
    (their ReadingProgress or None). Two queries however many articles there are.

    `sort="last-read"` puts what the reader read most recently first, then the unread ones
    by title."""
    queryset = articles.annotate(section_count=_section_count())
    if not user.is_authenticated:
        return list(queryset)
    if sort == "last-read":
        last_read = ReadingProgress.objects.filter(user=user, article=OuterRef("pk")).values(
            "updated"
        )[:1]
        queryset = queryset.annotate(last_read=Subquery(last_read)).order_by(
            F("last_read").desc(nulls_last=True), "title"
        )
    queryset = queryset.prefetch_related(
        Prefetch(
            "reading_progress",
            queryset=ReadingProgress.objects.filter(user=user),
            to_attr="own_progress",
        )
    )
    result = list(queryset)
    for article in result:
        article.progress = article.own_progress[0] if article.own_progress else None
    return result


def sections_read_per_article(*, user: AbstractBaseUser) -> list[dict]:
    """For the progress page: each article this reader has started, with read and total."""
    return [
        {
            "article": row.article,
            "read": len(row.sections_read),
            "total": row.section_count,
            "percent": _percent(len(row.sections_read), row.section_count),
        }
        for row in ReadingProgress.objects.filter(user_id=user.pk)
        .select_related("article")
        .annotate(section_count=_section_count_for_progress())
        .order_by("article__title")
    ]


def _section_count_for_progress() -> Subquery:
    counts = (
        Section.objects.filter(revision_id=OuterRef("article__current_revision_id"))
        .order_by()
        .values("revision_id")
        .annotate(total=Count("id"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def _percent(read: int, total: int) -> int:
    return round(100 * min(read, total) / total) if total else 0
