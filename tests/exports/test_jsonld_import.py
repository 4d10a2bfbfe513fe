"""Reading W3C / Hypothesis annotations back and placing them on an article. No database."""

from __future__ import annotations

import json
import random

import pytest

from exports import jsonld_import
from exports.jsonld import render_jsonld
from exports.jsonld_import import (
    ImportRefused,
    parse_annotations,
    place_all,
    slug_from_source,
)
from tests.exports.documents import SECTION_TEXTS, sample_document, sections_for_placing


def test_our_export_round_trips_to_the_same_places_and_kinds():
    document = sample_document()
    incoming, skipped = parse_annotations(json.dumps(render_jsonld(document)))
    assert skipped == []
    placed, not_placed = place_all(incoming, sections_for_placing())
    assert not_placed == []
    originals = list(document.items())
    assert len(placed) == len(originals)
    for result, original in zip(placed, originals, strict=True):
        assert result.incoming.kind == original.kind
        assert result.incoming.note == original.note
        assert result.incoming.colour == original.colour
        assert result.section_anchor == original.section_anchor
        text = SECTION_TEXTS[result.section_anchor][1]
        assert text[result.start : result.end] == original.quote
        assert result.incoming.created == original.created


def test_edited_article_reanchors_by_quote_and_context():
    incoming, _ = parse_annotations(json.dumps(render_jsonld(sample_document())))
    sections = [
        (anchor, "A new opening sentence was added here. " + text)
        for anchor, text in sections_for_placing()
    ]
    placed, not_placed = place_all(incoming, sections)
    assert not_placed == []
    for result in placed:
        text = dict(sections)[result.section_anchor]
        assert text[result.start : result.end] == result.incoming.exact


HYPOTHESIS = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "Annotation",
    "id": "https://hypothes.is/a/AbC123",
    "created": "2025-11-02T10:00:00.000000+00:00",
    "modified": "2025-11-02T10:05:00.000000+00:00",
    "creator": "acct:reader@hypothes.is",
    "body": [
        {"type": "TextualBody", "value": "Read *this* again.", "format": "text/markdown"},
        {"type": "TextualBody", "value": "famine", "purpose": "tagging"},
    ],
    "target": [
        {
            "source": "https://en.wikipedia.org/wiki/Great_Leap_Forward",
            "selector": [
                {
                    "type": "RangeSelector",
                    "startContainer": "/div[1]/p[3]",
                    "endContainer": "/div[1]/p[3]",
                    "startOffset": 0,
                    "endOffset": 30,
                },
                {"type": "TextPositionSelector", "start": 9120, "end": 9148},
                {
                    "type": "TextQuoteSelector",
                    "exact": "Private plots were abolished",
                    "prefix": "thousand households. ",
                    "suffix": ", and meals were",
                },
            ],
        }
    ],
}


def test_hypothesis_annotation_is_placed_by_its_quote():
    incoming, skipped = parse_annotations(json.dumps([HYPOTHESIS]))
    assert skipped == []
    (item,) = incoming
    assert item.kind == "note" and item.note == "Read *this* again."
    assert item.start is None  # a page-wide position says nothing about our sections
    placed, not_placed = place_all(incoming, sections_for_placing())
    assert not_placed == []
    assert placed[0].section_anchor == "communes"
    text = SECTION_TEXTS["communes"][1]
    assert text[placed[0].start : placed[0].end] == "Private plots were abolished"


def test_hypothesis_native_export_and_html_bodies():
    native = {
        "export_date": "2025-11-02",
        "annotations": [
            {
                "uri": "https://example.org/glf",
                "text": "",
                "tags": [],
                "target": [
                    {
                        "source": "https://example.org/glf",
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": "the iron was mostly unusable"}
                        ],
                    }
                ],
            },
        ],
    }
    incoming, _ = parse_annotations(json.dumps(native))
    assert incoming[0].kind == "highlight" and incoming[0].source == "https://example.org/glf"
    html_body = dict(
        HYPOTHESIS,
        body={"type": "TextualBody", "value": "<p>Hi <img src=x></p>", "format": "text/html"},
    )
    incoming, _ = parse_annotations(json.dumps(html_body))
    assert incoming[0].note == "Hi"


