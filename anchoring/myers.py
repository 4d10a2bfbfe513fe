"""Approximate substring search: Myers' bit-parallel algorithm on Python integers.

Why hand-written: Hypothesis scores a candidate by the *infix* edit distance (the quote, or its
prefix/suffix, may match any substring of the text, and only the lowest-error places count), as
computed by ``approx-string-match`` in its client. rapidfuzz offers full-string Levenshtein and
Indel-based ``partial_ratio``, but not this semi-global distance with match start and end, and
edlib is a compiled extra we do not need: Python's unbounded integers hold the whole bit vector,
so one text character costs a handful of integer operations whatever the pattern's length.

This is fast on short windows (a 32-character context, a quote plus slack). Long texts are first
narrowed with rapidfuzz (see ``fuzzy.py``); ``match_quote`` is the one caller that scans a whole
text, to stay faithful to Hypothesis.
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A match of a pattern in a text: ``text[start:end]`` with ``errors`` edits."""

    start: int
    end: int
    errors: int


def match_ends(text: str, pattern: str, max_errors: int) -> tuple[int, list[int]]:
    """Lowest error count ``<= max_errors`` and every end offset that reaches it.

    Returns ``(max_errors, [])`` when nothing is that close. Like ``approx-string-match``'s
    ``findMatchEnds``, the threshold drops to each better score found, so only the best
    ends survive.
    """
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    best, ends = max_errors, []
    if score <= best:  # the empty substring before the text already qualifies
        best, ends = score, [0]
    for j, ch in enumerate(text):
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        # Searching, not comparing: row 0 is all zeros, so no carry enters the shift.
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        if score <= best:
            if score < best:
                best, ends = score, []
            ends.append(j + 1)
    return best, ends


def infix_distance(text: str, pattern: str) -> int:
    """Fewest edits that turn ``pattern`` into some substring of ``text`` (``len(pattern)`` max)."""
    if not pattern:
        return 0
    if pattern in text:
        return 0
    return match_ends(text, pattern, len(pattern))[0]


def approx_search(text: str, pattern: str, max_errors: int) -> list[Span]:
    """Every lowest-error match of ``pattern`` in ``text`` with at most ``max_errors`` edits.

    Among the starts that give an end the same error count, the longest span wins (as in
    ``approx-string-match``'s ``findMatchStarts``). Spans come in text order.
    """
    if not pattern:
        return []
    errors, ends = match_ends(text, pattern, max_errors)
    if not ends:
        return []
    rev_pattern = pattern[::-1]
    spans = []
    for end in ends:
        lo = max(0, end - len(pattern) - errors)
        _, rev_ends = match_ends(text[lo:end][::-1], rev_pattern, errors)
        start = min((end - r for r in rev_ends), default=end)
        spans.append(Span(start, end, errors))
    return spans
