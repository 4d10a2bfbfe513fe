"""Annotations and notebooks as JSON: one shape for the API, the reader page and idempotent
replays, so a retried POST returns byte-for-byte what the first one did."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from ninja.responses import NinjaJSONEncoder

from annotations.models import Annotation, Notebook
from reader.models import Article

# What annotation_row_data needs: ``Annotation.objects.values(*ROW_FIELDS)`` gives it in one
# query without building model instances (most of the list endpoint's time: bench/load).
ROW_FIELDS = (
    "id", "article__slug", "section_anchor", "revision_id", "kind", "colour", "selectors",
    "quote", "start", "end", "body", "body_html", "state", "orphan_reason", "version",
    "client_id", "created", "modified",
)  # fmt: skip
_MODEL_FIELDS = ROW_FIELDS[2:]


class PageRow(dict):
    """A row of ROW_FIELDS converted from one exact database row, shared by every request that
    reads the same row (annotations.selectors keeps recent ones): treat it as read-only. Its
    API JSON is worked out once, on first use (annotation_rows_json)."""

    __slots__ = ("json",)


def annotation_data(annotation: Annotation, *, article: Article | None = None) -> dict[str, Any]:
    article = article or annotation.article
    row = {name: getattr(annotation, name) for name in _MODEL_FIELDS}
    return annotation_row_data(row | {"id": annotation.pk, "article__slug": article.slug})


def annotation_json_once_saved(values: dict[str, Any], *, article: Article) -> Callable[[int], str]:
    """``encode_json(annotation_data(...))`` of an annotation about to be inserted, as a function
    of the id the database gives it. ``values`` are its stored fields by attribute name, as
    services.annotation_insert_values_plan leaves them (defaults and creation time included).
    Everything but the id is encoded now, before the caller's transaction, so that SQLite's
    write lock is not held while the response is built (the encoding was a tenth of the time a
    create holds that lock: bench/load).

    The id is the first key of annotation_row_data's shape and the URL, which ends with it, the
    last; only those two are filled in afterwards.
    """
    draft = annotation_row_data(values | {"id": 0, "article__slug": article.slug})
    text = encode_json(draft | {"url": ""})
    head, tail = '{"id": 0, ', ', "url": ""}'
    if not (text.startswith(head) and text.endswith(tail)):
        raise ValueError("annotation_row_data no longer starts with the id and ends with the URL")
    middle = text[len(head) : -len(tail)]
    url = f"/articles/{article.slug}/#annotation-"

    def render(pk: int) -> str:
        return f'{{"id": {pk}, {middle}, "url": {json.dumps(url + str(pk))}}}'

    return render


def annotation_row_data(row: dict[str, Any]) -> dict[str, Any]:
    """The API shape of one annotation from a row of ROW_FIELDS."""
    slug = row["article__slug"]
    return {
        "id": row["id"],
        "article": slug,
        "section": row["section_anchor"],
        "revision": row["revision_id"],
        "kind": row["kind"],
        "colour": row["colour"],
        "selectors": row["selectors"],
        "quote": row["quote"],
        "start": row["start"],
        "end": row["end"],
        "body": row["body"],
        "body_html": row["body_html"],
        "state": row["state"],
        "orphan_reason": row["orphan_reason"],
        "version": row["version"],
        "client_id": row["client_id"],
        "created": row["created"].isoformat(),
        "modified": row["modified"].isoformat(),
        "url": f"/articles/{slug}/#annotation-{row['id']}",
    }


def notebook_data(notebook: Notebook | None, *, article: Article) -> dict[str, Any]:
    if notebook is None:
        return {
            "article": article.slug,
            "body": "",
            "body_html": "",
            "version": 0,
            "modified": None,
        }
    return {
        "article": article.slug,
        "body": notebook.body,
        "body_html": notebook.body_html,
        "version": notebook.version,
        "modified": notebook.modified.isoformat(),
    }


def etag(version: int) -> str:
    return f'"v{version}"'


def annotation_rows_json(rows: list[dict[str, Any]]) -> str:
    """``rows`` as the JSON array of their API shapes, each PageRow encoded only once."""
    parts = []
    for row in rows:
        fragment = getattr(row, "json", None)
        if fragment is None:
            fragment = json.dumps(annotation_row_data(row), cls=NinjaJSONEncoder)
            if isinstance(row, PageRow):
                row.json = fragment  # two threads may both write it: the same string
        parts.append(fragment)
    return "[" + ", ".join(parts) + "]"


def annotation_page_response(*, rows: list[dict[str, Any]], count: int, limit: int,
                             offset: int) -> HttpResponse:  # fmt: skip
    """The page as ninja renders ``{"count", "limit", "offset", "items"}``, byte for byte, with
    the items' JSON reused from earlier requests where the rows are unchanged (encoding 50
    annotations was most of a list request: bench/load)."""
    head = json.dumps({"count": count, "limit": limit, "offset": offset})[:-1]
    return HttpResponse(
        f'{head}, "items": {annotation_rows_json(rows)}}}',
        content_type="application/json; charset=utf-8",
    )


def encode_json(data: Any) -> str:
    """``data`` as ninja renders a response body, without re-validating it against the response
    schema: for a page of annotations that validation cost more than the rest of the request
    (bench/load). Callers pass annotation_row_data's shape, which is AnnotationOut's."""
    return json.dumps(data, cls=NinjaJSONEncoder)
