"""The last-resort error view (Django's handler500): storage failures get their own answer.

A full disk ("database or disk is full", ENOSPC) is not a bug the reader can do anything about,
and nothing they saved before is lost: say so with 507 Insufficient Storage. A database still
locked after the busy timeout is a passing overload: 503 with Retry-After. Everything else is
the generic 500 page, without details. API paths get JSON in the shape of every API error.
"""

from __future__ import annotations

import errno
import logging
import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

log = logging.getLogger("readmark.errors")

FULL = (
    "The server has run out of storage space, so this change was not saved. Everything saved "
    "before is safe. Try again in a few minutes; if it keeps happening, tell the site's "
    "administrator."
)
BUSY = "The server is busy right now and could not save this. Try again in a few seconds."
FAILED = (
    "Something went wrong on our side. Try again; if it keeps happening, tell the site's "
    "administrator."
)


def classify(error: BaseException | None) -> str:
    """'full', 'busy' or 'error' for an exception (or one it was raised from)."""
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return "full"
        if isinstance(error, OperationalError):
            text = str(error).lower()
            if "disk is full" in text or "no space" in text:
                return "full"
            if "database is locked" in text or "database table is locked" in text:
                return "busy"
        error = error.__cause__ or error.__context__
        seen += 1
    return "error"


def server_error(request: HttpRequest) -> HttpResponse:
    kind = classify(sys.exc_info()[1])
    status, message, template = {
        "full": (507, FULL, "errors/507.html"),
        "busy": (503, BUSY, "errors/503.html"),
        "error": (500, FAILED, "errors/500.html"),
    }[kind]
    if kind == "full":
        log.critical("out of storage space: %s %s", request.method, request.path)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        try:
            # No request context: the session or user may be what failed to load.
            body = loader.render_to_string(template, {"message": message})
        except Exception:  # the error page must not fail in turn
            body = f"<!doctype html><title>Readmark</title><p>{message}</p>"
        response = HttpResponse(body, status=status)
    if kind == "busy":
        response["Retry-After"] = "5"
    return response
