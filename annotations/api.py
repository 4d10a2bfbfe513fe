"""/api/v1 endpoints for annotations and the per-article notebook (design section 7)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from accounts.api_auth import api_auth
from annotations import services
from annotations.access import annotation_for_owner, deleted_annotation_for_owner
from annotations.errors import AnnotationError, PreconditionRequired
from annotations.idempotency import MAX_KEY_LENGTH, idempotent
from annotations.present import (
    annotation_data,
    annotation_json_once_saved,
    annotation_page_response,
    etag,
    notebook_data,
)
from annotations.schemas import (
    AnnotationIn,
    AnnotationOut,
    AnnotationPage,
    AnnotationPatch,
    ConflictOut,
    ErrorOut,
    NotebookIn,
    NotebookOut,
    StateName,
)
from annotations.selectors import annotation_page, notebook_for
from config.api_contract import json_body, parse_json_body
from reader.access import article_for_read
from reader.selectors import article_for_reading

router = Router(auth=api_auth, tags=["annotations"])

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut}
_ETAG = re.compile(r'^\s*(?:W/)?"v(\d+)"\s*$')


def _error(error: AnnotationError) -> Status:
    return Status(error.status, {"detail": error.message, **error.extra})


def _parse_if_match(value: str | None) -> int | None:
    if value is None:
        return None
    match = _ETAG.match(value)
    if match is None:
        raise AnnotationError(
            'If-Match must be the ETag from a GET, such as "v3" (with the quotes).'
        )
    return int(match.group(1))


class ListFilters(Schema):
    article: str | None = Field(None, description="Only this article (its slug)")
    state: StateName | None = None
    q: str = Field("", max_length=200, description="Search notes and quoted text")
    limit: int = Field(500, ge=1, le=2000)
    offset: int = Field(0, ge=0)


@router.get("/annotations", response={200: AnnotationPage, **ERRORS})
def list_annotations(request: HttpRequest, filters: Query[ListFilters]):
    # Cached per revision behind one plain-SQL probe: compiling ORM queries is most of the cost
    # of this endpoint (bench/load).
    slug = filters.article
    article = article_for_reading(slug, user=request.auth)[0] if slug else None
    rows, count = annotation_page(
        owner=request.auth, article=article, state=filters.state, q=filters.q,
        offset=filters.offset, limit=filters.limit,
    )  # fmt: skip
    return annotation_page_response(
        rows=rows, count=count, limit=filters.limit, offset=filters.offset
    )


# Read from META in the view: as a ninja Header parameter it was validated through a model of
# its own on every POST (bench/load). Documented here instead.
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
    "description": "Any unique string, such as a UUID: a retry with the same key returns the "
    "first result instead of creating the annotation again.",
}


@router.post(
    "/annotations",
    response={201: AnnotationOut, 200: AnnotationOut, 422: ErrorOut, **ERRORS},
    openapi_extra={"parameters": [IDEMPOTENCY_KEY], **json_body(AnnotationIn)},
)
def create_annotation(request: HttpRequest, response: HttpResponse):
    """Create a highlight, note or quote. Send an ``Idempotency-Key`` header (any unique string,
    such as a UUID) to make retries safe: a retried POST returns the first result."""
    payload = parse_json_body(request, AnnotationIn)

    def prepare() -> Callable[[], tuple[int, str]]:
        article, sections = article_for_reading(payload.article, user=request.auth)
        values = services.annotation_values(
            owner=request.auth,
            article=article,
            section_anchor=payload.section,
            kind=payload.kind,
            colour=payload.colour,
            selectors=[s.model_dump() for s in payload.selectors],
            body=payload.body,
            client_id=payload.client_id,
            sections=sections,
        )

        insert = services.annotation_insert_values_plan(values=values)
        # AnnotationOut's shape, as ninja would render it but without re-validating it (that
        # was a tenth of the request: bench/load).
        render = annotation_json_once_saved(values, article=article)

        def write() -> tuple[int, str]:
            return 201, render(insert())

        return write

    idempotency_key = request.META.get("HTTP_IDEMPOTENCY_KEY")
    try:
        if idempotency_key is None:
            status, body = prepare()()
        else:
            status, body = idempotent(
                owner=request.auth, key=idempotency_key, payload=payload, prepare=prepare
            )
    except AnnotationError as error:
        return _error(error)
    # The body goes into the response ninja made for this request (JSON, UTF-8), not into a
    # second one: building an HttpResponse was a fortieth of a create (bench/load).
    response.content = body
    response.status_code = status
    return response


@router.get("/annotations/{annotation_id}", response={200: AnnotationOut, **ERRORS})
def get_annotation(request: HttpRequest, annotation_id: int, response: HttpResponse):
    annotation = annotation_for_owner(user=request.auth, annotation_id=annotation_id)
    response["ETag"] = etag(annotation.version)
    return annotation_data(annotation)


@router.patch(
    "/annotations/{annotation_id}",
    response={200: AnnotationOut, 412: ConflictOut, **ERRORS},
)
def update_annotation(
    request: HttpRequest,
    annotation_id: int,
    payload: AnnotationPatch,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match"),
):
    """Change kind, colour or body; send ``selectors`` (and ``section``) to re-attach."""
    annotation = annotation_for_owner(user=request.auth, annotation_id=annotation_id)
    sent = payload.model_fields_set
    changes: dict[str, Any] = {}
    for name in ("kind", "colour", "body"):
        if name in sent and getattr(payload, name) is not None:
            changes[name] = getattr(payload, name)
    if payload.selectors is not None:
        changes["selectors"] = [s.model_dump() for s in payload.selectors]
    if payload.section is not None:
        changes["section_anchor"] = payload.section
    try:
        updated = services.annotation_update(
            annotation=annotation, expected_version=_parse_if_match(if_match), **changes
        )
    except AnnotationError as error:
        return _error(error)
    response["ETag"] = etag(updated.version)
    return annotation_data(updated)


@router.delete("/annotations/{annotation_id}", response={204: None, **ERRORS})
def delete_annotation(request: HttpRequest, annotation_id: int):
    """Delete (restorable for a day with ``POST /annotations/{id}/restore``)."""
    annotation = annotation_for_owner(user=request.auth, annotation_id=annotation_id)
    services.annotation_delete(annotation=annotation)
    return Status(204, None)


@router.post("/annotations/{annotation_id}/restore", response={200: AnnotationOut, **ERRORS})
def restore_annotation(request: HttpRequest, annotation_id: int):
    """Undo a deletion made within the last day."""
    annotation = deleted_annotation_for_owner(user=request.auth, annotation_id=annotation_id)
    return annotation_data(services.annotation_restore(annotation=annotation))


@router.get("/articles/{slug}/notebook", response={200: NotebookOut, **ERRORS})
def get_notebook(request: HttpRequest, slug: str, response: HttpResponse):
    """The caller's general notes on the article; the ETag is needed to save them."""
    article = article_for_read(slug, user=request.auth)
    data = notebook_data(notebook_for(owner=request.auth, article=article), article=article)
    response["ETag"] = etag(data["version"])
    return data


@router.put(
    "/articles/{slug}/notebook",
    response={200: NotebookOut, 412: ConflictOut, 428: ErrorOut, **ERRORS},
)
def put_notebook(
    request: HttpRequest,
    slug: str,
    payload: NotebookIn,
    response: HttpResponse,
    if_match: str | None = Header(None, alias="If-Match"),
):
    """Replace the general notes. ``If-Match`` must carry the ETag you last read ("v0" before
    the first save); if the notes changed since, the answer is 412 with the stored version."""
    article = article_for_read(slug, user=request.auth)
    try:
        expected = _parse_if_match(if_match)
        if expected is None:
            raise PreconditionRequired(
                'Send If-Match with the ETag from GET (such as "v3"), so that a newer version '
                "saved elsewhere is not overwritten."
            )
        notebook = services.notebook_save(
            owner=request.auth, article=article, body=payload.body, expected_version=expected
        )
    except AnnotationError as error:
        return _error(error)
    response["ETag"] = etag(notebook.version)
    return notebook_data(notebook, article=article)
