"""Failures the API turns into HTTP answers. Each message says what happened and what to do."""

from __future__ import annotations

from typing import Any


class AnnotationError(Exception):
    status = 400

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class TooLarge(AnnotationError):
    status = 413


class Conflict(AnnotationError):
    """The caller's copy is stale (HTTP 412); ``extra["current"]`` holds the stored version."""

    status = 412


class PreconditionRequired(AnnotationError):
    status = 428


class KeyReused(AnnotationError):
    status = 422


class OutOfRange(AnnotationError):
    """A number past what the database holds: no object can match it."""

    status = 422


class Gone(AnnotationError):
    status = 404
