"""Reads. Each function runs a fixed number of queries, however many annotations there are."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, Q, QuerySet, Sum

from annotations.models import Annotation, Notebook, State
from annotations.present import ROW_FIELDS, notebook_data
from reader.models import Article

logger = logging.getLogger(__name__)
MAX_TERMS = 8
READING_ORDER = ("article__title", "article_id", "section__order", "start", "end", "id")


def annotation_list(
    *,
    owner: AbstractBaseUser,
    article: Article | None = None,
    state: str | None = None,
    q: str = "",
) -> QuerySet[Annotation]:
    """The owner's live annotations in reading order (article, section, position)."""
    qs = Annotation.objects.filter(owner_id=owner.pk).select_related("article")
    if article is not None:
        qs = qs.filter(article=article)
    if state:
        qs = qs.filter(state=state)
    for term in search_terms(q):
        qs = qs.filter(Q(body__icontains=term) | Q(quote__icontains=term))
    return qs.order_by(*READING_ORDER)


def annotation_page(
    *,
    owner: AbstractBaseUser,
    article: Article | None = None,
    state: str | None = None,
    q: str = "",
    offset: int = 0,
    limit: int = 500,
) -> tuple[list[dict[str, Any]], int]:
    """A page of annotation_list as rows of ROW_FIELDS, and how many there are in all."""
    qs = annotation_list(owner=owner, article=article, state=state, q=q)
    rows = list(qs.values(*ROW_FIELDS)[offset : offset + limit])
    # A short page that is not past the end already tells the total: no COUNT query.
    if len(rows) < limit and (rows or offset == 0):
        return rows, offset + len(rows)
    return rows, qs.count()


def search_terms(q: str) -> list[str]:
    """Every word must match (in the note or the quoted text), so word order and Markdown
    between words ("a *bold* claim") do not hide a result. Capped to keep queries cheap."""
    return q.split()[:MAX_TERMS]


def notebook_for(*, owner: AbstractBaseUser, article: Article) -> Notebook | None:
    return Notebook.objects.filter(owner_id=owner.pk, article=article).first()


READER_FIELDS = (
    "id", "section", "kind", "colour", "start", "end", "quote", "body", "body_html", "state",
    "version",
)  # fmt: skip
READER_CACHE_SECONDS = 24 * 60 * 60


def reader_rows(*, owner: AbstractBaseUser, article: Article) -> list[tuple]:
    """The reader's annotations on ``article`` as rows of READER_FIELDS, in reading order.

    Compact (no selectors or URLs, no quote for anchored ones): the page embeds them, and with a
    thousand annotations every byte costs time on each page load. The page holds the text of
    anchored annotations, so static/js/controllers/highlights-controller.js reads their quote
    from it; orphans need theirs to be shown at all.
    """
    rows = (
        Annotation.objects.filter(owner_id=owner.pk, article=article)
        .order_by("section_id", "start", "end", "id")
        .values_list(
            "id", "section_anchor", "kind", "colour", "start", "end", "quote", "body",
            "body_html", "state", "version", "revision_id",
        )
    )  # fmt: skip
    current = article.current_revision_id
    result = []
    for row in rows:
        # Anchored to an older revision only while a re-import is in flight: not drawable.
        state = row[9] if row[11] == current else State.ORPHANED
        quote = None if state == State.ANCHORED else row[6]
        result.append((*row[:6], quote, *row[7:9], state, row[10]))
    return result


def reader_payload(*, owner: AbstractBaseUser, article: Article) -> str:
    """The page's annotation data as JSON, safe inside <script type="application/json">.

    Two queries, whatever the number of annotations: a stamp of the reader's annotations on
    this article (an aggregate over an index) and the notebook. The rows themselves, and their
    JSON, grow with the number of annotations, so they are cached under that stamp. Every write
    changes it: creating and deleting change the count, every edit bumps ``version`` and
    ``modified``, re-anchoring comes with a new revision.
    """
    stamp = Annotation.objects.filter(owner_id=owner.pk, article_id=article.pk).aggregate(
        count=Count("id"), last=Max("modified"), versions=Sum("version")
    )
    last = stamp["last"].isoformat() if stamp["last"] is not None else "-"
    key = (
        f"annotations:reader:{owner.pk}:{article.pk}:{article.current_revision_id}:"
        f"{stamp['count']}:{stamp['versions'] or 0}:{last}"
    )
    rows_json = _cache_get(key)
    if rows_json is None:
        rows_json = script_json(reader_rows(owner=owner, article=article))
        _cache_set(key, rows_json)
    notebook = notebook_data(notebook_for(owner=owner, article=article), article=article)
    return (
        f'{{"fields":{script_json(READER_FIELDS)},"annotations":{rows_json},'
        f'"notebook":{script_json(notebook)}}}'
    )


# What json_script escapes, done with str.replace: Django's json_script uses str.translate,
# which is slow on the hundreds of kilobytes of a reader with many annotations.
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))


def script_json(value: Any) -> str:
    """JSON that cannot end a <script> element (the escaping of Django's json_script)."""
    data = json.dumps(value, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)
    for char, escaped in _SCRIPT_ESCAPES:
        data = data.replace(char, escaped)
    return data


def _cache_get(key: str) -> str | None:
    try:
        return caches["local"].get(key)
    except Exception:  # a cache outage must not take the reader page down
        logger.warning("annotation cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, value: str) -> None:
    try:
        caches["local"].set(key, value, READER_CACHE_SECONDS)
    except Exception:
        logger.warning("annotation cache unavailable", exc_info=True)


@dataclass
class SectionGroup:
    anchor: str
    heading: str
    annotations: list[Annotation] = field(default_factory=list)


@dataclass
class ArticleGroup:
    article: Article
    sections: list[SectionGroup] = field(default_factory=list)
    count: int = 0


@dataclass
class SavedListing:
    articles: list[ArticleGroup]
    orphans: list[Annotation]
    notebooks: list[Notebook]
    total: int
    shown: int


def saved_listing(*, owner: AbstractBaseUser, q: str = "", limit: int = 500) -> SavedListing:
    """The profile's "Saved in your profile": anchored annotations grouped by article and
    section in reading order, orphans apart, and (when searching) matching general notes."""
    qs = annotation_list(owner=owner, q=q).select_related("section")
    total = qs.count()
    rows = list(qs[:limit])
    groups: list[ArticleGroup] = []
    orphans: list[Annotation] = []
    for annotation in rows:
        if annotation.state == State.ORPHANED:
            orphans.append(annotation)
            continue
        if not groups or groups[-1].article.pk != annotation.article_id:
            groups.append(ArticleGroup(article=annotation.article))
        group = groups[-1]
        group.count += 1
        if not group.sections or group.sections[-1].anchor != annotation.section_anchor:
            group.sections.append(
                SectionGroup(anchor=annotation.section_anchor, heading=annotation.section.heading)
            )
        group.sections[-1].annotations.append(annotation)
    notebooks: list[Notebook] = []
    if search_terms(q):
        matching = Notebook.objects.filter(owner_id=owner.pk)
        for term in search_terms(q):
            matching = matching.filter(body__icontains=term)
        notebooks = list(matching.select_related("article").order_by("article__title")[:50])
    return SavedListing(groups, orphans, notebooks, total=total, shown=len(rows))
