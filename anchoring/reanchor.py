"""Re-anchor one highlight in edited text: Hypothesis's order and score, plus guards.

Why not just Hypothesis's ``matchQuote``: it always answers. When a highlighted sentence is
edited, its quote jumps to whichever lookalike scores best, however poorly (client#7571). We keep
their order (position, then the exact quote, then fuzzy) and their weights, and we add:

1. a minimum score (``DEFAULT_MIN_SCORE``), which mostly bounds how edited a quote may be;
2. confirmation by context. In real prose a lookalike often shares much of its context
   ("... the harvest figures by 28 percent" / "by 52 percent"), enough to pass any plain score
   threshold; the benchmark found such cases. So the winner's context must still be there:
   both sides nearly intact (``STRONG_CONTEXT``: prefix + suffix similarity), or one side
   intact (``ONE_SIDE``: at most one edit in 32 characters) with the quote nearly intact
   (``ONE_SIDE_QUOTE``) and the place ``NEAR`` a hint - the usual case of a paragraph inserted
   or moved right before or after the highlight. An absent side (the quote began the text)
   counts as intact only where the place still begins the text;
3. ambiguity: an orphan when another, non-overlapping place comes within ``AMBIGUITY_MARGIN``
   on quote and context (unless the winner is clearly nearer the hint: half the distance), or
   when another place would be accepted on its own too (unless the winner is ``SURE``: quote
   and both sides verbatim). The second rule catches a paragraph
   moved away: it carries the highlight's old suffix along, and a lookalike sentence that now
   ends before it has a perfect suffix, while the real place keeps a perfect prefix.

One exception to 1-2: a quote of ``DISTINCT_LENGTH``+ characters (a paragraph, say) found
verbatim exactly once is trusted with changed context on both sides, wherever it is (a paragraph
moved whole), unless an edited version of it scores higher. Shorter verbatim quotes with foreign
context on both sides are exactly the lookalikes rule 2 is for.
"""

from __future__ import annotations

from .fuzzy import align_near, framed_by_context, ratio_cutoff, runners_up
from .hypothesis_match import exact_spans
from .myers import Span
from .results import Anchored, AnchorResult, Orphaned
from .scoring import (
    CONTENT_WEIGHT,
    POSITION_WEIGHT,
    PREFIX_WEIGHT,
    QUOTE_WEIGHT,
    SUFFIX_WEIGHT,
    TOTAL_WEIGHT,
    Scored,
    adjacent_context,
    score_span,
)
from .selector import SelectorsInput, Target, parse

# 0.75, not the 0.85 the research notes tried with Hypothesis's infix measure: on our adjacent
# measure unrelated context scores ~0.2 instead of ~0.45, so the same evidence scores lower, and
# rejecting lookalikes is rule 2's job. At 0.75 a verbatim quote with one intact side passes.
DEFAULT_MIN_SCORE = 0.75
AMBIGUITY_MARGIN = 0.01  # about 1.5 characters of a 32-character context (content is 0..1)
STRONG_CONTEXT = 1.85  # prefix + suffix similarity: about 2 edits on each side
ONE_SIDE = 0.95  # one 32-character side with at most one edit
ONE_SIDE_QUOTE = 0.9  # ... and then the quote itself must be nearly intact
# Context this short (prefix and suffix together) cannot vouch for an edited version against
# the exact words elsewhere.
VOUCHING_CONTEXT = 24
SURE = 0.99  # quote and both contexts (all but) verbatim: no need to look further
DISTINCT_LENGTH = 128
NEAR = 512  # code points from a hint: "where the highlight is expected"
WINDOW = 2048  # code points either side of a hint searched for edited versions
MAX_SCORED_EXACT = 64  # a quote like "the": score only the occurrences nearest the hint


def anchor(
    text: str,
    selectors: SelectorsInput,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    hint: int | None = None,
    old_length: int | None = None,
) -> AnchorResult:
    """Find the span that ``selectors`` (keyed or W3C list form) describe in ``text``.

    ``hint`` is the best guess of the new start (``reanchor_many`` derives it from neighbours);
    without it, the old start is scaled by ``len(text) / old_length`` when the old length is
    known, else used as is.
    """
    try:
        target = parse(selectors)
    except ValueError:
        return Orphaned("invalid")
    guess = estimate_hint(target, len(text), hint, old_length)
    return anchor_target(text, target, min_score=min_score, hints=() if guess is None else (guess,))


def estimate_hint(
    target: Target, new_length: int, hint: int | None, old_length: int | None
) -> int | None:
    if hint is not None or target.start is None:
        return hint
    if old_length:
        return round(target.start * new_length / old_length)
    return target.start


