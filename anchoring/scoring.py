"""Hypothesis's candidate score: quote 50, prefix 20, suffix 20, position 2, over 92.

Why these weights: they are the ones the Hypothesis client has used for years
(``src/annotator/anchoring/match-quote.ts``), so our results on their published vectors agree
with theirs. Each part is a similarity in 0..1:

- quote: ``1 - errors / len(quote)`` for the candidate's edit count;
- prefix/suffix: how well the stored context still surrounds the candidate (1.0 when none was
  stored, 0.0 when there is no text on that side);
- position: ``1 - |start - hint| / len(text)`` (1.0 without a hint).

Two context measures:

- ``infix_context`` is Hypothesis's (``textMatchScore``): the infix edit distance of the context
  inside an equally long window. ``match_quote`` uses it, to stay faithful to their vectors.
- ``adjacent_context`` is what ``anchor`` uses: Levenshtein distance between the context and the
  text right next to the candidate, the far end allowed to float by a few characters. It is
  computed by rapidfuzz in C (far faster than our Python Myers loop, which matters for a
  thousand highlights with many repeated phrases), and it insists that the context *touch* the
  candidate, where the infix measure lets it float anywhere in the window. Unrelated English
  scores about 0.2 on it (0.34 at the 95th percentile, in the benchmark's prose); an intact
  context 1.0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .myers import infix_distance

QUOTE_WEIGHT = 50
PREFIX_WEIGHT = 20
SUFFIX_WEIGHT = 20
POSITION_WEIGHT = 2
CONTENT_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT
TOTAL_WEIGHT = CONTENT_WEIGHT + POSITION_WEIGHT
FLOAT = 3  # how far the far end of a context may move in ``adjacent_context``

# (text, start, end, prefix, suffix) -> (prefix part, suffix part)
ContextMeasure = Callable[[str, int, int, str | None, str | None], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate place with the parts of its score."""

    start: int
    end: int
    errors: int
    quote_part: float
    prefix_part: float
    suffix_part: float
    content: float  # quote, prefix and suffix alone, 0..1 (what ambiguity compares)
    score: float  # Hypothesis's score: all four parts, 0..1

    def overlaps(self, other: Scored) -> bool:
        return self.start < other.end and other.start < self.end


def context_similarity(window: str, context: str | None) -> float:
    """Hypothesis's ``textMatchScore``: how well ``context`` appears inside ``window``."""
    if not context:
        return 1.0
    if not window:
        return 0.0
    if window == context:
        return 1.0
    return 1.0 - infix_distance(window, context) / len(context)


def infix_context(
    text: str, start: int, end: int, prefix: str | None, suffix: str | None
) -> tuple[float, float]:
    before = text[max(0, start - len(prefix)) : start] if prefix else ""
    after = text[end : end + len(suffix)] if suffix else ""
    return context_similarity(before, prefix), context_similarity(after, suffix)


def adjacent_context(
    text: str, start: int, end: int, prefix: str | None, suffix: str | None
) -> tuple[float, float]:
    return _adjacent(text, start, prefix, before=True), _adjacent(text, end, suffix, before=False)


def _adjacent(text: str, at: int, context: str | None, *, before: bool) -> float:
    if not context:
        return 1.0
    n = len(context)
    touching = (text[at - n : at] if at >= n else None) if before else text[at : at + n]
    if touching == context:
        return 1.0
    best = n
    for width in range(max(0, n - FLOAT), n + FLOAT + 1):
        window = text[max(0, at - width) : at] if before else text[at : at + width]
        best = min(best, Levenshtein.distance(context, window, score_cutoff=best))
        if (at - width <= 0) if before else (at + width >= len(text)):
            break  # wider windows are clipped to the same text
    return 1.0 - best / n


def score_span(
    text: str,
    start: int,
    end: int,
    errors: int,
    quote_len: int,
    prefix: str | None,
    suffix: str | None,
    hint: int | None,
    measure: ContextMeasure = infix_context,
) -> Scored:
    """Score ``text[start:end]`` as a place for a quote of ``quote_len`` with ``errors`` edits."""
    quote_part = 1.0 - errors / quote_len
    prefix_part, suffix_part = measure(text, start, end, prefix, suffix)
    position_part = 1.0
    if hint is not None and text:
        # Not clamped: a stale hint past the end must still rank nearer places higher.
        position_part = 1.0 - abs(start - hint) / len(text)
    weighted = QUOTE_WEIGHT * quote_part + PREFIX_WEIGHT * prefix_part + SUFFIX_WEIGHT * suffix_part
    content = weighted / CONTENT_WEIGHT
    score = (weighted + POSITION_WEIGHT * position_part) / TOTAL_WEIGHT
    return Scored(start, end, errors, quote_part, prefix_part, suffix_part, content, score)
