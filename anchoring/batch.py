"""Re-anchor every highlight of a section at once, cheapest evidence first.

Why a batch function: after an edit most highlights are still verbatim in the text, and those
tell us how far each stretch of the text moved. Pass 1 settles every highlight found at its old
offsets, or verbatim with its context at a single place (string search in C, microseconds);
where only position could tell two places apart, it waits for pass 2.
Pass 2 takes only the rest, with hints: the old start shifted as its settled neighbours moved,
the one before and the one after (they differ when a paragraph was inserted or moved in
between). Those hints are far better than the old offset or a proportional guess, so the fuzzy
search looks in small windows, and position breaks ties between repeated passages correctly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .hypothesis_match import exact_spans
from .myers import Span
from .reanchor import (
    AMBIGUITY_MARGIN,
    DEFAULT_MIN_SCORE,
    SURE,
    anchor_target,
    at_position,
    decide,
    estimate_hint,
    score_exact,
)
from .results import Anchored, AnchorResult, Orphaned
from .scoring import Scored
from .selector import SelectorsInput, Target, parse


def reanchor_many(
    new_text: str,
    selectors_list: Sequence[SelectorsInput],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    old_length: int | None = None,
) -> list[AnchorResult]:
    """``anchor`` for each item of ``selectors_list``, in the same order.

    Same rules and results as ``anchor``; ``old_length`` (the old text's length) scales old
    offsets for highlights that have no settled neighbour. Invalid selectors give
    ``Orphaned("invalid")`` for that item only.
    """
    targets: list[Target | None] = []
    verbatim: list[list[Span]] = []  # exact occurrences, searched once for both passes
    settled: list[AnchorResult | None] = []
    for selectors in selectors_list:
        try:
            target = parse(selectors)
        except ValueError:
            targets.append(None)
            verbatim.append([])
            settled.append(Orphaned("invalid"))
            continue
        targets.append(target)
        hint = estimate_hint(target, len(new_text), None, old_length)
        spans = exact_spans(new_text, target.exact)
        verbatim.append(spans)
        settled.append(_settle_verbatim(new_text, target, hint, min_score, spans))

    shifts = sorted(
        (t.start, r.start - t.start)
        for t, r in zip(targets, settled, strict=True)
        if t is not None and t.start is not None and isinstance(r, Anchored)
    )
    results: list[AnchorResult] = []
    for target, spans, result in zip(targets, verbatim, settled, strict=True):
        if result is None:
            assert target is not None
            hints = _neighbour_hints(shifts, target, len(new_text), old_length)
            result = anchor_target(
                new_text, target, min_score=min_score, hints=hints, verbatim=spans
            )
        results.append(result)
    return results


def _settle_verbatim(
    text: str, target: Target, hint: int | None, min_score: float, spans: list[Span]
) -> Anchored | None:
    """Pass 1: an answer only when verbatim evidence is clear; None defers to pass 2."""
    if (at := at_position(text, target)) is not None:
        return at
    hints = () if hint is None else (hint,)
    scored = score_exact(text, target, hints, spans)
    verdict, best = decide(text, target, scored, hints, min_score)
    if verdict != "anchored" or best is None or best.content < SURE or _tied(scored, best):
        return None
    method = "position" if (best.start, best.end) == (target.start, target.end) else "exact"
    return Anchored(best.start, best.end, best.score, method)


def _tied(candidates: list[Scored], best: Scored) -> bool:
    """Whether only position told ``best`` from another place: then pass 2 decides, with
    hints from settled neighbours instead of the old offset."""
    return any(
        c is not best and not c.overlaps(best) and c.content >= best.content - AMBIGUITY_MARGIN
        for c in candidates
    )


def _neighbour_hints(
    shifts: list[tuple[int, int]], target: Target, new_length: int, old_length: int | None
) -> tuple[int, ...]:
    """The old start moved like the settled neighbour before it and the one after it."""
    fallback = estimate_hint(target, new_length, None, old_length)
    if target.start is None:
        return ()
    i = bisect_left(shifts, (target.start,))
    near = sorted(
        (shifts[j] for j in (i - 1, i) if 0 <= j < len(shifts)),
        key=lambda s: abs(s[0] - target.start),
    )
    hints = [max(0, min(new_length, target.start + shift)) for _, shift in near]
    if not hints and fallback is not None:
        hints.append(fallback)
    return tuple(dict.fromkeys(hints))
