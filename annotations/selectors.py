"""Reads. Each function runs a fixed number of queries, however many annotations there are.

The API's page of annotations runs SQL that the ORM compiled once (_page_plan): building the
query on each request cost more than running it (bench/load). For the same reason the reader
page's two reads (reader_payload) are a hand-written aggregate and a prepared query."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Q, QuerySet

from annotations.models import Annotation, Notebook, State
from annotations.present import ROW_FIELDS, PageRow, notebook_data
from reader.models import Article
from readmark.prepared import PreparedQuery

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
    if search_terms(q):
        qs = annotation_list(owner=owner, article=article, state=state, q=q)
        rows = list(qs.values(*ROW_FIELDS)[offset : offset + limit])
    else:
        rows = _page_rows(owner=owner, article=article, state=state, offset=offset, limit=limit)
    # A short page that is not past the end already tells the total: no COUNT query.
    if len(rows) < limit and (rows or offset == 0):
        return rows, offset + len(rows)
    return rows, annotation_list(owner=owner, article=article, state=state, q=q).count()


# annotation_list(...).values(*ROW_FIELDS) without a search, compiled by the ORM once per
# database and shape (with or without an article and a state) and then run as plain SQL with
# the ORM's converters: building the query each time was a third of the list endpoint's time
# (bench/load). The compiled query is built with these stand-ins, whose places in its
# parameters say where each request's values go.
_STAND_INS: tuple[tuple[str, Any], ...] = (
    ("owner", -7_000_001), ("article", -7_000_002), ("state", "\x00state"),
)  # fmt: skip


@dataclass(frozen=True)
class _PagePlan:
    sql: str
    params: list[str]
    converters: list[tuple[int, tuple[list[Any], Any]]]


_page_plans: dict[tuple[str, bool, bool], _PagePlan] = {}


def _page_rows(
    *, owner: AbstractBaseUser, article: Article | None, state: str | None, offset: int, limit: int
) -> list[dict[str, Any]]:
    shape = (connection.alias, article is not None, bool(state))
    plan = _page_plans.get(shape) or _page_plan(shape)
    values = {"owner": owner.pk, "article": article.pk if article else None, "state": state}
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [*(values[name] for name in plan.params), limit, offset])
        fetched = cursor.fetchall()
    try:
        return [_page_row(shape[0], tuple(row)) for row in fetched]
    except TypeError:  # a driver handed back an unhashable value: convert without keeping
        return [_page_row.__wrapped__(shape[0], tuple(row)) for row in fetched]


@lru_cache(maxsize=4096)
def _page_row(alias: str, raw: tuple[Any, ...]) -> PageRow:
    """One database row converted as the ORM would, kept while it stays among the recent
    ones: the key is every column's stored value, so any change to the row is a new key.
    Converting and encoding each row again was most of a list request (bench/load)."""
    converters = next(plan.converters for shape, plan in _page_plans.items() if shape[0] == alias)
    row = list(raw)
    for position, (functions, expression) in converters:
        for convert in functions:
            row[position] = convert(row[position], expression, connection)
    return PageRow(zip(ROW_FIELDS, row, strict=True))


def _page_plan(shape: tuple[str, bool, bool]) -> _PagePlan:
    alias, with_article, with_state = shape
    stand_in = dict(_STAND_INS)
    qs = annotation_list(
        owner=get_user_model()(pk=stand_in["owner"]),
        article=Article(pk=stand_in["article"]) if with_article else None,
        state=stand_in["state"] if with_state else None,
    ).values(*ROW_FIELDS)
    compiler = qs.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    names = []
    for param in params:
        name = next((n for n, v in _STAND_INS if type(v) is type(param) and v == param), None)
        if name is None:
            raise ValueError(f"annotation page query: unexpected parameter {param!r}")
        names.append(name)
    if tuple(qs.query.values_select) != ROW_FIELDS:
        raise ValueError("annotation page query: columns out of order")
    columns = [column for column, _sql, _alias in compiler.select]
    plan = _PagePlan(
        sql=f"{sql} LIMIT %s OFFSET %s",
        params=names,
        converters=list(compiler.get_converters(columns).items()),
    )
    _page_plans[shape] = plan
    return plan


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
    this article (an index-only aggregate) and the notebook. The rows themselves (a third query,
    and most of the cost with many annotations: bench/reader) are cached under that stamp. Every
    write changes it: creating and deleting change the count, every edit bumps ``version`` and
    ``modified``, re-anchoring comes with a new revision.
    """
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL, [owner.pk, article.pk])
        count, last, versions = cursor.fetchone()
    # MAX(modified) as the driver gives it (a datetime, or SQLite's text): only compared, and
    # without spaces, which cache backends warn about in keys.
    last = str(last).replace(" ", "T") if last is not None else "-"
    key = (
        f"annotations:reader:{owner.pk}:{article.pk}:{article.current_revision_id}:"
        f"{count}:{versions or 0}:{last}"
    )
    rows_json = _cache_get(key)
    if rows_json is None:
        rows_json = script_json(reader_rows(owner=owner, article=article))
        _cache_set(key, rows_json)
    notebook = notebook_data(_notebook.first(owner.pk, article.pk), article=article)
    return (
        f'{{"fields":{script_json(READER_FIELDS)},"annotations":{rows_json},'
        f'"notebook":{script_json(notebook)}}}'
    )


# Annotation.objects (live ones: not deleted) of one owner on one article.
_STAMP_SQL = (
    "SELECT COUNT(id), MAX(modified), SUM(version) FROM annotations_annotation"
    " WHERE owner_id = %s AND article_id = %s AND deleted_at IS NULL"
)
_notebook = PreparedQuery(
    lambda owner_id, article_id: Notebook.objects.filter(
        owner_id=owner_id, article_id=article_id
    ).order_by("pk")[:1],
    int,
    int,
)


# What json_script escapes, done with str.replace: Django's json_script uses str.translate,
# which took ~70 ms on the 400 KB of a reader with 1,000 annotations (bench/reader).
_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"))


def script_json(value: Any) -> str:
    """JSON that cannot end a <script> element (the escaping of Django's json_script)."""
    data = json.dumps(value, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder)
    for char, escaped in _SCRIPT_ESCAPES:
        data = data.replace(char, escaped)
    return data


def _cache_get(key: str) -> str | None:
    try:
        return cache.get(key)
    except Exception:  # a cache outage must not take the reader page down
        logger.warning("annotation cache unavailable", exc_info=True)
        return None


def _cache_set(key: str, value: str) -> None:
    try:
        cache.set(key, value, READER_CACHE_SECONDS)
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
