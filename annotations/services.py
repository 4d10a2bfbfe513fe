"""Writes for annotations and notebooks. Every function runs in one transaction and raises an
AnnotationError (with a message for the reader) before it changes anything."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from anchoring import describe, to_w3c, validate_selectors
from annotations.errors import AnnotationError, Conflict, Gone, TooLarge
from annotations.models import Annotation, Colour, Kind, Notebook, State
from annotations.present import notebook_data
from annotations.quote_refs import refs_as_links
from reader.models import Article, Section
from readmark.markdown import render_markdown

MAX_NOTE_CHARS = 20_000
MAX_NOTEBOOK_CHARS = 200_000
# Deleted annotations stay this long so that Undo (and a slow network) can bring them back.
UNDO_WINDOW = timedelta(days=1)
UNSET: Any = object()


def _check_body(body: str) -> str:
    if len(body) > MAX_NOTE_CHARS:
        raise TooLarge(
            f"A note can be at most {MAX_NOTE_CHARS:,} characters; this one has {len(body):,}. "
            "Shorten it, or move the long part to the article's general notes."
        )
    return body


def _check_kind(kind: str, body: str) -> None:
    if kind not in Kind.values:
        raise AnnotationError(f"Unknown kind {kind!r}: use highlight, note or quote.")
    if kind == Kind.NOTE and not body.strip():
        raise AnnotationError("A note needs some text. Type it, or save a highlight instead.")


def _check_colour(colour: str) -> None:
    if colour not in Colour.values:
        raise AnnotationError(
            f"Unknown colour {colour!r}: use one of {', '.join(c for c in Colour.values if c)}."
        )


def render_note(body: str) -> str:
    """A note's Markdown as safe HTML."""
    return render_markdown(body) if body else ""


def _current_section(article: Article, anchor: str) -> Section:
    section = Section.objects.filter(revision_id=article.current_revision_id, anchor=anchor).first()
    if section is None:
        raise AnnotationError(
            f"This article has no section {anchor!r} any more. Reload the page and select again."
        )
    return section


def _place(section: Section, selectors: Any) -> dict[str, Any]:
    """Validated, normalised selector fields for a span the client described in ``section``."""
    try:
        target = validate_selectors(section.text, selectors)
    except ValueError as error:
        raise AnnotationError(
            f"The selection does not match the article's text ({error}). "
            "The article may have changed: reload the page and select again."
        ) from None
    assert target.start is not None and target.end is not None
    if not target.exact.strip():
        raise AnnotationError("The selection is empty or only spaces: select some words.")
    # Re-described with full context: a client may send less, and re-anchoring after later
    # edits scores prefix and suffix.
    selectors = to_w3c(describe(section.text, target.start, target.end))
    return {
        "revision_id": section.revision_id,
        "section_anchor": section.anchor,
        "selectors": selectors,
        "quote": target.exact,
        "start": target.start,
        "end": target.end,
    }


def annotation_create(
    *,
    owner: AbstractBaseUser,
    article: Article,
    section_anchor: str,
    kind: str,
    selectors: Any,
    body: str = "",
    colour: str = "",
    client_id: str = "",
    section: Section | None = None,
) -> Annotation:
    """``section``: the section of the current revision named ``section_anchor``, when the
    caller has already read it (the API reads it with its article, in one query)."""
    _check_body(body)
    _check_kind(kind, body)
    _check_colour(colour)
    if section is None or section.anchor != section_anchor:
        section = _current_section(article, section_anchor)
    # One INSERT: atomic on its own, or part of the caller's transaction.
    return Annotation.objects.create(
        owner=owner,
        article=article,
        section=section,
        kind=kind,
        colour=colour,
        body=body,
        body_html=render_note(body),
        client_id=client_id,
        state=State.ANCHORED,
        **_place(section, selectors),
    )


