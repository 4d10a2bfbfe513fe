"""The notes PDF, read back with pypdf and drawn with pdftoppm. No database."""

from __future__ import annotations

import re
import socket
import time
from dataclasses import replace
from datetime import UTC, datetime

from PIL import Image

from exports.document import ExportDocument, Item, Section
from exports.pdf import EMPTY_MESSAGE, render_pdf
from tests.exports.documents import sample_document
from tests.exports.readers import (
    LoopbackListener,
    assert_in_order,
    embedded_fonts,
    flat,
    pdf_pages,
    render_first_page,
)


def test_every_passage_note_and_general_note_line_in_reading_order():
    document = sample_document()
    text = "\n".join(pdf_pages(render_pdf(document)))
    assert_in_order(
        text,
        [
            "The Great Leap Forward",
            "Source: Readmark sample, our own words",
            "Exported 12 March 2026",
            "2 highlights · 2 notes · 1 quote · 2 flashcards",
            "Origins",
            "overtake Britain in steel output",
            "The “Great Leap” — 大跃进 — was meant to be quick",
            "Compare with official figures; see the report (https://example.org/r).",
            "first point",
            "second point",
            "The people’s communes",
            "collective canteens: café-like halls",
            "Canteens failed by 1960.",
            "Backyard furnaces",
            "the iron was mostly unusable",
            "General notes",
            "General line one about the famine.",
            "General line two: 1959–1961.",
            "Private plots were abolished",  # the quote, with the general notes
            "From “The people’s communes”",
            "Flashcards",
            "What did the leadership want to overtake Britain in?",
            "Steel output",
        ],
    )
    assert EMPTY_MESSAGE not in flat(text)


def test_header_and_page_numbers_on_every_page():
    document = sample_document(general_notes="\n\n".join(f"Line {n}." for n in range(400)))
    pages = pdf_pages(render_pdf(document))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "The Great Leap Forward" in page
        assert f"Page {number}" in page


def test_fonts_are_embedded_and_cover_unicode():
    data = render_pdf(sample_document())
    fonts = embedded_fonts(data)
    assert any("ReadmarkSans" in name or "DejaVu" in name or "Vera" in name for name in fonts)
    text = flat("\n".join(pdf_pages(data)))
    for sample in ("—", "“Great Leap”", "café", "大跃进", "1959–1961"):
        assert sample in text


def test_empty_document_says_there_are_no_notes_yet():
    document = ExportDocument(title="Empty article", slug="empty", exported=datetime.now(UTC))
    pages = pdf_pages(render_pdf(document))
    assert len(pages) == 1
    assert "no notes yet" in flat(pages[0])
    assert "Empty article" in pages[0]


def test_note_markup_is_text_and_nothing_is_fetched():
    secret_marker = "root:x:0:0"
    with LoopbackListener() as listener:
        # The listener counts: a direct connection is seen (so a fetch would have been too).
        with socket.create_connection(("127.0.0.1", listener.port), timeout=2):
            pass
        deadline = time.monotonic() + 2
        while listener.connections < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert listener.connections == 1
        note = (
            f'<img src="file:///etc/passwd"> and <img src="http://127.0.0.1:{listener.port}/a.png">\n\n'
            f"![chart](http://127.0.0.1:{listener.port}/chart.png) "
            f"[local](file:///etc/passwd) <http://127.0.0.1:{listener.port}/auto>\n\n"
            '<a href="javascript:alert(1)">x</a> <font face="Courier">f</font>'
        )
        quote = f'<img src="http://127.0.0.1:{listener.port}/quote.png"/> quoted'
        hostile = Item(id="9", kind="note", quote=quote, note=note)
        document = replace(
            sample_document(),
            sections=(Section(anchor="s", heading="<b>Heading</b>", items=(hostile,)),),
            general_notes=f"![x](http://127.0.0.1:{listener.port}/general.png)",
        )
        data = render_pdf(document)
        time.sleep(0.2)
        assert listener.connections == 1  # only our own probe
    text = flat("\n".join(pdf_pages(data)))
    assert secret_marker not in text and secret_marker.encode() not in data
    assert '<img src="file:///etc/passwd">' in text  # shown as the text the reader typed
    assert f"[image: chart] (http://127.0.0.1:{listener.port}/chart.png)" in text
    assert "[local](file:///etc/passwd)" in text  # markdown-it refuses file: links
    assert "<b>Heading</b>" in text
    assert b"/URI" not in data and b"/Launch" not in data and b"/JavaScript" not in data