def anchor_target(
    text: str,
    target: Target,
    *,
    min_score: float,
    hints: tuple[int, ...],
    verbatim: list[Span] | None = None,
) -> AnchorResult:
    """``anchor`` for parsed selectors. ``hints``: likely new starts, the likeliest first;
    ``verbatim``: the quote's exact occurrences, when the caller has already searched."""
    if not text:
        return Orphaned("not_found")
    if (at := at_position(text, target)) is not None:
        return at
    exact = score_exact(text, target, hints, verbatim)
    verdict, best = decide(text, target, exact, hints, min_score)
    if best is not None and best.content >= SURE and verdict in ("anchored", "ambiguous"):
        return _result(verdict, best, target)

    # Nothing sure verbatim: an edited version may score higher, near a hint first (a sure one
    # there ends the search: only a near copy of quote and context could rival it)...
    candidates = _merge(exact, _near_versions(text, target, hints, min_score, best))
    verdict, best = decide(text, target, candidates, hints, min_score)
    if best is not None and best.content >= SURE and verdict in ("anchored", "ambiguous"):
        return _result(verdict, best, target)
    # ... or anywhere its old context frames it (which also reveals a second vouched place).
    candidates = _merge(candidates, _framed_versions(text, target, hints))
    verdict, best = decide(text, target, candidates, hints, min_score)
    if verdict in ("anchored", "ambiguous"):
        return _result(verdict, best, target)
    if best and best.errors == 0 and len(exact) == 1 and _distinct(target):
        return Anchored(best.start, best.end, best.score, "exact")
    return Orphaned("low_score", best.score) if best else Orphaned("not_found")


def at_position(text: str, target: Target) -> Anchored | None:
    """The stored offsets, if the quote and its whole stored context are still there.

    Position first, as the design and Hypothesis have it, but with the context checked too:
    a short quote like "the" often sits at its old offsets by chance after an insertion. Only
    a passage identical for 32 characters either side, shifted exactly onto the old offsets,
    could still fool it."""
    start, end = target.start, target.end
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    if text[start:end] != target.exact or not _context_intact(text, start, end, target):
        return None
    return Anchored(start, end, 1.0, "position")


def score_exact(
    text: str, target: Target, hints: tuple[int, ...], spans: list[Span] | None = None
) -> list[Scored]:
    """Every verbatim occurrence, scored (only the likeliest ones when there are very many)."""
    if spans is None:
        spans = exact_spans(text, target.exact)
    if len(spans) > MAX_SCORED_EXACT:
        # Checking context verbatim is cheap; scoring it approximately is not.
        intact = [s for s in spans if _context_intact(text, s.start, s.end, target)]
        if intact:
            spans = intact[:MAX_SCORED_EXACT]
        elif hints:
            spans = sorted(spans, key=lambda s: min(abs(s.start - h) for h in hints))
            spans = spans[:MAX_SCORED_EXACT]
        else:
            spans = spans[:MAX_SCORED_EXACT]
    hint = hints[0] if hints else None
    return [_score(text, target, hint, s) for s in spans]


def decide(
    text: str,
    target: Target,
    candidates: list[Scored],
    hints: tuple[int, ...],
    min_score: float,
) -> tuple[str, Scored | None]:
    """``("anchored" | "ambiguous" | "weak" | "none", best)`` for a list of scored places."""
    if not candidates:
        return "none", None
    vouched = [c for c in candidates if c.score >= min_score and _confirmed(text, target, c, hints)]
    if not vouched:
        return "weak", min(candidates, key=lambda c: (-c.score, c.start))
    best = min(vouched, key=lambda c: (-c.score, c.start))
    if (
        best.errors
        and len(target.prefix or "") + len(target.suffix or "") < VOUCHING_CONTEXT
        and any(c.errors == 0 and not c.overlaps(best) for c in candidates)
    ):
        # An edited version vouched for by a few characters of context (the highlight sat at
        # an end of the text), against the exact words elsewhere: so little context could sit
        # by chance next to many places, so guessing could move the highlight onto other words.
        return "ambiguous", best
    for rival in candidates:
        if rival is best or rival.overlaps(best):
            continue
        if rival.content >= best.content - AMBIGUITY_MARGIN and not _clearly_nearer(
            best, rival, hints
        ):
            return "ambiguous", best
        if rival in vouched and best.content < SURE:
            return "ambiguous", best  # two places, each vouched for by its context
    return "anchored", best


