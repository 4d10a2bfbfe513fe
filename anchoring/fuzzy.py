"""Find approximate places for a quote: rapidfuzz to locate, Myers to align.

Why two steps: rapidfuzz's ``partial_ratio_alignment`` (C++, Indel similarity over sliding
windows) finds the most similar region of a ±2 KB window quickly, but its Indel
ratio and fixed-length window are not the edit distance Hypothesis scores. So the region it finds
is re-aligned with Myers' infix search (``myers.match_ends``) on the region plus a little
slack, which yields the true span and error count.

Runners-up are searched left and right of the best (so they never overlap it) with a cutoff
derived from what a rival would need to score, which makes the usual "no rival" answer cheap.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .myers import Span, match_ends

ONE_SIDE_EDITS = 0.2  # a quote after a one-sided frame with more edits is not worth aligning


def ratio_cutoff(min_quote_similarity: float) -> float:
    """A rapidfuzz cutoff (0..100) that no place with that quote similarity can fall below.

    ``k`` edits in a quote of length ``L`` cost at most ``3k`` Indel operations on a window of
    length ``L`` (a substitution is two, and the window may be off by ``k`` characters), so the
    ratio is at least ``1 - 1.5 k / L``. Two points of slack for rounding.
    """
    return max(0.0, 100.0 * (1.0 - 1.5 * (1.0 - min_quote_similarity)) - 2.0)


def align_near(text: str, quote: str, lo: int, hi: int, cutoff: float) -> Span | None:
    """The best approximate place for ``quote`` in ``text[lo:hi]``, or None below ``cutoff``."""
    if hi - lo < max(1, len(quote) // 2):
        return None
    found = fuzz.partial_ratio_alignment(quote, text[lo:hi], score_cutoff=cutoff)
    if found is None or found.score <= 0:
        return None
    # Where the whole quote would lie, by the rough alignment.
    rough_start = lo + found.dest_start - found.src_start
    rough_end = lo + found.dest_end + (len(quote) - found.src_end)
    slack = len(quote) // 8 + 4
    for _ in range(2):
        a, b = max(lo, rough_start - slack), min(hi, rough_end + slack)
        best = _align(text, quote, a, b, rough_start)
        if best is None:
            return None
        # A span that touches a cut edge might continue past it: widen once and retry.
        if (best.start > a or a == lo) and (best.end < b or b == hi):
            break
        slack *= 4
    return best


def _align(text: str, quote: str, a: int, b: int, near: int) -> Span | None:
    """The lowest-error span of ``quote`` in ``text[a:b]`` (the longest, then nearest ``near``).

    Myers' forward pass gives the best ends and their error count ``e``; each end's start lies
    within ``e`` of ``end - len(quote)``, and checking those few with rapidfuzz (C) is much
    cheaper than Myers' reverse pass in Python.
    """
    errors, ends = match_ends(text[a:b], quote, max(1, len(quote) // 2))
    spans = []
    for end in ends:
        end += a
        for start in range(max(a, end - len(quote) - errors), end - len(quote) + errors + 1):
            if Levenshtein.distance(quote, text[start:end], score_cutoff=errors) <= errors:
                spans.append(Span(start, end, errors))
                break  # the first that fits is the longest
    return min(spans, key=lambda s: abs(s.start - near), default=None)


def runners_up(text: str, quote: str, lo: int, hi: int, best: Span, cutoff: float) -> list[Span]:
    """The best place left of ``best`` and the best right of it, each only above ``cutoff``."""
    found = [align_near(text, quote, lo, best.start, cutoff)]
    found.append(align_near(text, quote, best.end, hi, cutoff))
    return [span for span in found if span is not None]


def framed_by_context(
    text: str, quote: str, prefix: str, suffix: str, limit: int = 16
) -> list[Span]:
    """Places that follow the stored prefix, or precede the stored suffix, found verbatim.

    Why: a highlight whose paragraph moved or whose neighbours are repeated verbatim may be
    out of reach of the window search, or crowded out of it by exact lookalikes; its own
    surroundings are still there, and ``str.find`` over the whole text is cheap. With both
    sides found about a quote apart, the span is fixed; with one side, the other end is the
    one that makes the fewest edits.
    """
    spans: list[Span] = []
    if len(prefix) >= 8:
        for start in _ends_of(text, prefix, limit):
            end = text.find(suffix, start + len(quote) // 2, start + len(quote) * 3 // 2 + 1)
            if len(suffix) >= 8 and end != -1:
                errors = Levenshtein.distance(quote, text[start:end])
                if errors <= len(quote) // 2:  # the same reach as the fuzzy search
                    spans.append(Span(start, end, errors))
            elif (fit := _best_end(text, quote, start)) is not None:
                spans.append(fit)
    if len(suffix) >= 8:
        for pos in _starts_of(text, suffix, limit):
            if not any(s.end == pos for s in spans) and (fit := _best_start(text, quote, pos)):
                spans.append(fit)
    return spans


def _ends_of(text: str, needle: str, limit: int) -> list[int]:
    return [pos + len(needle) for pos in _starts_of(text, needle, limit)]


def _starts_of(text: str, needle: str, limit: int) -> list[int]:
    found, pos = [], text.find(needle)
    while pos != -1 and len(found) < limit:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def _best_end(text: str, quote: str, start: int) -> Span | None:
    """The end after ``start`` that makes the fewest edits (the longest of equals), or None
    when the quote right after ``start`` is far from intact (over ``ONE_SIDE_EDITS``)."""
    return _best_fit(text, quote, start, forward=True)


def _best_start(text: str, quote: str, end: int) -> Span | None:
    """Like ``_best_end``, for the start before a fixed ``end``."""
    return _best_fit(text, quote, end, forward=False)


def _best_fit(text: str, quote: str, fixed: int, *, forward: bool) -> Span | None:
    def span(other: int) -> Span:
        a, b = (fixed, other) if forward else (other, fixed)
        return Span(a, b, Levenshtein.distance(quote, text[a:b], score_cutoff=len(quote)))

    step = 1 if forward else -1
    first = span(fixed + step * len(quote))
    # A one-sided frame vouches only for a nearly intact quote, so do not chase others. The
    # best end lies within as many characters of the plain one as there are edits.
    if first.errors > ONE_SIDE_EDITS * len(quote):
        return None
    best = first
    for shift in range(-first.errors, first.errors + 1):
        other = fixed + step * (len(quote) + shift)
        if shift == 0 or not 0 <= other <= len(text) or (other - fixed) * step <= 0:
            continue
        cand = span(other)
        longer = (cand.end - cand.start) > (best.end - best.start)
        if cand.errors < best.errors or (cand.errors == best.errors and longer):
            best = cand
    return best
