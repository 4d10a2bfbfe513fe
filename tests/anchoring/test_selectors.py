"""describe / W3C forms / validate_selectors: the shape every stored highlight has."""

from __future__ import annotations

import pytest

from anchoring import describe, from_w3c, parse, to_w3c, validate_selectors

TEXT = "The provincial committee announced a record harvest in the spring of 1958."


def test_it_describes_a_span_with_32_characters_of_context():
    start = TEXT.index("record harvest")
    selectors = describe(TEXT, start, start + len("record harvest"))
    assert selectors == {
        "quote": {
            "type": "TextQuoteSelector",
            "exact": "record harvest",
            "prefix": "rovincial committee announced a ",
            "suffix": " in the spring of 1958.",
        },
        "position": {"type": "TextPositionSelector", "start": start, "end": start + 14},
    }
    assert len(selectors["quote"]["prefix"]) == 32


def test_it_counts_code_points_around_emoji():
    text = "🌾🌾 harvest 📉"
    selectors = describe(text, 3, 10, context=2)
    assert selectors["quote"] == {
        "type": "TextQuoteSelector",
        "exact": "harvest",
        "prefix": "🌾 ",
        "suffix": " 📉",
    }
    assert selectors["position"]["start"] == 3


def test_it_converts_between_the_keyed_and_the_w3c_forms():
    keyed = describe(TEXT, 4, 14)
    listed = to_w3c(keyed)
    assert [s["type"] for s in listed] == ["TextQuoteSelector", "TextPositionSelector"]
    assert from_w3c(listed) == keyed
    assert to_w3c(listed) == listed
    assert parse(listed) == parse(keyed)


@pytest.mark.parametrize(
    ("selectors", "message"),
    [
        ({"position": {"type": "TextPositionSelector", "start": 0, "end": 3}}, "required"),
        ([{"type": "TextQuoteSelector", "exact": ""}], "non-empty"),
        ([{"type": "TextQuoteSelector", "exact": "The", "prefix": 3}], "strings"),
        ([{"type": "TextQuoteSelector", "exact": "The"}, {"type": "TextPositionSelector"}], "int"),
        ("The", "dict or a list"),
        ([["not", "a", "dict"]], "each selector"),
    ],
)
def test_it_refuses_malformed_selectors(selectors, message):
    with pytest.raises(ValueError, match=message):
        parse(selectors)


def test_it_ignores_selector_types_it_does_not_know():
    listed = to_w3c(describe(TEXT, 4, 14)) + [{"type": "XPathSelector", "value": "/p[1]"}]
    assert parse(listed).exact == "provincial"


def test_it_validates_what_it_describes():
    target = validate_selectors(TEXT, to_w3c(describe(TEXT, 4, 14)))
    assert (target.start, target.end, target.exact) == (4, 14, "provincial")


def _quote(exact, start, end, prefix="", suffix=""):
    return [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


@pytest.mark.parametrize(
    ("selectors", "message"),
    [
        (_quote("The", -1, 2), "out of range"),
        (_quote("The", 70, 99), "out of range"),
        (_quote("The", 3, 3), "out of range"),
        (_quote("The", 4, 7), "does not match the text at 4..7"),
        (_quote("provincial", 4, 14, prefix="A "), "prefix does not match"),
        (_quote("provincial", 4, 14, suffix=" council"), "suffix does not match"),
        ([{"type": "TextQuoteSelector", "exact": "The"}], "TextPositionSelector is required"),
    ],
)
def test_it_refuses_selectors_that_do_not_describe_the_text(selectors, message):
    with pytest.raises(ValueError, match=message):
        validate_selectors(TEXT, selectors)


def test_it_accepts_a_shorter_context_than_it_would_store():
    # A client may send less context; any suffix of the text before the quote is consistent.
    validate_selectors(TEXT, _quote("provincial", 4, 14, prefix="The ", suffix=" comm"))
