"""W3C selectors for a span of a section's text: describe, convert, parse and validate.

Why both selectors: a ``TextPositionSelector`` is cheap and exact while the text is unchanged; a
``TextQuoteSelector`` (exact text plus ~32 characters of prefix/suffix) survives edits and is what
re-anchoring scores against. Offsets count Unicode code points over the section's plain text (its
rendered ``textContent``), as the W3C model does.

Shape: ``describe`` returns the *keyed* form, easy to read in Python and JSON::

    {"quote": {"type": "TextQuoteSelector", "exact": str, "prefix": str, "suffix": str},
     "position": {"type": "TextPositionSelector", "start": int, "end": int}}

``to_w3c`` gives the W3C list form (``target.selector`` of a Web Annotation, for exports), and
every function here accepts either form, so a stored list can be passed back unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

QUOTE_TYPE: Literal["TextQuoteSelector"] = "TextQuoteSelector"
POSITION_TYPE: Literal["TextPositionSelector"] = "TextPositionSelector"
CONTEXT_LENGTH = 32


class QuoteSelector(TypedDict):
    type: Literal["TextQuoteSelector"]
    exact: str
    prefix: str
    suffix: str


class PositionSelector(TypedDict):
    type: Literal["TextPositionSelector"]
    start: int
    end: int


class Selectors(TypedDict):
    quote: QuoteSelector
    position: PositionSelector


# What callers may pass: the keyed dict above or the W3C list of selector dicts.
SelectorsInput = Mapping[str, Any] | Sequence[Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Target:
    """Parsed selectors: the quote always, the old position when one was stored."""

    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None


def describe(text: str, start: int, end: int, context: int = CONTEXT_LENGTH) -> Selectors:
    """Selectors for ``text[start:end]`` with up to ``context`` code points either side."""
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"span {start}..{end} is out of range 0..{len(text)}")
    return {
        "quote": {
            "type": QUOTE_TYPE,
            "exact": text[start:end],
            "prefix": text[max(0, start - context) : start],
            "suffix": text[end : end + context],
        },
        "position": {"type": POSITION_TYPE, "start": start, "end": end},
    }


def to_w3c(selectors: SelectorsInput) -> list[dict[str, Any]]:
    """The W3C list form: ``[TextQuoteSelector, TextPositionSelector]`` (quote first)."""
    keyed = _keyed(selectors)
    return [dict(keyed[key]) for key in ("quote", "position") if key in keyed]


def from_w3c(selectors: SelectorsInput) -> dict[str, dict[str, Any]]:
    """The keyed form of either shape (unknown selector types are dropped)."""
    return {key: dict(value) for key, value in _keyed(selectors).items()}


def parse(selectors: SelectorsInput) -> Target:
    """Read the quote (required) and position (optional) from either form.

    Raises ValueError with the reason when the input is malformed.
    """
    keyed = _keyed(selectors)
    quote = keyed.get("quote")
    if quote is None:
        raise ValueError("a TextQuoteSelector is required")
    exact = quote.get("exact")
    if not isinstance(exact, str) or not exact:
        raise ValueError("TextQuoteSelector.exact must be a non-empty string")
    prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise ValueError("TextQuoteSelector.prefix and .suffix must be strings")
    position = keyed.get("position")
    if position is None:
        return Target(exact, prefix, suffix, None, None)
    start, end = position.get("start"), position.get("end")
    if not (_is_int(start) and _is_int(end)):
        raise ValueError("TextPositionSelector.start and .end must be integers")
    return Target(exact, prefix, suffix, start, end)


def validate_selectors(text: str, selectors: SelectorsInput) -> Target:
    """Check that the selectors describe ``text`` exactly, as a newly created highlight must.

    Raises ValueError when the position is missing or out of range, or when the quote, prefix
    or suffix do not match the text at that position. Returns the parsed target.
    """
    target = parse(selectors)
    start, end = target.start, target.end
    if start is None or end is None:
        raise ValueError("a TextPositionSelector is required")
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"TextPositionSelector {start}..{end} is out of range for a text of "
            f"{len(text)} code points (need 0 <= start < end <= length)"
        )
    if text[start:end] != target.exact:
        raise ValueError(
            f"TextQuoteSelector.exact does not match the text at {start}..{end}: "
            f"expected {text[start:end][:80]!r}, got {target.exact[:80]!r}"
        )
    # Context is checked too: a client that computed it over other text would make every
    # later re-anchoring score against garbage. Any length is accepted.
    if not text[:start].endswith(target.prefix):
        raise ValueError("TextQuoteSelector.prefix does not match the text before the quote")
    if not text[end:].startswith(target.suffix):
        raise ValueError("TextQuoteSelector.suffix does not match the text after the quote")
    return target


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _keyed(selectors: SelectorsInput) -> dict[str, Mapping[str, Any]]:
    if isinstance(selectors, Mapping):
        items: Sequence[Any] = [selectors.get("quote"), selectors.get("position")]
        items = [item for item in items if item is not None]
        if not items and selectors.get("type"):  # a single bare selector dict
            items = [selectors]
    elif isinstance(selectors, Sequence) and not isinstance(selectors, str | bytes):
        items = selectors
    else:
        raise ValueError("selectors must be a dict or a list of selector dicts")
    keyed: dict[str, Mapping[str, Any]] = {}
    for item in items:
        if not isinstance(item, Mapping):
            raise ValueError("each selector must be a dict")
        kind = item.get("type")
        key = {QUOTE_TYPE: "quote", POSITION_TYPE: "position"}.get(kind)  # type: ignore[arg-type]
        if key is None:
            if "exact" in item and kind is None:  # keyed form may omit "type"
                key = "quote"
            elif "start" in item and kind is None:
                key = "position"
            else:
                continue
        keyed.setdefault(key, item)
    return keyed
