"""reanchor_many: the batch path a new article revision takes."""

from __future__ import annotations

from anchoring import Anchored, Orphaned, anchor, describe, reanchor_many, to_w3c

PASSAGE = "Each brigade weighed the harvest twice, once in the field and once at the depot."
SENTENCE = "The county archives hold ledgers for every season of the campaign. "
FILLER = SENTENCE * 50
UNIQUE = "Only one ledger records the flood of July 1959 in any detail."


def _span(text: str, quote: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def test_it_keeps_order_and_isolates_invalid_selectors():
    text = "Alpha beta gamma. Delta epsilon zeta."
    good = to_w3c(describe(text, 6, 10))
    results = reanchor_many("Intro. " + text, [good, [{"type": "Nonsense"}], good])
    assert [type(r) for r in results] == [Anchored, Orphaned, Anchored]
    assert results[1] == Orphaned("invalid")
    assert results[0].start == 13


def test_it_uses_settled_neighbours_to_choose_between_identical_passages():
    # Two identical passages, identical well beyond 32 characters either side; the reader
    # highlighted words in the second one, and a unique sentence a little before it. Then a
    # paragraph about as long as the distance between the copies is inserted at the top.
    copy = SENTENCE * 2 + PASSAGE + " " + SENTENCE * 2
    old = SENTENCE * 5 + copy + SENTENCE * 40 + UNIQUE + " " + copy + SENTENCE * 5
    highlight = _span(old, "weighed the harvest twice", nth=1)
    first = _span(old, "weighed the harvest twice")
    neighbour = _span(old, UNIQUE)
    # The inserted text moves the first copy to just before the second one's old offset.
    shift = highlight[0] - first[0] - 40
    new = "x" * (shift - 2) + "\n\n" + old
    selectors = [to_w3c(describe(old, *neighbour)), to_w3c(describe(old, *highlight))]

    # Alone, the stale old offset points nearer the *first* copy: position is all that tells
    # them apart, and it misleads.
    alone = anchor(new, selectors[1])
    assert isinstance(alone, Anchored)
    assert alone.start == highlight[0] - 40  # the first copy, near where the second used to be

    # In a batch, the neighbour is found verbatim first and shows how far the text moved.
    _, result = reanchor_many(new, selectors)
    assert isinstance(result, Anchored)
    assert (result.start, result.end) == (highlight[0] + shift, highlight[1] + shift)


def test_it_finds_an_edited_highlight_near_where_its_neighbours_went():
    old = FILLER + UNIQUE + " The quota for Henan was raised twice in one year. " + FILLER
    quote = "The quota for Henan was raised twice in one year."
    highlight, neighbour = _span(old, quote), _span(old, UNIQUE)
    new = FILLER[:5000] + old.replace("raised twice", "raised two times")
    selectors = [to_w3c(describe(old, *neighbour)), to_w3c(describe(old, *highlight))]
    _, result = reanchor_many(new, selectors)
    assert isinstance(result, Anchored)
    assert result.method == "fuzzy"
    assert new[result.start : result.end] == quote.replace("raised twice", "raised two times")