def annotation_update(
    *,
    annotation: Annotation,
    kind: str = UNSET,
    colour: str = UNSET,
    body: str = UNSET,
    section_anchor: str = UNSET,
    selectors: Any = UNSET,
    expected_version: int | None = None,
) -> Annotation:
    """Change what was sent. New ``selectors`` (with an optional new ``section_anchor``) move the
    annotation onto the current text: that is how an orphan is re-attached."""
    new_body = annotation.body if body is UNSET else _check_body(body)
    new_kind = annotation.kind if kind is UNSET else kind
    _check_kind(new_kind, new_body)
    if colour is not UNSET:
        _check_colour(colour)
    place = None
    if selectors is not UNSET:
        anchor = annotation.section_anchor if section_anchor is UNSET else section_anchor
        section = _current_section(annotation.article, anchor)
        place = _place(section, selectors) | {"section": section}
    elif section_anchor is not UNSET and section_anchor != annotation.section_anchor:
        raise AnnotationError("To move an annotation to another section, send new selectors too.")
    with transaction.atomic():
        locked = Annotation.objects.select_for_update().filter(pk=annotation.pk).first()
        if locked is None:
            raise Gone("This annotation was just deleted. Undo the deletion to edit it.")
        if expected_version is not None and locked.version != expected_version:
            raise Conflict(
                "This annotation was changed elsewhere. Reload to see the latest version.",
                extra={"version": locked.version},
            )
        locked.kind = new_kind
        if body is not UNSET:
            locked.body = new_body
            locked.body_html = render_note(new_body)
        if colour is not UNSET:
            locked.colour = colour
        if place is not None:
            for field, value in place.items():
                setattr(locked, field, value)
            locked.state = State.ANCHORED
            locked.orphan_reason = ""
        locked.version = F("version") + 1
        locked.save()
        locked.refresh_from_db()
    locked.article = annotation.article
    return locked


def annotation_delete(*, annotation: Annotation) -> None:
    """Soft delete: hidden at once, restorable with ``annotation_restore`` for UNDO_WINDOW."""
    now = timezone.now()
    with transaction.atomic():
        Annotation.objects.filter(pk=annotation.pk).update(deleted_at=now, version=F("version") + 1)
        # Purging here keeps the table bounded without a scheduled job.
        Annotation.all_objects.filter(
            owner_id=annotation.owner_id, deleted_at__lt=now - UNDO_WINDOW
        ).delete()


def annotation_restore(*, annotation: Annotation) -> Annotation:
    with transaction.atomic():
        Annotation.all_objects.filter(pk=annotation.pk).update(
            deleted_at=None, version=F("version") + 1
        )
    annotation.refresh_from_db()
    return annotation


def notebook_save(
    *, owner: AbstractBaseUser, article: Article, body: str, expected_version: int
) -> Notebook:
    """Store the general notes if the caller edited the latest version; else raise Conflict
    carrying the stored version, so that the reader can see both instead of losing one."""
    if len(body) > MAX_NOTEBOOK_CHARS:
        raise TooLarge(
            f"General notes can be at most {MAX_NOTEBOOK_CHARS:,} characters; these have "
            f"{len(body):,}. Move some of them elsewhere and save again."
        )
    # Quote references ([^q12]) become links back to their passages in the preview.
    html = render_markdown(refs_as_links(body)) if body else ""
    with transaction.atomic():
        if expected_version == 0:
            try:
                with transaction.atomic():
                    return Notebook.objects.create(
                        owner=owner, article=article, body=body, body_html=html, version=1
                    )
            except IntegrityError:
                pass  # someone saved first: fall through to the stale-version answer
        else:
            updated = Notebook.objects.filter(
                owner=owner, article=article, version=expected_version
            ).update(body=body, body_html=html, version=F("version") + 1, modified=timezone.now())
            if updated:
                return Notebook.objects.get(owner=owner, article=article)
        current = Notebook.objects.filter(owner=owner, article=article).first()
    raise Conflict(
        "These notes were changed elsewhere (another tab or device) since you loaded them. "
        "Both versions are shown: keep one, or merge them, and save again.",
        extra={"current": notebook_data(current, article=article)},
    )
