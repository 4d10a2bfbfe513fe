"""Anchoring: find a highlight's words again after the text it points into was edited.

Pure Python, no Django: the same code re-anchors annotations and flashcard evidence on every
article revision, and it is tested and benchmarked on its own.

Selectors (see ``selector.py``): the keyed form ``{"quote": TextQuoteSelector, "position":
TextPositionSelector}`` or the W3C list form, offsets in Unicode code points over the section's
text. ``anchor``/``reanchor_many`` follow Hypothesis's order and score (``hypothesis_match.py``
is their ``matchQuote``, kept faithful) but add a minimum score, confirmation by context and an
ambiguity check, so an edited quote becomes an orphan instead of jumping to a lookalike passage
elsewhere (``reanchor.py``); ``batch.py`` re-anchors a whole section cheapest-first.

Modules: ``selector`` (describe, W3C forms, validation), ``offsets`` (UTF-16 <-> code points),
``myers`` (approximate search), ``scoring`` (the weights), ``fuzzy`` (candidate places),
``results`` (``Anchored`` / ``Orphaned``).
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
