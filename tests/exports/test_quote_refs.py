"""Quotes in the general notes: read well in the PDF and the Markdown export, printed once.

The PDF is read back with pypdf; the Markdown with a CommonMark parser. No database."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from annotations.quote_refs import (
    referenced_ids,
    refs_as_footnotes,
    refs_as_links,
    replace_refs,
)
from exports.markdown import render_markdown_export
from exports.pdf import render_pdf
from tests.exports.documents import sample_document
from tests.exports.readers import flat, pdf_pages

QUOTE = "Private plots were abolished"  # item "3", a quote in "The people’s communes"

# Auto-Quote's shape now, and the link shape notes written before it still hold.
NOTES = {
    "short": f"My reading of the communes.\n\n> {QUOTE} [^q3]\n\nAfter the quote.",
    "legacy": f"My reading of the communes.\n\n> {QUOTE} [↩](#annotation-3)\n\nAfter the quote.",
}


@pytest.mark.parametrize(
    ("markdown", "ids"),
    [
        ("no quotes here", []),
        ("> a [^q3]", ["3"]),
        ("> a [↩](#annotation-3)\n\n> b [^q12]\n\n> c [^q3]", ["3", "12"]),
        ("[^note] and [a](#annotation-4) are not quote references", []),
    ],
)
def test_references_are_found_in_order_of_first_mention(markdown, ids):
    assert referenced_ids(markdown) == ids


def test_each_place_gets_its_own_form_and_nothing_else_changes():
    text = "> a [↩](#annotation-3)\n\n> b [^q12]\n\n[a link](https://example.org)"
    assert refs_as_footnotes(text) == "> a [^q3]\n\n> b [^q12]\n\n[a link](https://example.org)"
    links = refs_as_links(text)
    assert links.count("](#annotation-3)") == 1 and links.count("](#annotation-12)") == 1
    assert "[^q" not in links and "[a link](https://example.org)" in links


@given(st.text(alphabet=st.characters(blacklist_characters="[]^↩#"), max_size=60))
def test_text_without_references_is_left_as_it_is(text):
    assert replace_refs(text, lambda pk: "X") == text
    assert referenced_ids(text) == []


@pytest.mark.parametrize("shape", sorted(NOTES))
def test_the_pdf_prints_each_quote_once_and_no_raw_reference(shape):
    document = replace(sample_document(), general_notes=NOTES[shape], general_notes_html="")
    text = flat("\n".join(pdf_pages(render_pdf(document))))
    assert text.count(QUOTE) == 1
    assert "#annotation-" not in text and "[^q" not in text and "↩" not in text
    # The quote stays where the reader put it, naming its section.
    assert (
        text.index("My reading of the communes.")
        < text.index(QUOTE)
        < text.index("After the quote.")
    )
    assert "(from “The people’s communes”)" in text


def test_the_pdf_still_prints_a_quote_taken_out_of_the_notes():
    document = replace(sample_document(), general_notes="Notes without the quote.")
    text = flat("\n".join(pdf_pages(render_pdf(document))))
    assert text.count(QUOTE) == 1
    assert "From “The people’s communes”" in text


@pytest.mark.parametrize("shape", sorted(NOTES))
def test_the_markdown_export_turns_references_into_footnotes(shape):
    document = replace(sample_document(), general_notes=NOTES[shape])
    exported = render_markdown_export(document)
    assert exported.count(QUOTE) == 1
    assert "#annotation-" not in exported
    assert f"> {QUOTE} [^q3]" in exported
    assert "[^q3]: From *The people’s communes*." in exported
    # A CommonMark reader without footnotes still shows readable text, not a link.
    html = MarkdownIt("commonmark").render(exported)
    assert 'href="#annotation' not in html
