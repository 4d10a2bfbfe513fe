"""File downloads: an attachment with a safe ASCII file name, never cached by shared caches."""

from __future__ import annotations

import re

from django.http import HttpResponse

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, *, fallback: str = "export") -> str:
    """``name`` reduced to letters, digits, dot, dash and underscore (no path, no quotes)."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = _UNSAFE.sub("-", stem).strip("-.")[:100] or fallback
    extension = _UNSAFE.sub("", extension)[:10]
    return f"{stem}.{extension}" if extension else stem


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}"'
    # The reader's private notes: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response
