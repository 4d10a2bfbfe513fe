"""Annotations and notebooks as JSON-ready dicts: one shape for the API (validated by
``schemas.AnnotationOut``), the reader page and idempotent replays."""

from __future__ import annotations

import json
from typing import Any

from ninja.responses import NinjaJSONEncoder

from annotations.models import Annotation, Notebook
from reader.models import Article

# What annotation_row_data reads: ``Annotation.objects.values(*ROW_FIELDS)`` gives a page of
# rows without building a model instance for each.
ROW_FIELDS = (
    "id", "article__slug", "section_anchor", "revision_id", "kind", "colour", "selectors",
    "quote", "start", "end", "body", "body_html", "state", "orphan_reason", "version",
    "client_id", "created", "modified",
)  # fmt: skip


def annotation_data(annotation: Annotation, *, article: Article | None = None) -> dict[str, Any]:
    row = {name: getattr(annotation, name) for name in ROW_FIELDS[2:]}
    slug = (article or annotation.article).slug
    return annotation_row_data(row | {"id": annotation.pk, "article__slug": slug})


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


def encode_json(data: Any) -> str:
    """``data`` as ninja's renderer writes a response body: an idempotent replay stores this
    text, so that a retry receives the first answer byte for byte."""
    return json.dumps(data, cls=NinjaJSONEncoder)