def _confirmed(text: str, target: Target, place: Scored, hints: tuple[int, ...]) -> bool:
    if not target.prefix and not target.suffix:
        return True  # the quote was the whole text: there is nothing to confirm with
    prefix = place.prefix_part if target.prefix else float(place.start == 0)
    suffix = place.suffix_part if target.suffix else float(place.end == len(text))
    if prefix + suffix >= STRONG_CONTEXT:
        return True
    return (
        max(prefix, suffix) >= ONE_SIDE
        and place.quote_part >= ONE_SIDE_QUOTE
        and _near(place, hints)
    )


def _distinct(target: Target) -> bool:
    return len(target.exact) >= DISTINCT_LENGTH


def _near(place: Scored, hints: tuple[int, ...]) -> bool:
    return any(abs(place.start - hint) <= NEAR for hint in hints)


def _clearly_nearer(best: Scored, rival: Scored, hints: tuple[int, ...]) -> bool:
    return bool(hints) and 2 * abs(best.start - hints[0]) < abs(rival.start - hints[0])


def _near_versions(
    text: str,
    target: Target,
    hints: tuple[int, ...],
    min_score: float,
    best: Scored | None,
) -> list[Scored]:
    """Edited versions of the quote in the windows around the hints (the whole text without
    hints): the best place in each window and the best left and right of it."""
    quote, hint = target.exact, (hints[0] if hints else None)
    scored: list[Scored] = []
    floor = min(min_score, best.score) if best else min_score
    for lo, hi in _windows(len(text), len(quote), hints):
        found = align_near(text, quote, lo, hi, ratio_cutoff(_quote_floor(floor)))
        if found is None:
            continue
        first = _score(text, target, hint, found)
        # A runner-up matters if it could come within the margin of the best content seen so
        # far, and still reach min_score.
        top = max([first.content] + [c.content for c in scored] + ([best.content] if best else []))
        needed = (CONTENT_WEIGHT * (top - AMBIGUITY_MARGIN) - PREFIX_WEIGHT - SUFFIX_WEIGHT) / (
            QUOTE_WEIGHT
        )
        needed = max(needed, _quote_floor(min_score))
        others = runners_up(text, quote, lo, hi, found, ratio_cutoff(needed))
        scored += [first] + [_score(text, target, hint, span) for span in others]
    return scored


def _framed_versions(text: str, target: Target, hints: tuple[int, ...]) -> list[Scored]:
    """Places framed by the old context, verbatim, anywhere in the text."""
    hint = hints[0] if hints else None
    spans = framed_by_context(text, target.exact, target.prefix, target.suffix)
    return [_score(text, target, hint, span) for span in spans]


def _windows(length: int, quote_len: int, hints: tuple[int, ...]) -> list[tuple[int, int]]:
    """The stretches around each hint (merged where they overlap); the whole text without."""
    if not hints:
        return [(0, length)]
    reach = WINDOW + quote_len
    spans = sorted((max(0, h - reach), min(length, h + reach)) for h in hints)
    merged = [spans[0]]
    for lo, hi in spans[1:]:
        if lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _result(verdict: str, best: Scored, target: Target) -> AnchorResult:
    if verdict == "ambiguous":
        return Orphaned("ambiguous", best.score)
    if best.errors:
        method = "fuzzy"
    elif best.start == target.start and best.end == target.end:
        method = "position"
    else:
        method = "exact"
    return Anchored(best.start, best.end, best.score, method)


def _quote_floor(score: float) -> float:
    """The lowest quote similarity that can still reach ``score`` with perfect context."""
    rest = PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
    return min(1.0, max(0.5, (TOTAL_WEIGHT * score - rest) / QUOTE_WEIGHT))


def _merge(known: list[Scored], new: list[Scored]) -> list[Scored]:
    """Add places not already known. Overlapping places are one place: keep the one whose
    quote needs fewer edits (then the higher score), so a fuzzy span that stretches over a
    neighbouring space to fit the old context never displaces the verbatim quote."""
    merged = list(known)
    for cand in new:
        if not any(cand.overlaps(k) and _rank(k) >= _rank(cand) for k in merged):
            merged = [k for k in merged if not cand.overlaps(k)] + [cand]
    return merged


def _rank(place: Scored) -> tuple[int, float]:
    return -place.errors, place.score


def _score(text: str, target: Target, hint: int | None, span: Span) -> Scored:
    return score_span(
        text,
        span.start,
        span.end,
        span.errors,
        len(target.exact),
        target.prefix,
        target.suffix,
        hint,
        adjacent_context,
    )


def _context_intact(text: str, start: int, end: int, target: Target) -> bool:
    before = start - len(target.prefix)
    return (
        before >= 0
        and text.startswith(target.prefix, before)
        and text.startswith(target.suffix, end)
    )
