"""Decide what an uploaded file is, and refuse what cannot be an article, with one clear line."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings

from reader.importers.base import ImportRefused, ParsedArticle, finish
from reader.importers.html import parse_html_article
from reader.importers.markdown import parse_markdown_article
from reader.importers.plaintext import parse_text_article

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}
FORMATS = {"markdown", "html", "text"}


def decode(data: bytes) -> str:
    limit = settings.READMARK_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise ImportRefused(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is {limit // 1_048_576} MB."
        )
    if not data.strip():
        raise ImportRefused("The file is empty: nothing to import.")
    if b"\x00" in data[:8192]:
        raise ImportRefused("The file looks binary, not text: import Markdown, HTML or plain text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"The file is not valid UTF-8 (byte {exc.start}): save it as UTF-8 and try again."
        ) from None
    printable = sum(1 for char in text[:8192] if char.isprintable() or char in "\n\r\t")
    if printable < 0.95 * min(len(text), 8192):
        raise ImportRefused("The file looks binary, not text: import Markdown, HTML or plain text.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(name: str, text: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<body", "<article", "<div", "<p")):
        return "html"
    if any(line.startswith(("#", "---")) for line in text.splitlines()[:20]):
        return "markdown"
    return "text"


def parse_upload(data: bytes, *, name: str, fmt: str | None = None) -> ParsedArticle:
    text = decode(data)
    fmt = fmt or detect_format(name, text)
    if fmt not in FORMATS:
        raise ImportRefused(f"Unknown format {fmt!r}: use markdown, html or text.")
    fallback_title = PurePath(name).stem.replace("-", " ").replace("_", " ").strip().title()
    parser = {
        "markdown": parse_markdown_article,
        "html": parse_html_article,
        "text": parse_text_article,
    }[fmt]
    return finish(parser(text, fallback_title=fallback_title or "Untitled"))
