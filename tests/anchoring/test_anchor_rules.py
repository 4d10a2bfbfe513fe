"""The rules ``anchor`` adds to Hypothesis's scoring, one table per rule."""

from __future__ import annotations

import pytest

from anchoring import Anchored, Orphaned, anchor, describe, to_w3c

BASE = (
    "The county leadership reported the harvest figures in the spring. "
    "Inspectors from the ministry questioned the grain reserves in Henan. "
    "The communal kitchens closed before the winter because the granaries were empty."
)
QUOTE = "questioned the grain reserves in Henan"


def _selectors(text: str = BASE, quote: str = QUOTE, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return to_w3c(describe(text, start, start + len(quote)))


@pytest.mark.parametrize(
    ("new", "method"),
    [
        (BASE, "position"),
        ("Preface. " + BASE, "exact"),
        (BASE.replace("grain reserves", "grain reserve"), "fuzzy"),
    ],
)
def test_it_reports_how_it_found_the_place(new, method):
    result = anchor(new, _selectors())
    assert isinstance(result, Anchored)
    assert result.method == method
    assert QUOTE[:20] in new[result.start : result.end]


@pytest.mark.parametrize(
    ("selectors", "text", "reason"),
    [
        ([{"type": "XPathSelector", "value": "/p"}], BASE, "invalid"),
        ("not selectors", BASE, "invalid"),
        (_selectors(), "", "not_found"),
        (_selectors(), "Completely unrelated words about weather and rivers.", "not_found"),
    ],
)
def test_it_orphans_with_a_reason(selectors, text, reason):
    result = anchor(text, selectors)
    assert isinstance(result, Orphaned)
    assert result.reason == reason


def test_it_accepts_the_keyed_form_and_a_quote_without_position():
    keyed = describe(BASE, BASE.index(QUOTE), BASE.index(QUOTE) + len(QUOTE))
    assert anchor("Preface. " + BASE, keyed) == anchor("Preface. " + BASE, to_w3c(keyed))
    quote_only = [keyed["quote"]]
    result = anchor("Preface. " + BASE, quote_only)
    assert isinstance(result, Anchored)
    assert result.start == BASE.index(QUOTE) + len("Preface. ")


def test_it_orphans_a_fuzzy_place_below_the_minimum_score():
    edited = BASE.replace("questioned the grain reserves", "questioned grain reserve levels")
    result = anchor(edited, _selectors())
    assert isinstance(result, Anchored)
    assert 0.8 < result.score < 0.9
    assert isinstance(anchor(edited, _selectors(), min_score=0.9), Orphaned)


REWRITTEN = BASE.replace(
    "Inspectors from the ministry questioned the grain reserves in Henan.",
    "A delegation arrived and counted the sacks one by one.",
)


@pytest.mark.parametrize(
    "lookalike",
    [
        # the quote verbatim, but neither side of its context
        " Much later a newspaper questioned the grain reserves in Henan as well.",
        # the quote nearly verbatim, with one side of the context nearly matching
        " Inspectors from the capital questioned the grain reserve of Henan in 1961.",
        # the quote with a typo and unrelated context
        " Nobody questioned the grain reserves in Henna until the famine was over.",
    ],
)
def test_it_never_moves_an_edited_highlight_to_a_lookalike(lookalike):
    result = anchor(REWRITTEN + lookalike, _selectors())
    assert isinstance(result, Orphaned), result


def test_it_moves_a_highlight_whose_words_and_context_moved():
    moved = (
        "The communal kitchens closed before the winter because the granaries were empty. "
        "The county leadership reported the harvest figures in the spring. "
        "Inspectors from the ministry questioned the grain reserves in Henan."
    )
    result = anchor(moved, _selectors())
    assert isinstance(result, Anchored)
    assert moved[result.start : result.end] == QUOTE


PASSAGE = "It rained. The report was late. It rained."
QUOTE_ONLY = [describe(PASSAGE, 11, 31)["quote"]]  # no old position: no hint of its own
TWICE = PASSAGE + " Then the roads flooded. " + PASSAGE


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (None, None),  # no hint: two identical places, no way to choose
        (40, None),  # a hint about as near one copy as the other
        (0, 11),  # a hint clearly nearer the first copy
        (len(TWICE), TWICE.rindex("The report")),  # ... or the second
    ],
)
def test_it_chooses_between_identical_passages_only_with_a_clear_hint(hint, expected):
    result = anchor(TWICE, QUOTE_ONLY, hint=hint)
    if expected is None:
        assert isinstance(result, Orphaned)
        assert result.reason == "ambiguous"
    else:
        assert isinstance(result, Anchored)
        assert result.start == expected


def test_it_scales_the_old_position_with_the_old_length():
    old = "x" * 100 + PASSAGE + "y" * 100
    selectors = to_w3c(describe(old, 111, 131))
    new = "x" * 40 + PASSAGE + "y" * 60 + "x" * 100 + PASSAGE + "y" * 200
    first, second = new.index("The report"), new.rindex("The report")
    near_old_start = anchor(new, selectors)
    assert isinstance(near_old_start, Anchored)
    assert near_old_start.start == first
    # Twice as long: the old start scaled to the new length lands by the second copy.
    result = anchor(new, selectors, old_length=len(old))
    assert isinstance(result, Anchored)
    assert result.start == second
