"""The new sources: EPUB, PDF, Word, pasted text and web pages; and each kind of bad file."""

from __future__ import annotations

import io
import zipfile

import pytest

from reader.importers import ImportRefused, parse_pasted, parse_upload
from reader.importers.archive import MAX_ENTRIES
from reader.importers.base import MAX_UNSPLIT_WORDS
from reader.importers.web import parse_fetched
from tests.own.documents import (
    make_docx,
    make_encrypted_pdf,
    make_epub,
    make_pdf,
    make_zip,
)
from tests.own.pages import NEWS_PAGE

HEADINGS = [("How bees find flowers", 2), ("The waggle dance", 2)]


def outline(article):
    return [(section.heading, section.level) for section in article.sections]


def test_epub_chapters_become_sections_in_reading_order():
    article = parse_upload(make_epub(), name="bees.epub")
    assert article.title == "Bees at work"
    assert outline(article) == HEADINGS
    assert "dances on the comb" in article.sections[0].text
    assert "<script" not in article.sections[0].html and "alert" not in article.sections[0].text
    assert article.source_format == "epub"


def test_pdf_headings_come_from_font_sizes():
    article = parse_upload(make_pdf(), name="bees.pdf")
    assert article.title == "Bees at work"
    assert outline(article) == HEADINGS
    assert "waggle run tells the distance" in article.sections[1].text


def test_word_heading_styles_make_sections_and_formatting_is_kept():
    article = parse_upload(make_docx(), name="bees.docx")
    assert article.title == "Bees at work"
    assert outline(article) == HEADINGS
    assert "<strong>Honeybees scout" in article.sections[0].html
    assert "<ul><li>Nectar</li><li>Pollen</li></ul>" in article.sections[1].html


def test_files_are_recognised_by_their_bytes_whatever_their_name():
    assert parse_upload(make_pdf(), name="download").source_format == "pdf"
    assert parse_upload(make_epub(), name="book.zip").source_format == "epub"
    assert parse_upload(make_docx(), name="report").source_format == "docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("locked.pdf", make_encrypted_pdf(), "encrypted"),
        ("scan.pdf", make_pdf(text_layer=False), "no text layer"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "damaged"),
        ("locked.epub", make_epub(encrypted=True), "encrypted"),
        ("broken.epub", b"PK\x03\x04" + b"\x00" * 200, "damaged"),
        ("empty.epub", make_zip({"mimetype": b"application/epub+zip"}), "damaged"),
        ("broken.docx", make_zip({"word/document.xml": b"<w:document"}), "damaged"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
        ("archive.zip", make_zip({"a.txt": b"hello"}), "not an EPUB or Word"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_bad_files_are_refused_with_the_reason(name, data, message):
    with pytest.raises(ImportRefused, match=message):
        parse_upload(data, name=name)


def test_an_archive_with_too_many_entries_is_refused():
    files = {f"OEBPS/{n}.xhtml": b"" for n in range(MAX_ENTRIES + 1)}
    with pytest.raises(ImportRefused, match=f"at most {MAX_ENTRIES}"):
        parse_upload(make_zip(files), name="many.epub")


def test_an_archive_that_unpacks_too_large_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("OEBPS/huge.xhtml", b"\x00" * (101 * 1024 * 1024))
    with pytest.raises(ImportRefused, match="unpacks to"):
        parse_upload(buffer.getvalue(), name="bomb.epub")


def test_epub_xml_entities_are_not_expanded():
    evil = make_epub().replace(
        b'<?xml version="1.0"?><package',
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><package',
    )
    try:
        article = parse_upload(evil, name="evil.epub")
    except ImportRefused:
        return  # refusing the file is as good as ignoring the entity
    assert "root:" not in "".join(section.text for section in article.sections)


def test_pasted_plain_text_without_headings_is_split_into_readable_parts():
    paragraph = "Bees carry pollen from flower to flower as they feed on nectar. " * 6
    text = "\n\n".join(paragraph for _ in range(40))
    article = parse_pasted(text)
    assert article.word_count > MAX_UNSPLIT_WORDS
    assert len(article.sections) > 1
    assert [s.heading for s in article.sections][:2] == ["Part 1", "Part 2"]
    assert all(s.word_count <= 1000 for s in article.sections)
    assert sum(s.word_count for s in article.sections) == article.word_count


def test_short_pasted_text_stays_one_section_with_a_title():
    article = parse_pasted("Field notes\n\nThe hive was calm this morning; the queen laid well.")
    assert article.title == "Field notes"
    assert outline(article) == [("Introduction", 2)]


def test_pasted_markdown_keeps_its_headings():
    article = parse_pasted("# Hive log\n\n## Monday\n\nCalm.\n\n## Tuesday\n\nSwarming.")
    assert article.title == "Hive log"
    assert outline(article) == [("Monday", 2), ("Tuesday", 2)]


def test_a_web_page_gives_its_article_not_its_page():
    article = parse_fetched(
        NEWS_PAGE.encode(), content_type="text/html", charset="utf-8", url="https://n.test/a"
    )
    text = " ".join(section.text for section in article.sections)
    assert article.title.startswith("Why the tide turns twice a day")
    assert outline(article)[1:] == [("Two bulges", 2), ("The sun's share", 2)]
    assert "heaps up into a bulge" in text and "Neap tides" in text
    assert "little under half" in text  # the quote
    for junk in ("cookie", "News desk", "Share this story", "grandfather", "Privacy policy"):
        assert junk not in text, junk
