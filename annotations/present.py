"""Annotations and notebooks as JSON-ready dicts: one shape for the API (validated by
``schemas.AnnotationOut``), the reader page and idempotent replays."""

from __future__ import annotations

import json
from typing import Any

from ninja.responses import NinjaJSONEncoder

from annotations.models import Annotation, Notebook
from reader.models import Article


def annotation_data(annotation: Annotation, *, article: Article | None = None) -> dict[str, Any]:
    slug = (article or annotation.article).slug
    return {
        "id": annotation.pk,
        "article": slug,
        "section": annotation.section_anchor,
        "revision": annotation.revision_id,
        "kind": annotation.kind,
        "colour": annotation.colour,
        "selectors": annotation.selectors,
        "quote": annotation.quote,
        "start": annotation.start,
        "end": annotation.end,
        "body": annotation.body,
        "body_html": annotation.body_html,
        "state": annotation.state,
        "orphan_reason": annotation.orphan_reason,
        "version": annotation.version,
        "client_id": annotation.client_id,
        "created": annotation.created.isoformat(),
        "modified": annotation.modified.isoformat(),
        "url": f"/articles/{slug}/#annotation-{annotation.pk}",
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
