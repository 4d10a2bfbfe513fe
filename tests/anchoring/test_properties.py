"""Property tests: random texts, random edits, and the guarantees that must hold for all.

To know the right answer without the code under test, every highlight contains a token whose
characters occur nowhere else, so its words are unique; edits are random insertions, deletions
and replacements of words drawn from a small vocabulary (repeated words, emoji and CJK
included), as real prose repeats itself.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from anchoring import Anchored, anchor, describe, reanchor_many, to_w3c

VOCABULARY = [
    "the", "harvest", "grain", "quota", "of", "and", "province", "committee", "report",
    "figures", "famine", "village", "in", "was", "1958", "大跃进", "粮食", "🌾", "📉", ",", ".",
]  # fmt: skip
TOKEN = "⟦※⟧"  # characters that no generated word contains
CONTEXT = 32

words = st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join)


@st.composite
def documents(draw):
    """(text, start, end): a text with one highlight that contains the unique token."""
    left, right = draw(words), draw(words)
    before, after = draw(words), draw(words)
    quote = f"{before} {TOKEN} {after}".strip()
    text = f"{left} {quote} {right}"
    start = len(left) + 1
    return text, start, start + len(quote)


edit = st.tuples(
    st.floats(0, 1),  # where, as a share of the editable stretch
    st.sampled_from(["insert", "delete", "replace"]),
    st.integers(1, 60),  # how much to delete or replace
    words,  # what to insert
)


def apply_edits(stretch: str, edits: list) -> str:
    for where, kind, size, inserted in edits:
        at = int(where * len(stretch))
        cut = 0 if kind == "insert" else size
        added = "" if kind == "delete" else f" {inserted} "
        stretch = stretch[:at] + added + stretch[at + cut :]
    return stretch


@settings(deadline=None)
@given(documents())
def test_it_finds_an_unchanged_highlight_exactly(doc):
    text, start, end = doc
    result = anchor(text, to_w3c(describe(text, start, end)))
    assert result == Anchored(start, end, 1.0, "position")


@settings(deadline=None)
@given(documents(), st.lists(edit, max_size=6), st.lists(edit, max_size=6))
def test_it_follows_edits_that_spare_the_highlight_and_its_context(doc, before, after):
    text, start, end = doc
    lo, hi = max(0, start - CONTEXT), end + CONTEXT
    new_before = apply_edits(text[:lo], before)
    new = new_before + text[lo:hi] + apply_edits(text[hi:], after)
    shift = len(new_before) - lo
    for old_length in (None, len(text)):
        result = anchor(new, to_w3c(describe(text, start, end)), old_length=old_length)
        assert isinstance(result, Anchored), result
        assert (result.start, result.end) == (start + shift, end + shift)


@settings(deadline=None)
@given(documents(), st.lists(edit, max_size=6), st.lists(edit, max_size=6))
# Found by this test: a highlight at an end of the text, with a few characters of context, and
# an inserted copy of its words (less the rare ones) beside that same context.
@example(
    (" the the ⟦※⟧ the", 1, 12), [(0.0, "delete", 1, "")], [(0.0, "insert", 1, "harvest the the")]
)
@example(
    ("the the harvest the harvest the ⟦※⟧ the", 4, 35),
    [(1.0, "insert", 1, "")],
    [(0.0, "insert", 1, "harvest the harvest the harvest the")],
)
def test_it_never_places_a_highlight_on_other_words(doc, before, after):
    # Edits may now reach into the context right up to the quote: the highlight may become an
    # orphan, but if it is placed, it is placed on its own words.
    text, start, end = doc
    new_before = apply_edits(text[:start], before)
    new = new_before + text[start:end] + apply_edits(text[end:], after)
    result = anchor(new, to_w3c(describe(text, start, end)))
    if isinstance(result, Anchored):
        shift = len(new_before) - start
        assert (result.start, result.end) == (start + shift, end + shift)


@settings(deadline=None, max_examples=50)
@given(st.lists(documents(), min_size=1, max_size=5), st.lists(edit, max_size=4))
def test_it_agrees_in_a_batch_with_one_by_one(docs, edits):
    # Several highlights in one text (the token makes each unique by its neighbours too).
    text = "\n\n".join(f"{i} {doc[0]}" for i, doc in enumerate(docs))
    spans, offset = [], 0
    for i, (doc_text, start, end) in enumerate(docs):
        prefix = len(f"{i} ")
        spans.append((offset + prefix + start, offset + prefix + end))
        offset += prefix + len(doc_text) + 2
    selectors = [to_w3c(describe(text, s, e)) for s, e in spans]
    new = apply_edits(text, edits)
    batch = reanchor_many(new, selectors, old_length=len(text))
    for result, one in zip(batch, selectors, strict=True):
        single = anchor(new, one, old_length=len(text))
        if isinstance(result, Anchored) and isinstance(single, Anchored):
            assert (result.start, result.end) == (single.start, single.end)
