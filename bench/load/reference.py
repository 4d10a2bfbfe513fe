"""The conventional implementation of an annotation create, for bench/load/run.py to compare
Readmark's ``POST /api/v1/annotations`` against: ``POST /bench/reference/annotations``.

What a Django developer writes first: django-ninja validates the body with a schema, behind the
same authentication as the product's API (its personal-token and session auth object), then
``Annotation.objects.create`` stores the same row. It trusts the client's position selector
instead of re-anchoring it, renders no Markdown, keeps no idempotency record and answers with a
small schema of its own. Readmark's create does all of those, so the comparison says what they
cost on top of the plain ORM insert.

Served only through bench/load/settings.py; the product never routes here. If the product's
API authentication moves out of accounts/api_auth.py, the import below follows it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from pydantic import Field

from accounts.api_auth import api_auth
from annotations.models import Annotation
from reader.models import Article, Section

api = NinjaAPI(
    title="bench reference", version="1", urls_namespace="bench-reference", docs_url=None
)


class AnnotationIn(Schema):
    article: str
    section: str
    kind: Literal["highlight", "note", "quote"]
    colour: str = ""
    selectors: list[dict[str, Any]] = Field(min_length=2, max_length=2)
    body: str = Field("", max_length=20_000)
    client_id: str = Field("", max_length=64)


class AnnotationOut(Schema):
    id: int
    kind: str
    quote: str
    start: int
    end: int
    body: str
    created: datetime


@api.post("/annotations", auth=api_auth, response={201: AnnotationOut})
def create_annotation(request: HttpRequest, payload: AnnotationIn):
    article = get_object_or_404(Article, slug=payload.article)
    section = get_object_or_404(
        Section, revision_id=article.current_revision_id, anchor=payload.section
    )
    position = next(s for s in payload.selectors if s.get("type") == "TextPositionSelector")
    start, end = int(position["start"]), int(position["end"])
    annotation = Annotation.objects.create(
        owner=request.auth,
        article=article,
        revision_id=section.revision_id,
        section=section,
        section_anchor=section.anchor,
        kind=payload.kind,
        colour=payload.colour,
        selectors=payload.selectors,
        quote=section.text[start:end],
        start=start,
        end=end,
        body=payload.body,
        client_id=payload.client_id,
    )
    return 201, annotation
