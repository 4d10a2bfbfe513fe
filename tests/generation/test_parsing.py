"""Tolerant parsing of model output, and evidence search over normalised text."""

from __future__ import annotations

import json

import pytest

from study.generation.llm.parse import parse_cards
from study.generation.normalize import find_span

CARD = {"kind": "basic", "question": "What is inflation?", "answer": "a rise", "evidence": "x y"}


@pytest.mark.parametrize(
    ("name", "content", "count"),
    [
        ("schema object", json.dumps({"cards": [CARD]}), 1),
        ("bare list", json.dumps([CARD, CARD]), 2),
        ("other list key", json.dumps({"flashcards": [CARD]}), 1),
        ("single card", json.dumps(CARD), 1),
        ("fenced", f"```json\n{json.dumps({'cards': [CARD]})}\n```", 1),
        ("prose around", f"Sure! Here you go: {json.dumps([CARD])} Enjoy.", 1),
        ("front/back/source", json.dumps([{"front": "Q?", "back": "A", "source": "s"}]), 1),
        ("empty list", json.dumps({"cards": []}), 0),
    ],
)
def test_it_parses_what_servers_send(name: str, content: str, count: int) -> None:
    drafts = parse_cards(content, "openai:test")
    assert drafts is not None and len(drafts) == count
    assert all(d.origin == "openai:test" for d in drafts)


@pytest.mark.parametrize(
    "content",
    ["", "no json here", '{"cards": [', '{"answer": 42}', "[1, 2, 3]", "<html>502</html>"],
)
def test_it_reports_output_without_cards(content: str) -> None:
    assert parse_cards(content, "openai:test") is None


def test_it_marks_cloze_markup_as_cloze_and_unknown_kinds_as_basic() -> None:
    drafts = parse_cards(
        json.dumps(
            [
                {"type": "qa", "q": "Q?", "a": "A", "quote": "e"},
                {"kind": "basic", "question": "In {{c1::1958}} it began.", "answer": "1958"},
            ]
        ),
        "o",
    )
    assert drafts is not None
    assert [d.kind for d in drafts] == ["basic", "cloze"]


TEXT = "The “Great Leap Forward” (1958–1961)\nended  in famine… It was Mao’s."


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("The “Great Leap Forward”", "The “Great Leap Forward”"),
        (
            'The "Great Leap Forward" (1958-1961) ended in famine',
            "The “Great Leap Forward” (1958–1961)\nended  in famine",
        ),
        ("It was Mao's.", "It was Mao’s."),
        ("...ended in famine...", "ended  in famine"),
        ("  It was Mao’s.  ", "It was Mao’s."),
        ("great leap forward", "Great Leap Forward"),
        ("ended in drought", None),
        ("", None),
    ],
)
def test_it_finds_quotes_despite_quotes_dashes_spaces_and_case(
    quote: str, expected: str | None
) -> None:
    span = find_span(TEXT, quote)
    if expected is None:
        assert span is None
        return
    assert span is not None and TEXT[span[0] : span[1]] == expected


def test_it_prefers_the_occurrence_nearest_the_hint() -> None:
    text = "Grain fell. Grain fell. Grain fell."
    assert find_span(text, "Grain fell.", hint=12) == (12, 23)
    assert find_span(text, "grain fell", hint=24) == (24, 34)
