"""/api/v1 endpoints for annotations and the per-article notebook (see the OpenAPI document)."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from accounts.api_auth import api_auth
from annotations import services
from annotations.access import annotation_for_owner, deleted_annotation_for_owner
from annotations.errors import AnnotationError, OutOfRange, PreconditionRequired
from annotations.idempotency import MAX_KEY_LENGTH, idempotent
from annotations.present import annotation_data, annotation_row_data, etag, notebook_data
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
from reader.access import article_for_read, section_in_current_revision
from readmark.api_types import INT_MAX, Count, ObjectId

router = Router(auth=api_auth, tags=["annotations"])

ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}
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
    version = int(match.group(1))
    if version > INT_MAX:
        raise OutOfRange(
            f"If-Match names version {version}, which no object has: send the ETag from a GET."
        )
    return version


class ListFilters(Schema):
    article: str | None = Field(None, description="Only this article (its slug)")
    state: StateName | None = None
    q: str = Field("", max_length=200, description="Search notes and quoted text")
    limit: int = Field(500, ge=1, le=2000)
    offset: Count = 0


@router.get("/annotations", response={200: AnnotationPage, **ERRORS})
def list_annotations(request: HttpRequest, filters: Query[ListFilters]):
    article = article_for_read(filters.article, user=request.auth) if filters.article else None
    rows, count = annotation_page(
        owner=request.auth, article=article, state=filters.state, q=filters.q,
        offset=filters.offset, limit=filters.limit,
    )  # fmt: skip
    items = [annotation_row_data(row) for row in rows]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}


@router.post(
    "/annotations",
    response={201: AnnotationOut, 200: AnnotationOut, 422: ErrorOut, **ERRORS},
)
def create_annotation(
    request: HttpRequest,
    payload: AnnotationIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=MAX_KEY_LENGTH,
        description="Any unique string, such as a UUID: a retry with the same key returns the "
        "first result instead of creating the annotation again.",
    ),
):
    """Create a highlight, note or quote. Send an ``Idempotency-Key`` header (any unique string,
    such as a UUID) to make retries safe: a retried POST returns the first result."""

    def create() -> tuple[int, dict[str, Any]]:
        try:
            section = section_in_current_revision(
                slug=payload.article, anchor=payload.section, user=request.auth
            )
            article = section.article
        except Http404:  # no such article (404), or no such section (the service says so)
            section, article = None, article_for_read(payload.article, user=request.auth)
        annotation = services.annotation_create(
            owner=request.auth,
            article=article,
            section=section,
            section_anchor=payload.section,
            kind=payload.kind,
            colour=payload.colour,
            selectors=[s.model_dump() for s in payload.selectors],
            body=payload.body,
            client_id=payload.client_id,
        )
        return 201, annotation_data(annotation, article=article)

    try:
        if idempotency_key is None:
            return Status(*create())
        status, body = idempotent(
            owner=request.auth, key=idempotency_key, payload=payload, write=create
        )
    except AnnotationError as error:
        return _error(error)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


@router.get("/annotations/{annotation_id}", response={200: AnnotationOut, **ERRORS})
def get_annotation(request: HttpRequest, annotation_id: ObjectId, response: HttpResponse):
    annotation = annotation_for_owner(user=request.auth, annotation_id=annotation_id)
    response["ETag"] = etag(annotation.version)
    return annotation_data(annotation)


@router.patch(
    "/annotations/{annotation_id}",
    response={200: AnnotationOut, 412: ConflictOut, **ERRORS},
)
def update_annotation(
    request: HttpRequest,
    annotation_id: ObjectId,
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
def delete_annotation(request: HttpRequest, annotation_id: ObjectId):
    """Delete (restorable for a day with ``POST /annotations/{id}/restore``)."""
    annotation = annotation_for_owner(user=request.auth, annotation_id=annotation_id)
    services.annotation_delete(annotation=annotation)
    return Status(204, None)


@router.post("/annotations/{annotation_id}/restore", response={200: AnnotationOut, **ERRORS})
def restore_annotation(request: HttpRequest, annotation_id: ObjectId):
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
