"""Anchoring: find a highlight's words again after the text it points into was edited.

Pure Python, no Django: the same code re-anchors annotations and flashcard evidence on every
article revision, and it is tested and benchmarked on its own.

Selectors (see ``selector.py``): the keyed form ``{"quote": TextQuoteSelector, "position":
TextPositionSelector}`` or the W3C list form, offsets in Unicode code points over the section's
text. ``anchor``/``reanchor_many`` follow Hypothesis's order and score (``match_quote.py``) but
add a minimum score and an ambiguity check, so an edited quote becomes an orphan instead of
jumping to a lookalike passage elsewhere (``anchor.py``).
"""

from .batch import reanchor_many
from .hypothesis_match import Match, MatchContext, match_quote
from .offsets import codepoints_to_utf16, utf16_length, utf16_to_codepoints
from .reanchor import AMBIGUITY_MARGIN, DEFAULT_MIN_SCORE, anchor
from .results import Anchored, AnchorResult, Orphaned
from .selector import (
    CONTEXT_LENGTH,
    PositionSelector,
    QuoteSelector,
    Selectors,
    SelectorsInput,
    describe,
    from_w3c,
    parse,
    to_w3c,
    validate_selectors,
)

__all__ = [
    "AMBIGUITY_MARGIN",
    "CONTEXT_LENGTH",
    "DEFAULT_MIN_SCORE",
    "Anchored",
    "AnchorResult",
    "Match",
    "MatchContext",
    "Orphaned",
    "PositionSelector",
    "QuoteSelector",
    "Selectors",
    "SelectorsInput",
    "anchor",
    "codepoints_to_utf16",
    "describe",
    "from_w3c",
    "match_quote",
    "parse",
    "reanchor_many",
    "to_w3c",
    "utf16_length",
    "utf16_to_codepoints",
    "validate_selectors",
]
