"""Text normalisation that remembers where every character came from.

Evidence quoted by a model (or typed by a person) rarely matches the section byte for byte: curly
versus straight quotes, en dashes versus hyphens, line breaks versus spaces, NFKC ligatures. We
compare normalised forms but store offsets into the *original* text, so each normalised
character carries the index of the original code point that produced it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
# Markdown emphasis that may survive in one text and not the other; dropping it on both sides
# keeps the comparison symmetric.
_DROPPED = {"*", "\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    origin: tuple[int, ...]  # origin[i] = index in the original text of normalised char i


def normalize(text: str, *, casefold: bool = True) -> Normalized:
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1  # index of the first whitespace char of a run, or -1
    for index, char in enumerate(text):
        if char.isspace():
            if pending_space < 0:
                pending_space = index
            continue
        if char in _DROPPED:
            continue
        piece = unicodedata.normalize("NFKC", char).translate(_QUOTES)
        if casefold:
            piece = piece.casefold()
        if not piece:
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                origin.append(pending_space)
            pending_space = -1
        for produced in piece:
            if produced.isspace():  # NFKC can turn odd spaces into plain ones
                if out and out[-1] != " ":
                    out.append(" ")
                    origin.append(index)
                continue
            out.append(produced)
            origin.append(index)
    return Normalized("".join(out), tuple(origin))


def fold(text: str) -> str:
    """A cheap comparison form (no offsets): NFKC, quotes and dashes folded, case folded."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def _strip_quote(quote: str) -> str:
    quote = quote.strip().strip('"').strip("\u201c\u201d").strip()
    for ellipsis in ("...", "\u2026"):
        quote = quote.removeprefix(ellipsis).removesuffix(ellipsis).strip()
    return quote


def find_span(
    text: str,
    quote: str,
    *,
    hint: int | None = None,
    haystack: Callable[[], Normalized] | None = None,
) -> tuple[int, int] | None:
    """Where `quote` occurs in `text`, as (start, end) code point offsets, or None.

    Exact match at the hint first (the local generator knows where its evidence is), then exact
    search, then search over normalised forms (`haystack` may supply the section's normalised
    form, computed once by the caller and only when needed). When the quote occurs more than
    once the occurrence nearest the hint wins, else the first.
    """
    quote = quote.strip()
    if not quote:
        return None
    if hint is not None and text.startswith(quote, hint):
        return hint, hint + len(quote)
    found = _nearest(text, quote, hint)
    if found >= 0:
        return found, found + len(quote)
    needle = normalize(_strip_quote(quote)).text
    if not needle:
        return None
    norm = haystack() if haystack is not None else normalize(text)
    found = _nearest(norm.text, needle, None if hint is None else _norm_index(norm, hint))
    if found < 0:
        return None
    start = norm.origin[found]
    last = norm.origin[found + len(needle) - 1]
    return start, last + 1


def _nearest(haystack: str, needle: str, hint: int | None) -> int:
    first = haystack.find(needle)
    if first < 0 or hint is None:
        return first
    best, position = first, first
    while position >= 0:
        if abs(position - hint) < abs(best - hint):
            best = position
        position = haystack.find(needle, position + 1)
    return best


def _norm_index(norm: Normalized, original_index: int) -> int:
    for index, origin in enumerate(norm.origin):
        if origin >= original_index:
            return index
    return len(norm.origin)
