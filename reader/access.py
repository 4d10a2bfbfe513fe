"""Getters that 404. Articles are public to read; what users own is fetched in their own apps.

Nearly every API call starts here, so the lookups are prepared once (readmark/prepared.py).
"""

from __future__ import annotations

from django.http import Http404

from reader.models import Article, Section
from readmark.prepared import PreparedQuery

_published_article = PreparedQuery(
    lambda slug: (
        Article.objects.select_related("current_revision")
        .exclude(current_revision=None)
        .filter(slug=slug)
        .order_by("pk")[:1]
    ),
    str,
)
_section = PreparedQuery(
    lambda revision_id, anchor: Section.objects.filter(
        revision_id=revision_id, anchor=anchor
    ).order_by("pk")[:1],
    int,
    str,
)


def article_for_read(slug: str) -> Article:
    article = _published_article.first(slug)
    if article is None:
        raise Http404("No such article.")
    return article


def section_for_read(article: Article, anchor: str) -> Section:
    section = _section.first(article.current_revision_id, anchor)
    if section is None:
        raise Http404("No such section.")
    return section
