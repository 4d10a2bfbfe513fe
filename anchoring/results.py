"""What re-anchoring returns: a place (``Anchored``) or a reason it has none (``Orphaned``).

Why a reason: orphans are listed to their owner, never deleted, and "the text is gone" calls for
a different message than "it could be either of two places".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Method = Literal["position", "exact", "fuzzy"]
OrphanReason = Literal["invalid", "not_found", "low_score", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Anchored:
    """The highlight now covers ``text[start:end]`` (code points).

    ``method``: ``position`` (the stored offsets still hold the quote), ``exact`` (the quote was
    found verbatim elsewhere) or ``fuzzy`` (an edited version of it was found; re-describe the
    span to refresh the stored quote).
    """

    start: int
    end: int
    score: float
    method: Method


@dataclass(frozen=True, slots=True)
class Orphaned:
    """No trustworthy place. ``score`` is the best candidate's, when there was one.

    Reasons: ``invalid`` (malformed selectors), ``not_found`` (nothing close to the quote),
    ``low_score`` (the closest place scores below the minimum), ``ambiguous`` (two places
    score alike).
    """

    reason: OrphanReason
    score: float | None = None


AnchorResult = Anchored | Orphaned
