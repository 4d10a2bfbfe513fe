"""EPUB books: the chapters in reading order (the spine), each a section, split again at its
own h2/h3; the title from the package's metadata. Images, styles and scripts are dropped."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

import lxml.html
from lxml.etree import ParserError

from reader.importers.archive import LimitedZip
from reader.importers.base import ImportRefused, ParsedArticle, ParsedSection, collapse_space
from reader.importers.html import CHROME, sections_from_html

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
DOCUMENT_TYPES = {"application/xhtml+xml", "text/html"}
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


def _refuse_drm(book: LimitedZip) -> None:
    """Font obfuscation also lists files in encryption.xml; only encrypted text is refused."""
    if "META-INF/encryption.xml" not in book.names:
        return
    encrypted = book.xml("META-INF/encryption.xml").xpath(
        "//enc:CipherReference/@URI", namespaces=NS
    )
    if any(not unquote(uri).lower().endswith(FONT_SUFFIXES) for uri in encrypted):
        raise ImportRefused(
            "The EPUB is encrypted (DRM-protected): only DRM-free books can be read. "
            "Export a DRM-free copy and retry."
        )


def _package_path(book: LimitedZip) -> str:
    paths = book.xml("META-INF/container.xml").xpath("//c:rootfile/@full-path", namespaces=NS)
    if not paths:
        raise ImportRefused("The EPUB is damaged: its container names no package document.")
    return paths[0]


def _chapter(book: LimitedZip, path: str, number: int) -> list[ParsedSection]:
    try:
        tree = lxml.html.document_fromstring(book.read(path))
    except (ParserError, ValueError):
        return []  # an empty or unreadable chapter (cover pages often are): skip it
    for chrome in CHROME:
        for element in tree.xpath(chrome):
            element.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    title = tree.find(".//title")
    fallback = collapse_space(title.text_content()) if title is not None else ""
    # A chapter's first h1 or h2 names it; later h2/h3 split it into subsections.
    return sections_from_html(
        root,
        first_heading=fallback or f"Chapter {number}",
        levels={"h1": 2, "h2": 2, "h3": 3},
        first_h1_is_title=False,
    )


def parse_epub_article(data: bytes, *, fallback_title: str) -> ParsedArticle:
    book = LimitedZip(data, kind="EPUB")
    _refuse_drm(book)
    package_path = _package_path(book)
    package = book.xml(package_path)
    base = posixpath.dirname(package_path)
    titles = package.xpath("//opf:metadata/dc:title/text()", namespaces=NS)
    manifest = {
        item.get("id"): item
        for item in package.xpath("//opf:manifest/opf:item", namespaces=NS)
        if item.get("id")
    }
    sections: list[ParsedSection] = []
    number = 0
    for ref in package.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS):
        item = manifest.get(ref)
        if item is None or item.get("media-type") not in DOCUMENT_TYPES:
            continue
        number += 1
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
        sections.extend(_chapter(book, path, number))
    if number == 0:
        raise ImportRefused("The EPUB has no chapters in its reading order: nothing to import.")
    title = collapse_space(titles[0]) if titles else ""
    return ParsedArticle(title=title or fallback_title, sections=sections, source_format="epub")
