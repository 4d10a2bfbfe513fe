"""A source without headings is cut into parts of readable length, losing nothing."""

from __future__ import annotations

from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importers.base import (
    INTRODUCTION,
    MAX_UNSPLIT_WORDS,
    PART_WORDS,
    ParsedArticle,
    ParsedSection,
    finish,
)

WORD = st.sampled_from(["bee", "hive", "nectar", "wax", "comb", "queen", "drone", "pollen"])
PARAGRAPH = st.lists(WORD, min_size=1, max_size=200).map(" ".join)


def article_of(paragraphs: list[str], heading: str = INTRODUCTION) -> ParsedArticle:
    html = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return ParsedArticle(title="T", sections=[ParsedSection(heading, 2, html)])


@settings(max_examples=60, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=40))
def test_parts_keep_every_paragraph_in_order(paragraphs):
    total = sum(len(p.split()) for p in paragraphs)
    article = finish(article_of(paragraphs))
    assert " ".join(s.text for s in article.sections).split() == " ".join(paragraphs).split()
    if total <= MAX_UNSPLIT_WORDS:
        assert [s.heading for s in article.sections] == [INTRODUCTION]
    else:
        assert [s.heading for s in article.sections] == [
            f"Part {n}" for n in range(1, len(article.sections) + 1)
        ]
        # No part is much longer than the target unless a single paragraph is.
        longest = max(len(p.split()) for p in paragraphs)
        assert all(s.word_count <= 2 * PART_WORDS + longest for s in article.sections)


def test_a_source_with_headings_is_left_as_it_is():
    paragraphs = ["bee " * 300] * 5
    article = finish(article_of(paragraphs, heading="Bees"))
    assert [s.heading for s in article.sections] == ["Bees"]