def test_a_thousand_notes_make_a_sane_number_of_pages():
    now = datetime(2026, 3, 12, tzinfo=UTC)
    items = tuple(
        Item(
            id=str(n),
            kind="note" if n % 2 else "highlight",
            quote=f"Passage {n}: the communes grew quickly and the furnaces burned all night.",
            note=f"Note {n}: *see* [source](https://example.org/{n})\n\n- a\n- b" if n % 2 else "",
            created=now,
            modified=now,
        )
        for n in range(1000)
    )
    sections = tuple(
        Section(anchor=f"s{s}", heading=f"Section {s}", items=items[s * 100 : (s + 1) * 100])
        for s in range(10)
    )
    document = ExportDocument(title="Bench", slug="bench", sections=sections, exported=now)
    pages = pdf_pages(render_pdf(document))
    assert 40 <= len(pages) <= 250
    text = "\n".join(pages)
    assert_in_order(text, [f"Passage {n}:" for n in (*range(0, 1000, 41), 999)])
    assert flat(text).count("Passage ") == 1000
    # A passage is never split from its note: both are on one page.
    page_of = {}
    for number, page in enumerate(pages):
        for label in re.findall(r"(Passage|Note) (\d+):", page):
            page_of[label] = number
    for n in range(1, 1000, 2):
        assert page_of[("Passage", str(n))] == page_of[("Note", str(n))], n


def test_first_page_renders_to_a_picture_with_coloured_bars():
    png = render_first_page(render_pdf(sample_document()), "notes-sample")
    image = Image.open(png).convert("RGB")
    width, height = image.size
    assert width > 300 and height > 400
    pixels = [image.getpixel((x, y)) for y in range(0, height, 2) for x in range(0, width, 2)]
    dark = sum(1 for r, g, b in pixels if r + g + b < 200)
    yellow = sum(1 for r, g, b in pixels if r > 200 and g > 150 and b < 60)
    green = sum(1 for r, g, b in pixels if g > 130 and r < 80 and b < 120)
    assert dark > 100, "no text drawn"
    assert yellow > 5, "no yellow highlight bar"
    assert green > 5, "no green note bar"


FRESH_MACHINE = """
import sys
from pathlib import Path
import exports.fonts as fonts
fonts.DEBIAN_DEJAVU = Path("/nonexistent")
fonts._dejavu_dirs = lambda: [("debian", fonts.DEBIAN_DEJAVU)]
from exports.pdf import render_pdf
from tests.exports.documents import sample_document
sys.stdout.buffer.write(fonts.font_set().origin.encode() + b"\\n" + render_pdf(sample_document()))
"""


def test_without_debian_fonts_the_font_shipped_with_reportlab_is_embedded():
    """What `make run` on a fresh machine gets: no apt fonts, still embedded Unicode text."""
    import subprocess
    import sys

    from tests.exports.readers import ROOT

    result = subprocess.run(
        [sys.executable, "-c", FRESH_MACHINE], cwd=ROOT, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    origin, data = result.stdout.split(b"\n", 1)
    assert origin == b"reportlab"
    assert any("Vera" in name for name in embedded_fonts(data)), embedded_fonts(data)
    text = flat("\n".join(pdf_pages(data)))
    for sample in ("“Great Leap”", "café", "—", "大跃进"):
        assert sample in text


def test_a_note_longer_than_a_page_flows_on_instead_of_failing():
    long_passage = " ".join(f"word{n}" for n in range(2500))
    long_note = "\n\n".join(f"Paragraph {n} of a long note." for n in range(150))
    items = (
        Item(id="1", kind="highlight", quote="A short passage first."),
        Item(id="2", kind="note", quote=long_passage, note=long_note),
        Item(id="3", kind="note", quote="After the long one.", note="Last note."),
    )
    document = replace(
        sample_document(), sections=(Section(anchor="s", heading="Long", items=items),)
    )
    pages = pdf_pages(render_pdf(document))
    assert len(pages) >= 4
    text = "\n".join(pages)
    assert_in_order(
        text,
        ["A short passage first.", "word0", "word2499", "Paragraph 0 of", "Paragraph 149 of",
         "After the long one.", "Last note."],
    )  # fmt: skip


def test_images_in_saved_notes_print_as_their_description_and_address():
    from readmark.markdown import render_markdown

    note = "see ![diagram](https://example.org/d.png) here, and ![](https://example.org/e.png)"
    general = "Overview: ![map of the provinces](https://example.org/map.png)"
    item = Item(
        id="7", kind="note", quote="quoted words", note=note, note_html=render_markdown(note)
    )
    document = replace(
        sample_document(),
        sections=(Section(anchor="s", heading="Heading", items=(item,)),),
        general_notes=general,
        general_notes_html=render_markdown(general),
    )
    text = flat("\n".join(pdf_pages(render_pdf(document))))
    assert "see [image: diagram] (https://example.org/d.png) here" in text
    assert "[image: image] (https://example.org/e.png)" in text
    assert "[image: map of the provinces] (https://example.org/map.png)" in text
