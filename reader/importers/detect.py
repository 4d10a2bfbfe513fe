"""Decide what an uploaded file is, and refuse what cannot be an article, with one clear line."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings

from reader.importers.base import ImportRefused, ParsedArticle, finish
from reader.importers.docx import OLE_MAGIC, parse_docx_article
from reader.importers.epub import parse_epub_article
from reader.importers.html import parse_html_article
from reader.importers.markdown import parse_markdown_article
from reader.importers.pdf import parse_pdf_article
from reader.importers.plaintext import parse_text_article

EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".xhtml": "html",
    ".epub": "epub",
    ".pdf": "pdf",
    ".docx": "docx",
}
TEXT_FORMATS = {"markdown", "html", "text"}
BINARY_FORMATS = {"epub", "pdf", "docx"}
FORMATS = TEXT_FORMATS | BINARY_FORMATS
KINDS = "Markdown, HTML, plain text, EPUB, PDF or Word (.docx)"


def check_size(data: bytes) -> None:
    limit = settings.READMARK_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise ImportRefused(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is {limit // 1_048_576} MB."
        )
    if not data.strip():
        raise ImportRefused("The file is empty: nothing to import.")


def sniff_binary(name: str, data: bytes) -> str | None:
    """epub, pdf or docx by the file's own bytes, else by its name; None for text."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        # An EPUB's first entry is an uncompressed file named "mimetype" holding its type.
        if data[30:38] == b"mimetype" and b"application/epub+zip" in data[38:100]:
            return "epub"
        if b"word/" in data[:65536] or PurePath(name).suffix.lower() == ".docx":
            return "docx"
        if PurePath(name).suffix.lower() == ".epub":
            return "epub"
        raise ImportRefused(f"The file is a ZIP archive but not an EPUB or Word file: use {KINDS}.")
    if data.startswith(OLE_MAGIC):
        return "docx"  # refused there with the reason (a password or the old .doc format)
    suffix = EXTENSIONS.get(PurePath(name).suffix.lower())
    return suffix if suffix in BINARY_FORMATS else None


def decode(data: bytes) -> str:
    check_size(data)
    if b"\x00" in data[:8192]:
        raise ImportRefused(f"The file looks binary, not text: use {KINDS}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"The file is not valid UTF-8 (byte {exc.start}): save it as UTF-8 and try again."
        ) from None
    printable = sum(1 for char in text[:8192] if char.isprintable() or char in "\n\r\t")
    if printable < 0.95 * min(len(text), 8192):
        raise ImportRefused(f"The file looks binary, not text: use {KINDS}.")
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


def title_from_name(name: str) -> str:
    return PurePath(name).stem.replace("-", " ").replace("_", " ").strip().title() or "Untitled"


def parse_upload(data: bytes, *, name: str, fmt: str | None = None) -> ParsedArticle:
    if fmt is not None and fmt not in FORMATS:
        raise ImportRefused(f"Unknown format {fmt!r}: use {', '.join(sorted(FORMATS))}.")
    fallback_title = title_from_name(name)
    check_size(data)
    binary = fmt if fmt in BINARY_FORMATS else (None if fmt else sniff_binary(name, data))
    if binary is not None:
        parse_binary = {
            "epub": parse_epub_article,
            "pdf": parse_pdf_article,
            "docx": parse_docx_article,
        }[binary]
        return finish(parse_binary(data, fallback_title=fallback_title))
    text = decode(data)
    fmt = fmt or detect_format(name, text)
    parser = {
        "markdown": parse_markdown_article,
        "html": parse_html_article,
        "text": parse_text_article,
    }[fmt]
    return finish(parser(text, fallback_title=fallback_title))


def parse_pasted(text: str) -> ParsedArticle:
    """Pasted text: Markdown when it has Markdown headings, else plain text (HTML is kept to
    what the sanitiser allows, like an HTML file)."""
    cleaned = text.replace("\r\n", "\n").replace("\r", "\n")
    check_size(cleaned.encode())
    fmt = detect_format("", cleaned)
    parser = {
        "markdown": parse_markdown_article,
        "html": parse_html_article,
        "text": parse_text_article,
    }[fmt]
    article = parser(cleaned, fallback_title="Pasted text")
    article.source_format = "pasted"
    return finish(article)