def test_unplaceable_and_ambiguous_passages_are_reported_not_guessed():
    missing = json.loads(json.dumps(HYPOTHESIS))
    missing["target"][0]["selector"][2] = {"type": "TextQuoteSelector", "exact": "Not in the text"}
    twice = json.loads(json.dumps(HYPOTHESIS))
    twice["target"][0]["selector"][2] = {"type": "TextQuoteSelector", "exact": "the same words"}
    incoming, _ = parse_annotations(json.dumps([missing, twice]))
    sections = [("a", "Here are the same words."), ("b", "Here are the same words.")]
    placed, skipped = place_all(incoming, sections)
    assert placed == []
    assert [s.index for s in skipped] == [1, 2]
    assert "not found" in skipped[0].reason and "alike in two sections" in skipped[1].reason


def test_entries_without_usable_selectors_are_skipped_with_a_reason():
    entries = [
        {"type": "Annotation", "target": "https://example.org/page"},
        {
            "type": "Annotation",
            "target": {"source": "x", "selector": {"type": "CssSelector", "value": "#p"}},
        },
        "not an object",
    ]
    incoming, skipped = parse_annotations(json.dumps(entries))
    assert incoming == []
    assert [s.index for s in skipped] == [1, 2, 3]
    assert "no target with selectors" in skipped[0].reason
    assert "TextQuoteSelector" in skipped[1].reason


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not json", "not valid JSON"),
        ("{", "not valid JSON"),
        ('"a string"', "holds no annotations"),
        ('{"hello": 1}', "holds no annotations"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, message):
    with pytest.raises(ImportRefused, match=message):
        parse_annotations(data)


def test_slug_from_source():
    assert slug_from_source("https://notes.example/articles/great-leap-forward/") == (
        "great-leap-forward"
    )
    assert slug_from_source("http://127.0.0.1:8000/articles/vaccines/#annotation-3") == "vaccines"
    assert slug_from_source("https://en.wikipedia.org/wiki/Great_Leap_Forward") == ""


def _fuzzy_items(sections: list[tuple[str, str]], count: int, seed: int) -> list:
    rng = random.Random(seed)
    items = []
    for number in range(count):
        _, text = rng.choice(sections)
        length = rng.choice([40, 120, 300])
        start = rng.randrange(0, len(text) - length)
        quote = list(text[start : start + length])
        for _ in range(rng.randint(0, 12)):
            quote[rng.randrange(length)] = rng.choice("qxz ")
        context = rng.choice([0, 8, 32])
        items.append(
            {
                "type": "Annotation",
                "id": f"urn:{number}",
                "target": {
                    "selector": {
                        "type": "TextQuoteSelector",
                        "exact": "".join(quote),
                        "prefix": text[max(0, start - context) : start],
                        "suffix": text[start + length : start + length + context],
                    }
                },
            }
        )
    return parse_annotations(json.dumps(items))[0]


def test_searching_the_sections_that_hold_pieces_of_the_quote_first_changes_no_answer(
    monkeypatch,
):
    # Sections that share whole sentences, so that lookalikes and ties occur.
    rng = random.Random(3)
    sentences = [
        "The harvest of that year was reported at twice its real size. ",
        "Grain was taken from villages to meet the quota, whatever was left. ",
        "Officials who doubted the figures were removed from their posts. ",
        "In the spring the canteens ran out of rice and then of everything. ",
        "Steel from the backyard furnaces was brittle and mostly unusable. ",
    ]
    sections = [
        (f"s{n}", "".join(rng.choice(sentences) + f"Paragraph {n}.{k}. " for k in range(30)))
        for n in range(6)
    ]
    items = _fuzzy_items(sections, 120, seed=11)
    fast = place_all(items, sections)
    monkeypatch.setattr(jsonld_import, "PIECE_LENGTH", 10**6)  # no pieces: every section
    assert place_all(items, sections) == fast
    assert len(fast[0]) > 20 and len(fast[1]) > 5  # both placed and refused ones compared
