"""A note's Markdown and its stored HTML read to the same blocks (what the PDF lays out)."""

from __future__ import annotations

import pytest

from exports.html_blocks import html_blocks
from exports.note_blocks import Run, note_blocks
from readmark.markdown import render_markdown

NOTES = [
    "Plain words only.",
    "Two paragraphs.\n\nThe second one,\nwith a soft break.",
    "Some *emphasis*, some **strong**, some ***both*** and `code`.",
    "A [link](https://example.org/a?b=1&c=2) and <https://example.org/auto>.",
    "- one\n- two\n- three",
    "1. first\n2. second\n\n   still second\n3. third",
    "- outer\n  - inner *em*\n  - inner two\n- outer two",
    "> quoted *words*\n> more\n\nafter",
    "### A heading\n\ntext under it",
    "```\ncode line 1\n  indented line 2\n```",
    "    indented code",
    "line one  \nline two after a hard break",
    "a\n\n---\n\nb",
    "| a | b |\n|---|---|\n| 1 | **2** |",
    "Entities &amp; &copy; and “curly” quotes — 大跃进 café",
    "<b>raw html</b> is text & <img src=x> too",
    "~~struck~~ words",
]


def simplified(blocks):
    """Blocks with adjacent equal-style runs merged (run boundaries are not visible)."""
    out = []
    for block in blocks:
        runs: list[Run] = []
        for run in block.runs:
            if (
                runs
                and runs[-1].text != "\n"
                and run.text != "\n"
                and (runs[-1].bold, runs[-1].italic, runs[-1].code)
                == (run.bold, run.italic, run.code)
            ):
                runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic, run.code)
            elif run.text:
                runs.append(run)
        out.append((block.style, tuple(runs), block.depth, block.bullet))
    return out


@pytest.mark.parametrize("note", NOTES)
def test_markdown_and_stored_html_give_the_same_blocks(note):
    assert simplified(html_blocks(render_markdown(note))) == simplified(note_blocks(note))


def test_what_the_blocks_hold():
    blocks = note_blocks("Some *em* and a [link](https://x.org/).\n\n- a\n- b")
    assert [block.style for block in blocks] == ["p", "item", "item"]
    assert blocks[0].text == "Some em and a link (https://x.org/)."
    assert [run.italic for run in blocks[0].runs] == [False, True, False]
    assert [block.bullet for block in blocks[1:]] == ["•", "•"]


def test_list_numbering_and_images_follow_what_the_page_shows():
    # nh3 keeps no <ol start>: the page numbers from 1, and so does the PDF from stored HTML.
    assert [b.bullet for b in html_blocks(render_markdown("5. five\n6. six"))] == ["1.", "2."]
    assert [b.bullet for b in note_blocks("5. five\n6. six")] == ["5.", "6."]


def test_images_are_text_in_markdown_and_absent_from_sanitised_html():
    note = "See ![chart](http://127.0.0.1:9/c.png) here."
    assert note_blocks(note)[0].text == "See [image: chart] (http://127.0.0.1:9/c.png) here."
    assert "c.png" not in "".join(b.text for b in html_blocks(render_markdown(note)))
