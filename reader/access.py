"""Getters that 404. Articles are public to read; what users own is fetched in their own apps."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404

from reader.models import Article, Section


def article_for_read(slug: str) -> Article:
    article = (
        Article.objects.select_related("current_revision")
        .exclude(current_revision=None)
        .filter(slug=slug)
        .first()
    )
    if article is None:
        raise Http404("No such article.")
    return article


def section_for_read(article: Article, anchor: str) -> Section:
    section = Section.objects.filter(revision_id=article.current_revision_id, anchor=anchor).first()
    if section is None:
        raise Http404("No such section.")
    return section


def section_in_current_revision(*, slug: str, anchor: str) -> Section:
    """The section of the article's current text, with its article, in one query."""
    section = (
        Section.objects.select_related("article__current_revision")
        .filter(article__slug=slug, anchor=anchor, revision_id=F("article__current_revision_id"))
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    return section
