"""A port of Hypothesis's ``matchQuote``: the reference behaviour, kept verbatim on purpose.

Why keep it separate from ``anchor``: its semantics are those of
``hypothesis/client src/annotator/anchoring/match-quote.ts`` (BSD-2-Clause), checked against
their test vectors (``tests/anchoring/fixtures``): exact occurrences only if there are any,
otherwise the lowest-error approximate matches within ``min(256, len(quote) / 2)`` edits; the
highest score wins, ties go to the earliest; ``None`` only when nothing is within reach. It has
no minimum score and no ambiguity check, which is exactly why ``anchor`` does not stop here.
Offsets are code points (Hypothesis counts UTF-16 units; identical for BMP-only text).
"""

from __future__ import annotations

from typing import NamedTuple, TypedDict

from .myers import Span, approx_search
from .scoring import score_span


class MatchContext(TypedDict, total=False):
    prefix: str
    suffix: str
    hint: int


class Match(NamedTuple):
    start: int
    end: int
    score: float


def exact_spans(text: str, quote: str, limit: int | None = None) -> list[Span]:
    """Every (possibly overlapping) exact occurrence of ``quote``, in text order."""
    spans: list[Span] = []
    pos = text.find(quote)
    while pos != -1:
        spans.append(Span(pos, pos + len(quote), 0))
        if limit is not None and len(spans) >= limit:
            break
        pos = text.find(quote, pos + 1)
    return spans


def match_quote(text: str, quote: str, context: MatchContext | None = None) -> Match | None:
    """Find the best place for ``quote`` in ``text`` the way Hypothesis does."""
    if not quote or not text:
        return None
    context = context or {}
    candidates = exact_spans(text, quote)
    if not candidates:
        max_errors = min(256, len(quote) // 2)
        candidates = approx_search(text, quote, max_errors)
    if not candidates:
        return None
    scored = [
        score_span(
            text,
            c.start,
            c.end,
            c.errors,
            len(quote),
            context.get("prefix"),
            context.get("suffix"),
            context.get("hint"),
        )
        for c in candidates
    ]
    best = max(scored, key=lambda s: s.score)  # max() keeps the first of equals: earliest wins
    return Match(best.start, best.end, best.score)
